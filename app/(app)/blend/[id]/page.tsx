import { dehydrate, HydrationBoundary, QueryClient } from "@tanstack/react-query";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { BlendDetail } from "@/components/blend/blend-detail";
import { PageHeader } from "@/components/layout/page-header";
import { blendView } from "@/lib/blend";
import { blendQueries, readBlendRange } from "@/lib/blend/client";
import { AppError } from "@/lib/errors";
import { currentListener } from "@/lib/listener";

export const metadata: Metadata = { title: "Blend" };

const BLEND_ID = /^[A-Za-z0-9_-]{8,40}$/;

export default async function BlendDetailPage({ params, searchParams }: PageProps<"/blend/[id]">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const { id } = await params;
  if (!BLEND_ID.test(id)) notFound();
  const range = readBlendRange((await searchParams).range);
  let view;
  try {
    view = await blendView(listener, id, range);
  } catch (error) {
    // Another listener's Blend, one that ended, or an invite nobody accepted: as if it never existed.
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  const queryClient = new QueryClient();
  queryClient.setQueryData(blendQueries.view(id, range).queryKey, view);
  return (
    <>
      <PageHeader
        title={`You + ${view.partner.name}`}
        description={
          <>
            Your Blend: how your tastes match, what you share, and a playlist from both.{" "}
            <Link href="/blend" className="text-brand-text underline underline-offset-4">
              All Blends
            </Link>
          </>
        }
      />
      <HydrationBoundary state={dehydrate(queryClient)}>
        <BlendDetail id={id} range={range} />
      </HydrationBoundary>
    </>
  );
}
