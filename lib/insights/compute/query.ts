/**
 * What every insight takes (a time range, a zone, the listen threshold) and the small helpers the
 * widgets share: the row slice of a range, item columns and names, and top-k selection.
 */
import type { ItemKind, ListeningIndex } from "@/lib/listening";

/** The range and rules one insight is computed for. */
export interface InsightQuery {
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** IANA zone for local days, hours and weekdays. */
  timeZone: string;
  /** A play counts as a listen from this many milliseconds. */
  listenThresholdMs: number;
}

/** The first row whose `playedAt` is at or after `at` (binary search; rows are sorted by time). */
export function lowerBound(playedAt: Float64Array, count: number, at: number): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((playedAt[middle] as number) < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The rows `[start, end)` whose play falls in `[from, to)`. */
export function rowSlice(index: ListeningIndex, from: number, to: number): { start: number; end: number } {
  const start = lowerBound(index.playedAt, index.count, from);
  const end = Math.max(start, lowerBound(index.playedAt, index.count, to));
  return { start, end };
}

/** The row column holding a kind's item ids. */
export function itemColumn(index: ListeningIndex, kind: ItemKind): Int32Array {
  return kind === "track" ? index.track : kind === "artist" ? index.artist : index.album;
}

/** How many items of a kind the index's dictionary holds. */
export function itemCount(index: ListeningIndex, kind: ItemKind): number {
  return kind === "track" ? index.tracks.length : kind === "artist" ? index.artists.length : index.albums.length;
}

/** An item's display name ("" when the id is out of range). */
export function itemName(index: ListeningIndex, kind: ItemKind, id: number): string {
  const entry = kind === "track" ? index.tracks[id] : kind === "artist" ? index.artists[id] : index.albums[id];
  return entry?.name ?? "";
}

/** The artist's name of a track or album; undefined for artists. */
export function itemArtist(index: ListeningIndex, kind: ItemKind, id: number): string | undefined {
  if (kind === "artist") return undefined;
  const entry = kind === "track" ? index.tracks[id] : index.albums[id];
  return entry ? (index.artists[entry.artist]?.name ?? "") : undefined;
}

/** Orders plain strings by code unit: deterministic on every runtime, unlike `localeCompare`. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The best `limit` of `count` candidates (0 … count-1) by `compare` (negative: first is better),
 * skipping those `include` rejects. Keeps a small sorted buffer, so it is linear for small limits.
 */
export function topK(count: number, limit: number, include: (id: number) => boolean, compare: (a: number, b: number) => number): number[] {
  const best: number[] = [];
  if (limit <= 0) return best;
  for (let id = 0; id < count; id++) {
    if (!include(id)) continue;
    if (best.length === limit && compare(id, best[limit - 1] as number) >= 0) continue;
    let low = 0;
    let high = best.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (compare(id, best[middle] as number) < 0) high = middle;
      else low = middle + 1;
    }
    best.splice(low, 0, id);
    if (best.length > limit) best.pop();
  }
  return best;
}

/** A limit as a whole number ≥ 0 (fractions floored, NaN → fallback). */
export function clampLimit(limit: number | undefined, fallback: number): number {
  if (limit === undefined || Number.isNaN(limit)) return fallback;
  return Math.max(0, Math.floor(limit));
}
