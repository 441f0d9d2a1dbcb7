import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RecapCard } from "@/components/recap/recap-card";
import { Button } from "@/components/ui/button";
import { sharedRecap } from "@/lib/insights";

export async function generateMetadata({ params }: PageProps<"/share/[token]">): Promise<Metadata> {
  const shared = await sharedRecap((await params).token);
  if (!shared) return { title: "Link not available", robots: { index: false } };
  return {
    title: `${shared.displayName}'s ${shared.recap.year} in music`,
    description: `${shared.recap.minutes.toLocaleString("en")} minutes; top artist ${shared.recap.topArtists[0]?.name ?? "—"}.`,
    robots: { index: false },
  };
}

/** A listener's shared year in music: public only while they keep sharing on. */
export default async function SharedRecapPage({ params }: PageProps<"/share/[token]">) {
  await connection();
  const shared = await sharedRecap((await params).token);
  if (!shared) notFound();
  return (
    <div className="mx-auto w-full max-w-5xl px-4 py-10 sm:px-6">
      <p className="text-sm font-medium text-brand-text">Year in music</p>
      <h1 className="mt-1 text-3xl font-semibold tracking-tight">
        {shared.displayName}&apos;s {shared.recap.year}
      </h1>
      <p className="mt-1 mb-8 text-muted-foreground">{shared.recap.minutes.toLocaleString("en")} minutes of music.</p>
      <RecapCard recap={shared.recap} />
      <div className="mt-10 rounded-xl border bg-card p-5">
        <p className="font-medium">See your own years in music</p>
        <p className="mt-1 text-sm text-muted-foreground">
          Import your Spotify history and EchoTune turns every year of it into insights in seconds.
        </p>
        <Button asChild className="mt-4">
          <Link href="/sign-in">Get started</Link>
        </Button>
      </div>
    </div>
  );
}
