"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { BLEND_RANGE_TABS, blendQueries, type BlendRange, type BlendView, type SharedEntry } from "@/lib/blend/client";
import { cn } from "@/lib/utils";
import { BlendPlaylist } from "./blend-playlist";
import { LeaveBlend } from "./leave-blend";
import { PrivacyNote } from "./privacy-note";

/** One Blend: the range tabs (in the URL), the match in numbers and words, what you share, the playlist, and leaving. */
export function BlendDetail({ id, range }: { id: string; range: BlendRange }) {
  const view = useQuery(blendQueries.view(id, range));
  const data = view.data;
  return (
    <div className="flex flex-col gap-8">
      <nav aria-label="Range compared" className="flex flex-wrap gap-2">
        {BLEND_RANGE_TABS.map((tab) => {
          const current = tab.range === range;
          return (
            <Link
              key={tab.range}
              href={`/blend/${id}?range=${tab.range}`}
              replace
              scroll={false}
              aria-current={current ? "page" : undefined}
              className={cn(
                "inline-flex h-9 items-center rounded-md border px-3 text-sm font-medium outline-none focus-visible:ring-2 focus-visible:ring-ring",
                current ? "border-primary bg-primary text-primary-foreground" : "bg-background hover:bg-accent",
              )}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      <QueryError error={view.error} onRetry={() => void view.refetch()} />
      {data ? (
        <>
          <Match view={data} />
          <div className="grid gap-6 md:grid-cols-2">
            <SharedList
              title="Artists you share"
              empty={`No artist is in both your top 50 (${data.rangeLabel.toLowerCase()}).`}
              entries={data.sharedArtists}
              partnerName={data.partner.name}
              testId="shared-artists"
            />
            <SharedList
              title="Tracks you share"
              empty={`No track is in both your top 100 (${data.rangeLabel.toLowerCase()}).`}
              entries={data.sharedTracks}
              partnerName={data.partner.name}
              testId="shared-tracks"
            />
          </div>
          <BlendPlaylist view={data} />
          <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_auto] md:items-start">
            <PrivacyNote otherName={data.partner.name} />
            <LeaveBlend id={data.id} partnerName={data.partner.name} />
          </div>
        </>
      ) : view.isPending ? (
        <BlendDetailSkeleton />
      ) : null}
    </div>
  );
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/** The score, big, with the computation in words beneath. */
function Match({ view }: { view: BlendView }) {
  const { match } = view;
  return (
    <section aria-labelledby="match-heading" className="rounded-xl border bg-card p-4 sm:p-6" data-testid="blend-match">
      <h2 id="match-heading" className="text-sm font-medium text-muted-foreground">
        Taste match, {view.rangeLabel.toLowerCase()}
      </h2>
      <p className="mt-1 text-4xl font-semibold tabular-nums sm:text-5xl" data-testid="match-percent">
        {match.percent}%
      </p>
      <p className="mt-2 text-sm" data-testid="match-explanation">
        {match.explanation}.
      </p>
      <p className="mt-1 text-sm text-muted-foreground">
        Each of you brings your top artists by listening time, as shares of your own total; the score adds up the smaller share of every
        artist and divides by the sum of the larger ones. 100% would be the same artists in the same proportions. You share{" "}
        {match.sharedArtists} of them.
        {view.partner.demoFriend ? ` ${view.partner.name} is a demo friend: ${lowerFirst(view.partner.demoFriend.about)}` : ""}
        {view.sharedDemoHistory
          ? " You both read the demo’s shared history (neither of you has imported your own), so your tastes match fully."
          : ""}
      </p>
    </section>
  );
}

function SharedList({
  title,
  empty,
  entries,
  partnerName,
  testId,
}: {
  title: string;
  empty: string;
  entries: SharedEntry[];
  partnerName: string;
  testId: string;
}) {
  return (
    <section aria-label={title} className="rounded-xl border bg-card p-4">
      <h2 className="font-semibold">{title}</h2>
      {entries.length === 0 ? (
        <p className="mt-2 text-sm text-muted-foreground">{empty}</p>
      ) : (
        <ol className="mt-2 flex flex-col gap-1.5" data-testid={testId}>
          {entries.map((entry) => (
            <li key={`${entry.name}|${entry.artist ?? ""}`} className="text-sm">
              <span className="font-medium">{entry.name}</span>
              {entry.artist ? <span className="text-muted-foreground"> · {entry.artist}</span> : null}
              <span className="block text-xs text-muted-foreground">
                #{entry.ranks[0]} for you, #{entry.ranks[1]} for {partnerName}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export function BlendDetailSkeleton() {
  return (
    <div role="status" className="flex flex-col gap-6">
      <span className="sr-only">Loading the Blend…</span>
      <Skeleton className="h-40 w-full rounded-xl" />
      <div className="grid gap-6 md:grid-cols-2">
        <Skeleton className="h-56 w-full rounded-xl" />
        <Skeleton className="h-56 w-full rounded-xl" />
      </div>
      <Skeleton className="h-96 w-full rounded-xl" />
    </div>
  );
}
