/**
 * The browser's side of stored playlists: types, query keys and fetchers, plus the pure edit
 * function the editor applies optimistically. Imports nothing server-only.
 */
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/client";
import type { Json, Playlist, PlaylistSummary, PlaylistVersionSummary } from "./types";

export { applyEdit, PlaylistEditError } from "./edit";
export { PLAYLIST_MAX_DESCRIPTION, PLAYLIST_MAX_NAME, PLAYLIST_MAX_TRACKS, type PlaylistEdit, type PlaylistTrackInput } from "./limits";
export type { Json, Playlist, PlaylistOrigin, PlaylistSummary, PlaylistTrack, PlaylistVersionSummary, SpotifySync } from "./types";

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
