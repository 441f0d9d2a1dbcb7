/** How often the listener skips, and the tracks skipped most. */
import { FLAG_SKIPPED, type ListeningIndex } from "@/lib/listening";
import { SLOT, scratchInt32 } from "./scratch";
import { clampLimit, compareText, itemArtist, itemName, rowSlice, topK, type InsightQuery } from "./query";
import { isSkip } from "../definitions";

/** A track that is often skipped. */
export interface SkippedTrack {
  id: number;
  name: string;
  artist: string;
  skips: number;
  /** Plays in the range, skips included. */
  plays: number;
  /** skips / plays. */
  rate: number;
}

/** Skip statistics of a range. */
export interface Skips {
  /** Skips / plays over the range (0 when there are no plays). */
  rate: number;
  /** Tracks with at least `MIN_PLAYS_TO_RANK_SKIPS` plays and a skip, most skips first. */
  mostSkipped: SkippedTrack[];
}

/** A track needs this many plays in the range to be ranked by skips. */
export const MIN_PLAYS_TO_RANK_SKIPS = 3;

/** The skip rate of a range and its most-skipped tracks (ties: higher rate, then name). */
export function skips(index: ListeningIndex, q: InsightQuery, options: { limit?: number } = {}): Skips {
  const { start, end } = rowSlice(index, q.from, q.to);
  const plays = scratchInt32(SLOT.FIRST, index.tracks.length);
  const skipped = scratchInt32(SLOT.SECOND, index.tracks.length);
  const { track, msPlayed, flags } = index;
  const threshold = q.listenThresholdMs;
  let total = 0;
  for (let row = start; row < end; row++) {
    const id = track[row] as number;
    plays[id] = (plays[id] as number) + 1;
    if (isSkip(msPlayed[row] as number, ((flags[row] as number) & FLAG_SKIPPED) !== 0, threshold)) {
      skipped[id] = (skipped[id] as number) + 1;
      total++;
    }
  }
  const rateOf = (id: number) => (skipped[id] as number) / (plays[id] as number);
  const ranked = topK(
    index.tracks.length,
    clampLimit(options.limit, 10),
    (id) => (plays[id] as number) >= MIN_PLAYS_TO_RANK_SKIPS && (skipped[id] as number) > 0,
    (a, b) =>
      (skipped[b] as number) - (skipped[a] as number) ||
      rateOf(b) - rateOf(a) ||
      compareText(itemName(index, "track", a), itemName(index, "track", b)) ||
      a - b,
  );
  return {
    rate: end > start ? total / (end - start) : 0,
    mostSkipped: ranked.map((id) => ({
      id,
      name: itemName(index, "track", id),
      artist: itemArtist(index, "track", id) ?? "",
      skips: skipped[id] as number,
      plays: plays[id] as number,
      rate: rateOf(id),
    })),
  };
}
