/**
 * All-time facts about every item of a kind (first and last listen, listens, total time), computed
 * once per index and listen threshold and cached on it: the "first listen" of top lists, discovery
 * ("new" = first listen inside the range) and item pages all read these same rows.
 */
import type { ItemKind, ListeningIndex } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { isListen } from "../definitions";
import { itemColumn, itemCount } from "./query";

/** Per item id of one kind: its first and last listen's row (-1 when it has none), plays, listens and total time. */
export interface ItemStats {
  firstListenRow: Int32Array;
  lastListenRow: Int32Array;
  /** Every play, skips included. */
  plays: Int32Array;
  listens: Int32Array;
  /** All time played, skips included. */
  totalMs: Float64Array;
}

const cache = perProcess("insights.itemStats", () => new WeakMap<ListeningIndex, Map<string, ItemStats>>());

/** The all-time stats of every item of a kind under a listen threshold (one pass over the index, then cached). */
export function itemStats(index: ListeningIndex, kind: ItemKind, listenThresholdMs: number): ItemStats {
  let byKey = cache.get(index);
  if (!byKey) {
    byKey = new Map();
    cache.set(index, byKey);
  }
  const key = `${kind}|${listenThresholdMs}`;
  const cached = byKey.get(key);
  if (cached) return cached;

  const size = itemCount(index, kind);
  const firstListenRow = new Int32Array(size).fill(-1);
  const lastListenRow = new Int32Array(size).fill(-1);
  const plays = new Int32Array(size);
  const listens = new Int32Array(size);
  const totalMs = new Float64Array(size);
  const column = itemColumn(index, kind);
  const msPlayed = index.msPlayed;
  for (let row = 0; row < index.count; row++) {
    const id = column[row] as number;
    if (id < 0 || id >= size) continue;
    const played = msPlayed[row] as number;
    totalMs[id] = (totalMs[id] as number) + played;
    plays[id] = (plays[id] as number) + 1;
    if (!isListen(played, listenThresholdMs)) continue;
    if ((firstListenRow[id] as number) < 0) firstListenRow[id] = row;
    lastListenRow[id] = row;
    listens[id] = (listens[id] as number) + 1;
  }
  const stats = { firstListenRow, lastListenRow, plays, listens, totalMs };
  byKey.set(key, stats);
  return stats;
}

/** Epoch ms of an item's first listen ever, or null when it has none. */
export function firstListenAt(index: ListeningIndex, stats: ItemStats, id: number): number | null {
  const row = stats.firstListenRow[id] ?? -1;
  return row < 0 ? null : (index.playedAt[row] as number);
}
