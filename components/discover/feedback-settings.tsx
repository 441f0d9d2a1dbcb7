"use client";

import { useQuery } from "@tanstack/react-query";
import { Undo2Icon } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { formatInstant } from "@/components/insights/format";
import { Button } from "@/components/ui/button";
import { recoQueries, type FeedbackEntry, type FeedbackInput } from "@/lib/reco/client";
import { NO_OPINIONS } from "./opinions";
import { useOpinion } from "./use-opinion";
import { QueryError } from "@/components/ui/query-error";

interface ListSpec {
  id: string;
  title: string;
  empty: string;
  entries: FeedbackEntry[];
  /** The date's words, and the undo button's visible words and accessible name. */
  when: (entry: FeedbackEntry & { until?: string }) => string;
  undo: string;
  undoLabel: (entry: FeedbackEntry) => string;
}

/**
 * Settings' "Likes and blocked artists": what the listener told Discover, each row with an undo.
 * Plain lists of buttons under headings, so a keyboard and a screen reader get the same as the eye.
 */
export function FeedbackSettings({ timeZone }: { timeZone: string }) {
  const query = useQuery(recoQueries.feedback());
  const [announcement, setAnnouncement] = useState("");
  const opinion = useOpinion({ onError: setAnnouncement });
  const feedback = query.data ?? NO_OPINIONS;
  const day = (iso: string) => formatInstant(Date.parse(iso), timeZone);

  const lists: ListSpec[] = [
    {
      id: "liked-tracks",
      title: "Liked tracks",
      empty: "No likes yet. Press Like on a pick in Discover and it shows here.",
      entries: feedback.likedTracks,
      when: (entry) => `Liked ${day(entry.at)}`,
      undo: "Take back",
      undoLabel: (entry) => `Take back the like for ${entry.name}`,
    },
    {
      id: "blocked-artists",
      title: "No more of this artist",
      empty: "No artists blocked. “No more of this artist” on a pick keeps that artist out of Discover.",
      entries: feedback.blockedArtists,
      when: (entry) => `Blocked ${day(entry.at)}`,
      undo: "Allow again",
      undoLabel: (entry) => `Allow again: ${entry.name}`,
    },
    // Discover no longer offers a track dislike, but earlier ones still count: shown only while there are any.
    ...(feedback.dislikedTracks.length > 0
      ? [
          {
            id: "disliked-tracks",
            title: "Disliked tracks",
            empty: "",
            entries: feedback.dislikedTracks,
            when: (entry: FeedbackEntry) => `Disliked ${day(entry.at)}`,
            undo: "Take back",
            undoLabel: (entry: FeedbackEntry) => `Take back the dislike for ${entry.name}`,
          },
        ]
      : []),
    {
      id: "snoozed-tracks",
      title: "Not now",
      empty: "Nothing hidden. “Not now” keeps a pick out of Discover for a week.",
      entries: feedback.snoozedTracks,
      when: (entry) => (entry.until ? `Hidden until ${day(entry.until)}` : `Hidden ${day(entry.at)}`),
      undo: "Show again",
      undoLabel: (entry) => `Show again: ${entry.name}`,
    },
  ];

  const takeBack = (entry: FeedbackEntry, message: string) => {
    const input: FeedbackInput = { target: entry.target, itemId: entry.itemId, kind: null };
    setAnnouncement(message);
    opinion.mutate(input);
  };

  return (
    <div className="flex flex-col gap-6" data-testid="feedback-settings">
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      {lists.map((list) => (
        <section key={list.id} aria-labelledby={`${list.id}-heading`} data-testid={list.id}>
          <h3 id={`${list.id}-heading`} className="text-sm font-semibold">
            {list.title} <span className="font-normal text-muted-foreground">({list.entries.length})</span>
          </h3>
          {list.entries.length === 0 ? (
            <p className="mt-2 text-sm text-muted-foreground">{list.empty}</p>
          ) : (
            <ul className="mt-2 divide-y rounded-lg border">
              {list.entries.map((entry) => (
                <li key={`${entry.target}|${entry.itemId}`} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                  <span className="min-w-0">
                    <span className="font-medium">{entry.name}</span>
                    {entry.artist ? <span className="text-muted-foreground"> · {entry.artist}</span> : null}
                    <span className="block text-xs text-muted-foreground">{list.when(entry)}</span>
                  </span>
                  <Button
                    type="button"
                    size="sm"
                    variant="outline"
                    aria-label={list.undoLabel(entry)}
                    onClick={() => takeBack(entry, `Done: ${list.undoLabel(entry).toLowerCase()}.`)}
                  >
                    <Undo2Icon aria-hidden="true" />
                    {list.undo}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      <p className="text-sm text-muted-foreground">
        Likes nudge similar picks up; blocks and “not now” keep picks out.{" "}
        <Link href="/discover" className="underline underline-offset-2">
          Back to Discover
        </Link>
      </p>
    </div>
  );
}
