/**
 * The listening index: every play of one listener as columns (typed arrays) over small
 * dictionaries, sorted by time. It is assembled from the listening segments the import and sync
 * write as plays arrive (see `segments.ts`), so the dashboard never scans raw plays, and every
 * widget for any range is one pass over a slice of a few typed arrays.
 *
 * Row i is one play: `playedAt[i]`, `msPlayed[i]`, `track[i]` (→ `tracks`), `artist[i]`
 * (→ `artists`), `album[i]` (→ `albums`, -1 when unknown), `platform[i]` (→ `platforms`),
 * `flags[i]` (bits below).
 */

/** Spotify marked the play skipped (the export's `skipped`, or `reason_end` = "fwdbtn"). */
export const FLAG_SKIPPED = 1;
/** Shuffle was on. */
export const FLAG_SHUFFLE = 2;
/** Account-data row: the time is exact to the minute only. */
export const FLAG_MINUTE = 4;

export interface TrackEntry {
  /** `spotify:track:<id>` or the normalised `artist|title`. */
  key: string;
  trackId: string | null;
  name: string;
  /** Index into `artists`. */
  artist: number;
  /** Index into `albums`, -1 when unknown. */
  album: number;
}

export interface ArtistEntry {
  /** Normalised name: the artist's identity (plays carry names, not artist ids). */
  key: string;
  name: string;
}

export interface AlbumEntry {
  /** Normalised `artist|album`. */
  key: string;
  name: string;
  /** Index into `artists`. */
  artist: number;
}

export interface ListeningIndex {
  userId: string;
  /** Changes whenever the listener's plays change; caches key on it. */
  revision: number;
  count: number;
  /** Epoch milliseconds when playback ended, ascending. */
  playedAt: Float64Array;
  msPlayed: Int32Array;
  track: Int32Array;
  artist: Int32Array;
  album: Int32Array;
  platform: Uint8Array;
  flags: Uint8Array;
  tracks: TrackEntry[];
  artists: ArtistEntry[];
  albums: AlbumEntry[];
  /** Normalised platform families: "android", "ios", "windows", "macos", "linux", "web", "cast", "tv", "console", "car", "other". */
  platforms: string[];
}

export type ItemKind = "track" | "artist" | "album";

/** An empty index (a listener without plays). */
export function emptyIndex(userId: string, revision = 0): ListeningIndex {
  return {
    userId,
    revision,
    count: 0,
    playedAt: new Float64Array(0),
    msPlayed: new Int32Array(0),
    track: new Int32Array(0),
    artist: new Int32Array(0),
    album: new Int32Array(0),
    platform: new Uint8Array(0),
    flags: new Uint8Array(0),
    tracks: [],
    artists: [],
    albums: [],
    platforms: [],
  };
}
