/** How many artists and tracks were new in a range: their first listen ever falls inside it. */
import type { ListeningIndex } from "@/lib/listening";
import type { InsightQuery } from "./query";
import { itemStats } from "./stats";

export interface NewItems {
  artists: number;
  tracks: number;
}

/**
 * Artists and tracks whose first listen ever (the `itemStats` definition every page uses: a play of
 * at least the threshold) falls in the range; the same counts as discovery's `newArtists` and `newTracks`.
 */
export function newItems(index: ListeningIndex, q: InsightQuery): NewItems {
  const count = (firstListenRow: Int32Array) => {
    let found = 0;
    for (let id = 0; id < firstListenRow.length; id++) {
      const row = firstListenRow[id] as number;
      if (row < 0) continue;
      const at = index.playedAt[row] as number;
      if (at >= q.from && at < q.to) found++;
    }
    return found;
  };
  return {
    artists: count(itemStats(index, "artist", q.listenThresholdMs).firstListenRow),
    tracks: count(itemStats(index, "track", q.listenThresholdMs).firstListenRow),
  };
}
