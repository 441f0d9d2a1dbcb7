"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ListMusicIcon, RefreshCwIcon } from "lucide-react";
import Link from "next/link";
import { EmptyState } from "@/components/layout/empty-state";
import { Button } from "@/components/ui/button";
import { blendMutations, blendQueries, type BlendTrack, type BlendView } from "@/lib/blend/client";
import { WhoBadge } from "./who-badge";

const minutes = (tracks: BlendTrack[]) => {
  const total = tracks.reduce((sum, track) => sum + (track.durationMs ?? 0), 0);
  return total > 0 ? `, ${Math.round(total / 60_000)} min` : "";
};

/** The viewer's copy of the Blend playlist: each pick with whose taste it comes from, Refresh, and the way to edit and save it. */
export function BlendPlaylist({ view }: { view: BlendView }) {
  const queryClient = useQueryClient();
  const refresh = useMutation({
    ...blendMutations.refresh(view.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...blendQueries.all, "view", view.id] }),
  });
  const playlist = view.playlist;
  return (
    <section aria-labelledby="blend-playlist-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="blend-playlist-heading" className="font-semibold">
            {playlist?.name ?? "The Blend playlist"}
          </h2>
          <p className="text-sm text-muted-foreground">
            {playlist
              ? `${playlist.tracks.length} tracks${minutes(playlist.tracks)}, taking turns between your favourites, ${view.partner.name}’s, the ones you share and a few new finds.`
              : "Drawn from both your histories."}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          {playlist ? (
            <Button asChild variant="outline" size="sm">
              <Link href={`/playlists/${playlist.id}`}>Edit or save to Spotify</Link>
            </Button>
          ) : null}
          <Button type="button" size="sm" variant="outline" disabled={refresh.isPending} onClick={() => refresh.mutate()}>
            <RefreshCwIcon aria-hidden="true" className={refresh.isPending ? "animate-spin motion-reduce:animate-none" : undefined} />
            {refresh.isPending ? "Refreshing…" : "Refresh"}
          </Button>
        </div>
      </div>
      <p className="sr-only" aria-live="polite">
        {refresh.isSuccess ? "The Blend playlist was drawn again for both of you." : ""}
      </p>
      {refresh.error ? (
        <p role="alert" className="text-sm text-destructive">
          {refresh.error.message}
        </p>
      ) : null}
      {playlist && playlist.tracks.length > 0 ? (
        <ol className="flex flex-col divide-y rounded-xl border bg-card" data-testid="blend-playlist">
          {playlist.tracks.map((track, index) => (
            <li key={track.key} className="flex items-start gap-3 px-3 py-2.5 sm:px-4" data-testid="blend-pick">
              <span className="w-6 shrink-0 pt-0.5 text-right text-sm tabular-nums text-muted-foreground">{index + 1}</span>
              <div className="min-w-0 flex-1">
                <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
                  <span className="min-w-0 truncate font-medium">{track.name}</span>
                  <WhoBadge track={track} partnerName={view.partner.name} />
                </div>
                <p className="truncate text-sm text-muted-foreground">{track.artistName}</p>
                {track.reason ? <p className="text-xs text-muted-foreground">{track.reason}</p> : null}
              </div>
            </li>
          ))}
        </ol>
      ) : (
        <EmptyState Icon={ListMusicIcon} title={playlist ? "The Blend playlist is empty" : "No Blend playlist yet"}>
          <p>
            {playlist
              ? "You removed every track from your copy. Refresh draws a new set from both your histories."
              : "There were not enough plays to draw one, or you deleted your copy. Refresh draws it again from both your histories."}
          </p>
        </EmptyState>
      )}
    </section>
  );
}
