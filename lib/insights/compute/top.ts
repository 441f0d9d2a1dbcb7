/** The top tracks, artists or albums of a range, by listens or by time. */
import type { ItemKind, ListeningIndex } from "@/lib/listening";
import { compareText, clampLimit, itemArtist, itemColumn, itemCount, itemName, rowSlice, topK, type InsightQuery } from "./query";
import { SLOT, scratchFloat64, scratchInt32 } from "./scratch";
import { isListen } from "../definitions";
import { firstListenAt, itemStats } from "./stats";

/** One ranked item. */
export interface TopItem {
  /** Dictionary id (stable within one index revision). */
  id: number;
  /** Dictionary key (stable across revisions; for URLs, see `findItem`). */
  key: string;
  name: string;
  /** The artist's name, for tracks and albums. */
  artist?: string;
  /** Listens in the range (plays of at least the threshold). */
  plays: number;
  /** All time played in the range, skips included. */
  msPlayed: number;
  /** Epoch ms of the item's first listen ever (null when it has none: all its plays are skips). */
  firstListenAt: number | null;
  /** All time played, all time. */
  totalMsPlayed: number;
}

/** How to rank: by listens (then time, then name) or by time (then listens, then name). */
export type TopBy = "plays" | "time";

/** Options of `topItems`. */
export interface TopItemsOptions {
  kind: ItemKind;
  by: TopBy;
  limit: number;
}

/** Per-item listens and time in a range, one typed-array counter each. */
export interface ItemCounters {
  listens: Int32Array;
  msPlayed: Float64Array;
}

/** Counts listens and time per item of a kind over rows `[start, end)` (scratch counters: use them before the next count). */
export function countItems(index: ListeningIndex, kind: ItemKind, start: number, end: number, listenThresholdMs: number): ItemCounters {
  const size = itemCount(index, kind);
  const listens = scratchInt32(SLOT.FIRST, size);
  const msPlayed = scratchFloat64(SLOT.FIRST, size);
  const column = itemColumn(index, kind);
  const ms = index.msPlayed;
  for (let row = start; row < end; row++) {
    const id = column[row] as number;
    if (id < 0) continue;
    const played = ms[row] as number;
    msPlayed[id] = (msPlayed[id] as number) + played;
    if (isListen(played, listenThresholdMs)) listens[id] = (listens[id] as number) + 1;
  }
  return { listens, msPlayed };
}

/** The best `limit` ids by the counters (items without any listen, or any time, are left out). */
export function rankItems(index: ListeningIndex, kind: ItemKind, counters: ItemCounters, by: TopBy, limit: number): number[] {
  const { listens, msPlayed } = counters;
  const byName = (a: number, b: number) => compareText(itemName(index, kind, a), itemName(index, kind, b)) || a - b;
  if (by === "plays") {
    return topK(
      listens.length,
      limit,
      (id) => (listens[id] as number) > 0,
      (a, b) => (listens[b] as number) - (listens[a] as number) || (msPlayed[b] as number) - (msPlayed[a] as number) || byName(a, b),
    );
  }
  return topK(
    msPlayed.length,
    limit,
    (id) => (msPlayed[id] as number) > 0,
    (a, b) => (msPlayed[b] as number) - (msPlayed[a] as number) || (listens[b] as number) - (listens[a] as number) || byName(a, b),
  );
}

/** The top items of a kind in a range: one counting pass, then a small top-k selection. */
export function topItems(index: ListeningIndex, q: InsightQuery, options: TopItemsOptions): TopItem[] {
  const { kind, by } = options;
  const { start, end } = rowSlice(index, q.from, q.to);
  const counters = countItems(index, kind, start, end, q.listenThresholdMs);
  const stats = itemStats(index, kind, q.listenThresholdMs);
  return rankItems(index, kind, counters, by, clampLimit(options.limit, 10)).map((id) => {
    const artist = itemArtist(index, kind, id);
    return {
      id,
      key: itemKeyOf(index, kind, id),
      name: itemName(index, kind, id),
      ...(artist === undefined ? {} : { artist }),
      plays: counters.listens[id] as number,
      msPlayed: counters.msPlayed[id] as number,
      firstListenAt: firstListenAt(index, stats, id),
      totalMsPlayed: stats.totalMs[id] as number,
    };
  });
}

function itemKeyOf(index: ListeningIndex, kind: ItemKind, id: number): string {
  const entry = kind === "track" ? index.tracks[id] : kind === "artist" ? index.artists[id] : index.albums[id];
  return entry?.key ?? "";
}
