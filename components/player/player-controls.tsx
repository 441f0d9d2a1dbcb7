"use client";

import { ListPlusIcon, PauseIcon, PlayIcon, SkipForwardIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { DevicePicker } from "./device-picker";
import { usePlayer, type Player, type PlayerCommand } from "./use-player";

/** What a Play button starts: a saved playlist (its context) or a list of tracks, named for the listener. */
export type PlayTarget = { contextUri: string; label: string } | { uris: string[]; label: string };

/** The outcome of the last command: its explanation when Spotify refused (what to do), else what happened. */
export function PlayerFeedback({ player }: { player: Player }) {
  return (
    <>
      {player.error ? (
        <p role="alert" data-testid="player-error" className="rounded-md border border-destructive/40 bg-destructive/5 px-3 py-2 text-sm">
          {player.error}
        </p>
      ) : null}
      <p aria-live="polite" className="text-xs text-muted-foreground" data-testid="player-status">
        {player.error ? "" : player.message}
      </p>
    </>
  );
}

/**
 * Playback on the listener's Spotify: the device picker, Play (the target), Pause and Next, with
 * Spotify's refusals explained. Used by the playlist editor; `target` null offers Pause and Next only.
 */
export function PlayerControls({ target }: { target: PlayTarget | null }) {
  const player = usePlayer();
  const play = () => {
    if (!target) return;
    const input: PlayerCommand =
      "contextUri" in target
        ? { command: "play", contextUri: target.contextUri, label: target.label }
        : { command: "play", uris: target.uris, label: target.label };
    player.run(input);
  };
  const now = player.state.data?.playback;
  return (
    <section aria-label="Play on Spotify" className="flex flex-col gap-2 rounded-lg border p-3" data-testid="player-controls">
      <DevicePicker player={player} />
      <div className="flex flex-wrap items-center gap-2">
        {target ? (
          <Button type="button" size="sm" onClick={play} disabled={player.busy} data-testid="player-play">
            <PlayIcon aria-hidden="true" />
            Play
          </Button>
        ) : null}
        <Button type="button" size="sm" variant="outline" onClick={() => player.run({ command: "pause" })} disabled={player.busy}>
          <PauseIcon aria-hidden="true" />
          Pause
        </Button>
        <Button type="button" size="sm" variant="outline" onClick={() => player.run({ command: "next" })} disabled={player.busy}>
          <SkipForwardIcon aria-hidden="true" />
          Next
        </Button>
        {now?.track ? (
          <span className="min-w-0 truncate text-xs text-muted-foreground" data-testid="now-playing">
            {now.isPlaying ? "Now playing" : "Paused"}: {now.track.name}
            {now.track.artists[0] ? ` · ${now.track.artists[0].name}` : ""}
          </span>
        ) : null}
      </div>
      <PlayerFeedback player={player} />
    </section>
  );
}

/** Play one track now, or add it to the queue, on the chosen device: for a playlist row or a pick. */
export function TrackPlayButtons({ uri, label }: { uri: string; label: string }) {
  const player = usePlayer({ enabled: false });
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <span className="inline-flex gap-1">
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          onClick={() => player.run({ command: "play", uris: [uri], label })}
          disabled={player.busy}
          aria-label={`Play ${label} on Spotify`}
          title="Play on Spotify"
        >
          <PlayIcon aria-hidden="true" />
        </Button>
        <Button
          type="button"
          size="icon"
          variant="ghost"
          className="size-8"
          onClick={() => player.run({ command: "queue", uri, label })}
          disabled={player.busy}
          aria-label={`Add ${label} to the Spotify queue`}
          title="Add to queue"
        >
          <ListPlusIcon aria-hidden="true" />
        </Button>
      </span>
      {player.error ? (
        <span role="alert" className="max-w-xs text-right text-xs text-destructive">
          {player.error}
        </span>
      ) : null}
    </span>
  );
}

/** One labelled "Play on Spotify" action for a card (a Discover pick): plays the track on the chosen device. */
export function PlayOnSpotifyButton({ uri, label, className }: { uri: string; label: string; className?: string }) {
  const player = usePlayer({ enabled: false });
  return (
    <>
      <Button
        type="button"
        size="sm"
        variant="outline"
        className={className}
        onClick={() => player.run({ command: "play", uris: [uri], label })}
        disabled={player.busy}
        aria-label={`Play on Spotify: ${label}`}
        data-testid="play-on-spotify"
      >
        <PlayIcon aria-hidden="true" />
        Play on Spotify
      </Button>
      {player.error ? (
        <p role="alert" className="basis-full text-xs text-destructive" data-testid="play-on-spotify-error">
          {player.error}
        </p>
      ) : (
        <span aria-live="polite" className="sr-only">
          {player.message}
        </span>
      )}
    </>
  );
}
