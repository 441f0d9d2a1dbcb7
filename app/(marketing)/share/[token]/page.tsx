import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { RecapCard } from "@/components/recap/recap-card";
import { Button } from "@/components/ui/button";
import { publicOrigin } from "@/lib/http";
import { sharedRecap, shareUrl } from "@/lib/insights";
import { site } from "@/lib/site";

/** The preview a chat app or social site shows for the link: this recap, at this link, not the landing page. */
export async function generateMetadata({ params }: PageProps<"/share/[token]">): Promise<Metadata> {
  const { token } = await params;
  const shared = await sharedRecap(token);
  if (!shared) return { title: "Link not available", robots: { index: false } };
  const origin = publicOrigin(await headers());
  const title = `${shared.displayName}'s ${shared.recap.year} in music`;
  const description = `${shared.recap.minutes.toLocaleString("en")} minutes; top artist ${shared.recap.topArtists[0]?.name ?? "—"}.`;
  return {
    // The share image (opengraph-image.tsx) on the same origin as the link.
    metadataBase: new URL(origin),
    title,
    description,
    openGraph: { type: "website", siteName: site.name, title: `${title} · ${site.name}`, description, url: shareUrl(token, origin) },
    twitter: { card: "summary_large_image", title: `${title} · ${site.name}`, description },
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
