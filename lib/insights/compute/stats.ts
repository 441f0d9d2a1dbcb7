/**
 * All-time facts about every item of a kind (first and last play, total time), computed once per
 * index and cached on it: "first played" and "all time" columns, discovery and item pages use them.
 */
import type { ItemKind, ListeningIndex } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { itemColumn, itemCount } from "./query";

/** Per item id of one kind: its first and last row (-1 when it has no play) and total time. */
export interface ItemStats {
  firstRow: Int32Array;
  lastRow: Int32Array;
  totalMs: Float64Array;
}

const cache = perProcess("insights.itemStats", () => new WeakMap<ListeningIndex, Partial<Record<ItemKind, ItemStats>>>());

/** The all-time stats of every item of a kind (one pass over the index, then cached). */
export function itemStats(index: ListeningIndex, kind: ItemKind): ItemStats {
  let byKind = cache.get(index);
  if (!byKind) {
    byKind = {};
    cache.set(index, byKind);
  }
  const cached = byKind[kind];
  if (cached) return cached;

  const size = itemCount(index, kind);
  const firstRow = new Int32Array(size).fill(-1);
  const lastRow = new Int32Array(size).fill(-1);
  const totalMs = new Float64Array(size);
  const column = itemColumn(index, kind);
  const msPlayed = index.msPlayed;
  for (let row = 0; row < index.count; row++) {
    const id = column[row] as number;
    if (id < 0 || id >= size) continue;
    if ((firstRow[id] as number) < 0) firstRow[id] = row;
    lastRow[id] = row;
    totalMs[id] = (totalMs[id] as number) + (msPlayed[row] as number);
  }
  const stats = { firstRow, lastRow, totalMs };
  byKind[kind] = stats;
  return stats;
}

/** Epoch ms of an item's first play ever (NaN when it has none). */
export function firstPlayedAt(index: ListeningIndex, stats: ItemStats, id: number): number {
  const row = stats.firstRow[id] ?? -1;
  return row < 0 ? Number.NaN : (index.playedAt[row] as number);
}
