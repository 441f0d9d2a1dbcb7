import type { TrackCard } from "@/lib/assistant/client";
import type { PlaylistTrackInput } from "@/lib/playlists/client";

/** A draft's catalogue tracks as playlist tracks (history-only plays cannot go into a playlist). */
export function playlistTracksOf(tracks: readonly TrackCard[]): PlaylistTrackInput[] {
  return tracks
    .filter((track) => track.source === "catalog" && track.key.startsWith("spotify:track:"))
    .map((track) => ({
      key: track.key,
      name: track.name,
      artistName: track.artist,
      albumName: track.album,
      imageUrl: track.imageUrl,
      reason: track.explanation ?? null,
    }));
}
