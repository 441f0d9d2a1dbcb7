/**
 * What the playlists capability hands out: plain objects, never documents (no owner field, `id`
 * for `_id`). Type-only, so the browser's entry can share them; over JSON their dates are strings
 * (`Json<T>`).
 */
import type { PlaylistDocument, PlaylistOrigin, PlaylistTrack, SpotifySync } from "@/lib/db";

export type { PlaylistOrigin, PlaylistTrack, SpotifySync };

/** A playlist with its head's tracks. */
export type Playlist = Omit<PlaylistDocument, "_id" | "userId"> & { id: string };

/** A playlist in a list: its tracks reduced to a count, the total length and up to four covers. */
export type PlaylistSummary = Omit<Playlist, "tracks"> & { trackCount: number; durationMs: number; imageUrls: string[] };

/** One kept version, for the history list. */
export interface PlaylistVersionSummary {
  version: number;
  /** What changed ("Moved “Song” up"). */
  label: string;
  name: string;
  trackCount: number;
  createdAt: Date;
  /** The version shown now. */
  current: boolean;
}

/** A value as it arrives over JSON: dates become ISO strings. */
export type Json<T> = T extends Date
  ? string
  : T extends Array<infer U>
    ? Array<Json<U>>
    : T extends object
      ? { [K in keyof T]: Json<T[K]> }
      : T;
