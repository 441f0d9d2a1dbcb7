"use client";

import { useCallback, useEffect, useRef, useState } from "react";

export interface PreviewState {
  /** The pick whose clip is loaded; null when none is. */
  key: string | null;
  playing: boolean;
  /** Seconds played, and the clip's length (30 s for Spotify's clips; 0 until known). */
  position: number;
  duration: number;
}

const IDLE: PreviewState = { key: null, playing: false, position: 0, duration: 0 };

/**
 * One preview at a time for the whole page: a single audio element, so starting a clip stops the
 * one before. At the end of a clip it goes back to idle; leaving the page stops it.
 */
export function usePreview({ onError }: { onError: (message: string) => void }) {
  const audio = useRef<HTMLAudioElement | null>(null);
  const [state, setState] = useState<PreviewState>(IDLE);

  useEffect(
    () => () => {
      audio.current?.pause();
      audio.current = null;
    },
    [],
  );

  const element = useCallback(() => {
    if (audio.current) return audio.current;
    const created = new Audio();
    created.preload = "none";
    const sync = () =>
      setState((previous) => ({
        ...previous,
        playing: !created.paused,
        position: created.currentTime,
        duration: Number.isFinite(created.duration) ? created.duration : 0,
      }));
    for (const event of ["play", "pause", "timeupdate", "durationchange"]) created.addEventListener(event, sync);
    created.addEventListener("ended", () => setState(IDLE));
    audio.current = created;
    return created;
  }, []);

  const toggle = useCallback(
    (key: string, url: string, label: string) => {
      const player = element();
      if (state.key === key) {
        if (player.paused) void player.play().catch(() => onError(`The preview of ${label} could not play.`));
        else player.pause();
        return;
      }
      player.pause();
      player.src = url;
      setState({ ...IDLE, key });
      void player.play().catch(() => {
        setState(IDLE);
        onError(`The preview of ${label} could not play.`);
      });
    },
    [element, onError, state.key],
  );

  return { preview: state, toggle };
}
