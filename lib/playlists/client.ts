/**
 * The browser's side of stored playlists: types, query keys and fetchers, plus the pure edit
 * function the editor applies optimistically. Imports nothing server-only.
 */
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/client";
import type { PlaylistEdit, PlaylistTrackInput } from "./limits";
import type { Json, Playlist, PlaylistSummary, PlaylistVersionSummary } from "./types";

export { applyEdit, PlaylistEditError, toPlaylistTrack } from "./edit";
export type { PlaylistEdit, PlaylistTrackInput } from "./limits";
export { PLAYLIST_MAX_DESCRIPTION, PLAYLIST_MAX_NAME, PLAYLIST_MAX_TRACKS } from "./rules";
export type { Json, Playlist, PlaylistOrigin, PlaylistSummary, PlaylistTrack, PlaylistVersionSummary, SpotifySync } from "./types";
export { spotifyStateOf, STALE_PENDING_MS, type SpotifyState } from "./spotify-state";

/** A playlist as the API sends it. */
export type PlaylistData = Json<Playlist>;
export type PlaylistSummaryData = Json<PlaylistSummary>;
export type PlaylistVersionData = Json<PlaylistVersionSummary>;

/** GET /api/playlists/{id}/versions */
export interface PlaylistVersionsResponse {
  versions: PlaylistVersionData[];
}

/** Every playlists query: `playlistQueries.all` is the key prefix of them all. */
export const playlistQueries = {
  all: ["playlists"] as const,
  list: () =>
    queryOptions({
      queryKey: [...playlistQueries.all, "list"] as const,
      queryFn: async ({ signal }) =>
        (
          await fetchJson<{ playlists: PlaylistSummaryData[] }>("/api/playlists", {
            signal,
            fallback: "Your playlists could not be loaded. Try again.",
          })
        ).playlists,
    }),
  detail: (id: string) =>
    queryOptions({
      queryKey: [...playlistQueries.all, "detail", id] as const,
      queryFn: async ({ signal }) =>
        (
          await fetchJson<{ playlist: PlaylistData }>(`/api/playlists/${encodeURIComponent(id)}`, {
            signal,
            fallback: "This playlist could not be loaded. Try again.",
          })
        ).playlist,
    }),
  /** The listener's current Discover draft (null before their first pick). */
  discoverDraft: () =>
    queryOptions({
      queryKey: [...playlistQueries.all, "discover-draft"] as const,
      queryFn: async ({ signal }) =>
        (
          await fetchJson<{ playlist: PlaylistData | null }>("/api/playlists/draft", {
            signal,
            fallback: "Your draft could not be loaded. Try again.",
          })
        ).playlist,
    }),
  versions: (id: string) =>
    queryOptions({
      queryKey: [...playlistQueries.all, "versions", id] as const,
      queryFn: async ({ signal }) =>
        (
          await fetchJson<PlaylistVersionsResponse>(`/api/playlists/${encodeURIComponent(id)}/versions`, {
            signal,
            fallback: "The playlist's history could not be loaded. Try again.",
          })
        ).versions,
    }),
};

/** A server value as the API would send it (dates as strings): for data a page prefetches on the server. */
export function asJson<T>(value: T): Json<T> {
  return JSON.parse(JSON.stringify(value)) as Json<T>;
}

const jsonInit = (method: string, body: unknown) => ({
  method,
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** The requests the pages send; each answers with the playlist as it now is. */
export const playlistRequests = {
  create: async (body: {
    prompt?: string;
    seed?: { kind: "track" | "artist"; id: string };
    name?: string;
    description?: string;
    origin?: "discover" | "assistant" | "seed" | "prompt" | "manual";
    tracks?: PlaylistTrackInput[];
    requestId: string;
  }) =>
    (
      await fetchJson<{ playlist: PlaylistData }>("/api/playlists", {
        ...jsonInit("POST", body),
        fallback: "The playlist could not be made. Try again.",
      })
    ).playlist,
  edit: async (id: string, baseVersion: number, edit: PlaylistEdit) =>
    (
      await fetchJson<{ playlist: PlaylistData }>(`/api/playlists/${encodeURIComponent(id)}`, {
        ...jsonInit("PATCH", { baseVersion, edit }),
        fallback: "Your change could not be saved. Try again.",
      })
    ).playlist,
  version: async (id: string, body: { action: "undo" | "redo" | "restore"; baseVersion: number; version?: number }) =>
    (
      await fetchJson<{ playlist: PlaylistData }>(`/api/playlists/${encodeURIComponent(id)}/versions`, {
        ...jsonInit("POST", body),
        fallback: "The playlist's history could not be changed. Try again.",
      })
    ).playlist,
  tune: async (id: string, baseVersion: number, prompt: string) =>
    (
      await fetchJson<{ playlist: PlaylistData }>(`/api/playlists/${encodeURIComponent(id)}/tune`, {
        ...jsonInit("POST", { baseVersion, prompt }),
        fallback: "The playlist could not be tuned. Try again.",
      })
    ).playlist,
  remove: (id: string) =>
    fetchJson<void>(`/api/playlists/${encodeURIComponent(id)}`, {
      method: "DELETE",
      fallback: "The playlist could not be deleted. Try again.",
    }),
  addToDraft: async (tracks: PlaylistTrackInput[]) =>
    (
      await fetchJson<{ playlist: PlaylistData }>("/api/playlists/draft", {
        ...jsonInit("POST", { tracks }),
        fallback: "The track could not be added to your draft. Try again.",
      })
    ).playlist,
  search: async (query: string, signal?: AbortSignal) =>
    (
      await fetchJson<{ tracks: PlaylistTrackInput[] }>(`/api/playlists/search?q=${encodeURIComponent(query)}`, {
        ...(signal ? { signal } : {}),
        fallback: "The catalogue could not be searched. Try again.",
      })
    ).tracks,
};
