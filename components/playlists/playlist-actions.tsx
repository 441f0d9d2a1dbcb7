"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { AlertTriangleIcon, CheckIcon, ExternalLinkIcon, Loader2Icon, RefreshCwIcon, UploadIcon } from "lucide-react";
import { useState, useSyncExternalStore } from "react";
import { PlayerControls, type PlayTarget } from "@/components/player/player-controls";
import { Button } from "@/components/ui/button";
import { fetchJson, ProblemError } from "@/lib/http/client";
import { playlistQueries, spotifyStateOf, type PlaylistData, type SpotifySync } from "@/lib/playlists/client";

/** POST /api/playlists/{id}/spotify */
interface SaveAnswer {
  spotify: Omit<SpotifySync, "updatedAt"> & { updatedAt: string };
  tracksOnSpotify: number;
  trackCount: number;
}

const subscribeNothing = () => () => {};

const plural = (count: number) => `${count} ${count === 1 ? "track" : "tracks"}`;

/** Spotify's player takes at most 100 tracks at once: an unsaved playlist plays its first 100. */
const PLAY_LIMIT = 100;

/**
 * What can be done with a playlist beyond editing it, in the editor's header: save it to Spotify
 * (or sync the edits since, or retry a save that stopped, with how far it got), open it there,
 * and play it on one of the listener's devices.
 */
export function PlaylistActions({ playlist }: { playlist: PlaylistData }) {
  const queryClient = useQueryClient();
  const [last, setLast] = useState<SaveAnswer | null>(null);
  const [showPlayer, setShowPlayer] = useState(false);
  // True once React runs the buttons (false in the server's HTML): tests and tools wait for it.
  const hydrated = useSyncExternalStore(
    subscribeNothing,
    () => true,
    () => false,
  );
  const save = useMutation({
    mutationKey: [...playlistQueries.all, "spotify", playlist.id],
    mutationFn: () =>
      fetchJson<SaveAnswer>(`/api/playlists/${encodeURIComponent(playlist.id)}/spotify`, {
        method: "POST",
        fallback: "The playlist could not be saved to Spotify. Try again.",
      }),
    onSuccess: (answer) => {
      setLast(answer);
      queryClient.setQueryData<PlaylistData>(playlistQueries.detail(playlist.id).queryKey, (current) =>
        current ? { ...current, spotify: answer.spotify } : current,
      );
      void queryClient.invalidateQueries({ queryKey: playlistQueries.list().queryKey });
    },
  });

  const state = save.isPending ? "saving" : spotifyStateOf(playlist);
  const sync = playlist.spotify;
  const count = playlist.tracks.length;
  const progress = last && last.spotify.targetVersion === playlist.version ? last : null;
  const saveLabel = state === "failed" ? "Retry" : state === "changed" ? "Sync changes" : "Save to Spotify";
  const requestError =
    save.error instanceof ProblemError ? save.error.detail : save.error ? "The playlist could not be saved. Try again." : null;
  const target: PlayTarget | null =
    // The saved copy only while it holds what is shown; else the tracks themselves.
    sync?.playlistId && state === "synced"
      ? { contextUri: `spotify:playlist:${sync.playlistId}`, label: `“${playlist.name}”` }
      : count > 0
        ? { uris: playlist.tracks.slice(0, PLAY_LIMIT).map((track) => track.key), label: `“${playlist.name}”` }
        : null;

  return (
    <div
      className="flex w-full flex-col gap-2 sm:w-auto sm:items-end"
      data-testid="playlist-actions"
      data-spotify-state={state}
      data-hydrated={hydrated}
    >
      <div className="flex flex-wrap items-center gap-2">
        {state === "synced" ? (
          <span className="inline-flex items-center gap-1.5 text-sm" data-testid="spotify-synced">
            <CheckIcon aria-hidden="true" className="size-4 text-primary" />
            {sync?.url ? "Saved to Spotify" : "Saved to your demo Spotify"}
          </span>
        ) : (
          <Button
            type="button"
            size="sm"
            onClick={() => save.mutate()}
            disabled={save.isPending || count === 0 || state === "saving"}
            aria-busy={save.isPending}
            data-testid="spotify-save"
          >
            {save.isPending || state === "saving" ? (
              <Loader2Icon aria-hidden="true" className="animate-spin" />
            ) : state === "failed" ? (
              <RefreshCwIcon aria-hidden="true" />
            ) : (
              <UploadIcon aria-hidden="true" />
            )}
            {save.isPending ? `Saving ${plural(count)}…` : state === "saving" ? "Saving…" : saveLabel}
          </Button>
        )}
        {sync?.url ? (
          <a
            href={sync.url}
            target="_blank"
            rel="noopener noreferrer"
            className="inline-flex items-center gap-1 text-sm font-medium underline-offset-4 hover:underline focus-visible:rounded-sm focus-visible:ring-2 focus-visible:ring-ring focus-visible:outline-none"
            data-testid="spotify-link"
          >
            Open in Spotify
            <ExternalLinkIcon aria-hidden="true" className="size-3.5" />
            <span className="sr-only">(opens in a new tab)</span>
          </a>
        ) : null}
        <Button
          type="button"
          size="sm"
          variant="outline"
          onClick={() => setShowPlayer((shown) => !shown)}
          aria-expanded={showPlayer}
          disabled={count === 0}
          data-testid="show-player"
        >
          Play on a device
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-muted-foreground" data-testid="spotify-progress">
        {state === "synced"
          ? `${plural(count)} on Spotify`
          : state === "changed"
            ? "Edited since the last save: sync to update the same Spotify playlist."
            : progress && state !== "failed"
              ? `${progress.tracksOnSpotify} of ${plural(progress.trackCount)} on Spotify`
              : ""}
      </p>
      {state === "failed" ? (
        <p
          role="alert"
          className="flex max-w-md items-start gap-2 rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm"
          data-testid="spotify-error"
        >
          <AlertTriangleIcon aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-destructive" />
          <span>{sync?.error ?? "The last save stopped before it finished. Choose Retry to finish it."}</span>
        </p>
      ) : null}
      {requestError ? (
        <p role="alert" className="max-w-md text-sm text-destructive" data-testid="spotify-request-error">
          {requestError}
        </p>
      ) : null}
      {showPlayer ? <PlayerControls target={target} /> : null}
    </div>
  );
}
