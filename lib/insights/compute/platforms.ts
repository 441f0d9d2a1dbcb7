/** Where the listener plays: listening per platform family. */
import type { ListeningIndex } from "@/lib/listening";
import { compareText, rowSlice, type InsightQuery } from "./query";
import { isListen } from "../definitions";

/** Listening on one platform family. */
export interface PlatformShare {
  /** Platform family ("android", "ios", "web", "cast", …). */
  platform: string;
  /** Listens (plays of at least the threshold). */
  plays: number;
  msPlayed: number;
  /** Share of the range's time played, 0-1. */
  share: number;
}

/** Listening per platform family in a range, most time first (families without plays are left out). */
export function platforms(index: ListeningIndex, q: InsightQuery): PlatformShare[] {
  const { start, end } = rowSlice(index, q.from, q.to);
  const size = index.platforms.length;
  const plays = new Int32Array(size);
  const time = new Float64Array(size);
  const seen = new Uint8Array(size);
  const { platform, msPlayed } = index;
  let total = 0;
  for (let row = start; row < end; row++) {
    const id = platform[row] as number;
    const played = msPlayed[row] as number;
    seen[id] = 1;
    time[id] = (time[id] as number) + played;
    total += played;
    if (isListen(played, q.listenThresholdMs)) plays[id] = (plays[id] as number) + 1;
  }
  const result: PlatformShare[] = [];
  for (let id = 0; id < size; id++) {
    if (seen[id] === 0) continue;
    const ms = time[id] as number;
    result.push({ platform: index.platforms[id] ?? "other", plays: plays[id] as number, msPlayed: ms, share: total > 0 ? ms / total : 0 });
  }
  return result.sort((a, b) => b.msPlayed - a.msPlayed || b.plays - a.plays || compareText(a.platform, b.platform));
}
