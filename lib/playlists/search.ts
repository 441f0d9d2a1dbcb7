import "server-only";
import type { Listener } from "@/lib/auth";
import { AppError } from "@/lib/errors";
import { ReconnectRequiredError, spotifyClientFor } from "@/lib/spotify";
import type { PlaylistTrackInput } from "./limits";

/** Most results one search returns (Spotify's development-mode cap is 10 per type). */
export const SEARCH_LIMIT = 10;

/**
 * Tracks to add to a playlist, from the listener's catalogue: Spotify's search for a Spotify
 * listener, the demo catalogue for a demo visitor. Shaped as playlist tracks, never raw Spotify objects.
 */
export async function searchTracks(listener: Listener, query: string): Promise<PlaylistTrackInput[]> {
  const client = spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo });
  let tracks;
  try {
    ({ tracks } = await client.search(query, { types: ["track"], limit: SEARCH_LIMIT }));
  } catch (error) {
    // Spotify refused our tokens: the listener's to fix, in the player's words, not a 500.
    if (error instanceof ReconnectRequiredError)
      throw new AppError("forbidden", {
        detail: "Spotify needs you to sign in again: reconnect Spotify in Settings, then try again.",
        extensions: { reason: "RECONNECT" },
        cause: error,
      });
    throw error;
  }
  return tracks.map((track) => ({
    key: track.uri,
    name: track.name,
    artistName: track.artists.map((artist) => artist.name).join(", ") || "Unknown artist",
    albumName: track.album?.name ?? null,
    imageUrl: track.album?.imageUrl ?? null,
    durationMs: track.durationMs,
    explicit: track.explicit,
  }));
}
