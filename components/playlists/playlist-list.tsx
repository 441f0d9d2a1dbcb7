"use client";

import { useQuery } from "@tanstack/react-query";
import { ExternalLinkIcon, ListMusicIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { playlistQueries, type PlaylistSummaryData } from "@/lib/playlists/client";

const ORIGINS: Record<PlaylistSummaryData["origin"], string> = {
  discover: "From Discover",
  assistant: "From the assistant",
  seed: "From a seed",
  prompt: "From a prompt",
  blend: "Blend",
  manual: "Made by hand",
};

const updated = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

function minutes(ms: number): string {
  const total = Math.round(ms / 60_000);
  return total >= 60 ? `${Math.floor(total / 60)} h ${total % 60} min` : `${total} min`;
}

/** The listener's playlists, most recently changed first: name, tracks, when, and Spotify's copy when saved. */
export function PlaylistList() {
  const query = useQuery(playlistQueries.list());
  if (query.error) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const playlists = query.data ?? [];
  if (playlists.length === 0) {
    return (
      <EmptyState
        Icon={ListMusicIcon}
        title="No playlists yet"
        actions={
          <Button asChild variant="outline">
            <Link href="/discover">Find music in Discover</Link>
          </Button>
        }
      >
        <p>
          Describe one above, add picks to your draft on Discover, or ask the assistant to build one. Every playlist keeps its versions, so
          any change can be undone.
        </p>
      </EmptyState>
    );
  }
  return (
    <ul className="flex flex-col gap-2" data-testid="playlist-list">
      {playlists.map((playlist) => (
        <li key={playlist.id} className="flex items-center gap-3 rounded-xl border bg-card p-3" data-testid="playlist-row">
          <span className="grid size-12 shrink-0 grid-cols-2 overflow-hidden rounded bg-muted" aria-hidden="true">
            {playlist.imageUrls.slice(0, 4).map((url) => (
              // eslint-disable-next-line @next/next/no-img-element -- covers come from the catalogue's own URLs, fixed size
              <img key={url} src={url} alt="" width={24} height={24} loading="lazy" className="size-6 object-cover" />
            ))}
          </span>
          <span className="min-w-0 flex-1">
            <Link href={`/playlists/${playlist.id}`} className="block truncate font-medium underline-offset-2 hover:underline">
              {playlist.name}
            </Link>
            <span className="block truncate text-sm text-muted-foreground">
              {playlist.trackCount} {playlist.trackCount === 1 ? "track" : "tracks"}
              {playlist.durationMs > 0 ? ` · ${minutes(playlist.durationMs)}` : ""} · {ORIGINS[playlist.origin]} · updated{" "}
              <time dateTime={playlist.updatedAt}>{updated.format(new Date(playlist.updatedAt))}</time>
            </span>
          </span>
          {playlist.spotify?.url ? (
            <a
              href={playlist.spotify.url}
              target="_blank"
              rel="noreferrer"
              className="inline-flex shrink-0 items-center gap-1 text-sm underline underline-offset-2"
              aria-label={`${playlist.name} on Spotify (opens Spotify)`}
            >
              Spotify
              <ExternalLinkIcon aria-hidden="true" className="size-3.5" />
            </a>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
