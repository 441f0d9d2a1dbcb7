import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { isProblemCode, problemCatalog } from "@/lib/http";

export function generateStaticParams() {
  return Object.keys(problemCatalog).map((code) => ({ code }));
}

export const dynamicParams = false;

export async function generateMetadata({ params }: PageProps<"/problems/[code]">): Promise<Metadata> {
  const { code } = await params;
  return { title: isProblemCode(code) ? problemCatalog[code].title : "Problem", robots: { index: false } };
}

/** The page each problem+json `type` points at: what the error means and what to do. */
export default async function ProblemPage({ params }: PageProps<"/problems/[code]">) {
  const { code } = await params;
  if (!isProblemCode(code)) notFound();
  const problem = problemCatalog[code];
  return (
    <article className="mx-auto max-w-2xl px-4 py-16 sm:px-6">
      <p className="font-mono text-sm text-muted-foreground">
        HTTP {problem.status} · code <code>{code}</code>
      </p>
      <h1 className="mt-2 text-3xl font-semibold tracking-tight">{problem.title}</h1>
      <p className="mt-4 text-lg">{problem.hint}</p>
      <p className="mt-8 text-sm text-muted-foreground">
        Every EchoTune API error is an RFC 9457 problem+json document with <code>type</code>, <code>title</code>, <code>status</code>,{" "}
        <code>detail</code> and a stable <code>code</code>; the <code>detail</code> says what happened in this case.{" "}
        <Link className="underline" href="/">
          Back to EchoTune
        </Link>
      </p>
    </article>
  );
}
