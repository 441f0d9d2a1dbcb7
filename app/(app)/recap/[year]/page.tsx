import { Share2Icon } from "lucide-react";
import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { PageHeader } from "@/components/layout/page-header";
import { CopyLink } from "@/components/recap/copy-link";
import { RecapCard } from "@/components/recap/recap-card";
import { SubmitButton } from "@/components/auth/submit-button";
import { getStore, sharesRepository } from "@/lib/db";
import { publicOrigin } from "@/lib/http";
import { recapFor, recapYearsFor, shareUrl } from "@/lib/insights";
import { currentListener } from "@/lib/listener";
import { cn } from "@/lib/utils";
import { setRecapSharing } from "../actions";

export async function generateMetadata({ params }: PageProps<"/recap/[year]">): Promise<Metadata> {
  const { year } = await params;
  return { title: `Your ${year} in music` };
}

export default async function RecapPage({ params }: PageProps<"/recap/[year]">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const year = Number((await params).year);
  if (!Number.isInteger(year)) notFound();
  const [recap, years, share] = await Promise.all([
    recapFor(listener, year),
    recapYearsFor(listener),
    getStore().then((store) => sharesRepository(store).forYear(listener.id, year)),
  ]);
  if (!recap) notFound();
  // The link is for others: on the origin the listener uses (or APP_URL), not a fixed port.
  const link = share?.enabled ? shareUrl(share._id, publicOrigin(await headers())) : null;

  return (
    <>
      <PageHeader title={`Your ${year} in music`} description={`${recap.minutes.toLocaleString("en")} minutes, from your own plays.`} />
      <nav aria-label="Years" className="mb-6 flex flex-wrap gap-2">
        {years.map((each) => (
          <Link
            key={each}
            href={`/recap/${each}`}
            aria-current={each === year ? "page" : undefined}
            className={cn(
              "rounded-full border px-3 py-1 text-sm",
              each === year ? "bg-primary text-primary-foreground" : "hover:bg-accent",
            )}
          >
            {each}
          </Link>
        ))}
      </nav>
      <RecapCard recap={recap} />
      <section aria-labelledby="share-heading" className="mt-8 rounded-xl border bg-card p-5">
        <h2 id="share-heading" className="flex items-center gap-2 font-semibold">
          <Share2Icon className="size-4" aria-hidden="true" />
          Share this year
        </h2>
        <p className="mt-1 text-sm text-muted-foreground">
          {link
            ? "Anyone with the link sees this recap (top artists, tracks, albums and minutes; nothing else). Turn it off and the link stops working at once, for good: turning sharing on again makes a new link."
            : "Sharing is off: nobody but you can see this page. Turning it on makes a link anyone can open."}
        </p>
        {link ? (
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <a href={link} className="break-all text-sm text-brand-text underline-offset-4 hover:underline" data-testid="share-link">
              {link}
            </a>
            <CopyLink url={link} />
          </div>
        ) : null}
        <form action={setRecapSharing} className="mt-4">
          <input type="hidden" name="year" value={year} />
          <input type="hidden" name="enabled" value={link ? "false" : "true"} />
          <SubmitButton variant={link ? "outline" : "default"} pendingLabel={link ? "Turning off…" : "Creating link…"}>
            {link ? "Turn sharing off" : "Turn sharing on"}
          </SubmitButton>
        </form>
      </section>
    </>
  );
}
