"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback, useState, useSyncExternalStore } from "react";
import { fetchJson, ProblemError } from "@/lib/http/client";
import type { Device, PlaybackState } from "@/lib/spotify";

/** GET /api/player */
export interface PlayerStateData {
  devices: Device[];
  playback: (Omit<PlaybackState, "track"> & { track: { name: string; uri: string; artists: Array<{ name: string }> } | null }) | null;
  demo: boolean;
}

export type PlayerCommand =
  | { command: "play"; uris?: string[]; contextUri?: string; label: string }
  | { command: "queue"; uri: string; label: string }
  | { command: "pause" | "next" };

export const playerQueryKey = ["player"] as const;

/** The device the listener picked last, kept in this browser and shared by every player control. */
const DEVICE_KEY = "echotune.player.device";
const listeners = new Set<() => void>();
const readDevice = () => (typeof window === "undefined" ? "" : (window.localStorage.getItem(DEVICE_KEY) ?? ""));
function subscribeDevice(listener: () => void) {
  listeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

function doneMessage(input: PlayerCommand): string {
  switch (input.command) {
    case "play":
      return `Playing ${input.label}.`;
    case "queue":
      return `Added ${input.label} to the queue.`;
    case "pause":
      return "Paused.";
    case "next":
      return "Skipped to the next track.";
  }
}

/**
 * The listener's Spotify player: devices and playback (fetched when a control first shows),
 * the chosen device, and commands whose failures (no active device, Premium required) come back
 * as the server's explanation of what to do.
 */
export function usePlayer({ enabled = true }: { enabled?: boolean } = {}) {
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: playerQueryKey,
    queryFn: ({ signal }) => fetchJson<PlayerStateData>("/api/player", { signal, fallback: "Your Spotify devices could not be loaded." }),
    enabled,
    staleTime: 10_000,
    retry: false,
  });
  const stored = useSyncExternalStore(subscribeDevice, readDevice, () => "");
  const devices = state.data?.devices ?? [];
  // The stored choice while it is still there; else the active device; else none (Spotify picks).
  const deviceId = !state.data
    ? stored
    : (devices.find((device) => device.id === stored)?.id ?? devices.find((device) => device.isActive)?.id ?? devices[0]?.id ?? "");
  const chooseDevice = useCallback((id: string) => {
    window.localStorage.setItem(DEVICE_KEY, id);
    for (const listener of listeners) listener();
  }, []);

  const [message, setMessage] = useState("");
  const command = useMutation({
    mutationFn: async (input: PlayerCommand) => {
      const { command: name, ...rest } = input;
      const body: Record<string, unknown> = { ...(deviceId ? { deviceId } : {}) };
      if ("uris" in rest && rest.uris) body.uris = rest.uris;
      if ("contextUri" in rest && rest.contextUri) body.contextUri = rest.contextUri;
      if ("uri" in rest) body.uri = rest.uri;
      await fetchJson(`/api/player/${name}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        fallback: "Spotify could not be controlled. Try again.",
      });
      return input;
    },
    onMutate: () => setMessage(""),
    onSuccess: (input) => setMessage(doneMessage(input)),
    onSettled: () => queryClient.invalidateQueries({ queryKey: playerQueryKey }),
  });
  const error =
    command.error instanceof ProblemError ? command.error.detail : command.error ? "Spotify could not be controlled. Try again." : null;

  return {
    state,
    devices,
    deviceId,
    chooseDevice,
    run: command.mutate,
    busy: command.isPending,
    error,
    message,
    demo: state.data?.demo ?? false,
  };
}

export type Player = ReturnType<typeof usePlayer>;
