/** Discovery: new artists and tracks. */
import { type ListeningIndex, localCalendar, localDayNumber, monthNumberToString } from "@/lib/listening";
import { monthAt, monthLookup } from "./days";
import { rowSlice, type InsightQuery } from "./query";
import { isListen } from "../definitions";
import { itemStats } from "./stats";

/** New music in a range. */
export interface Discovery {
  /** Artists whose first play ever falls in each month of the range (zero months included). */
  newArtistsByMonth: Array<{ month: string; count: number }>;
  /** Artists whose first play ever falls in the range. */
  newArtists: number;
  /** Share (0-1) of the range's listens that are of tracks first played inside the range. */
  newTrackShare: number;
}

/** New artists per month and the share of listens that went to newly found tracks. */
export function discovery(index: ListeningIndex, q: InsightQuery): Discovery {
  if (q.to <= q.from) return { newArtistsByMonth: [], newArtists: 0, newTrackShare: 0 };
  const firstDay = localDayNumber(q.from, q.timeZone);
  const lastDay = Math.max(firstDay, localDayNumber(q.to - 1, q.timeZone));
  const lookup = monthLookup(firstDay, lastDay);
  const counts = new Int32Array(lookup.months);
  const { playedAt } = index;

  let newArtists = 0;
  const artistFirst = itemStats(index, "artist").firstRow;
  const day = index.count > 0 ? localCalendar(index, q.timeZone).day : new Int32Array(0);
  for (let artist = 0; artist < artistFirst.length; artist++) {
    const row = artistFirst[artist] as number;
    if (row < 0) continue;
    const at = playedAt[row] as number;
    if (at < q.from || at >= q.to) continue;
    newArtists++;
    const month = monthAt(lookup, day[row] as number);
    counts[month] = (counts[month] as number) + 1;
  }

  const { start, end } = rowSlice(index, q.from, q.to);
  const trackFirst = itemStats(index, "track").firstRow;
  let listens = 0;
  let newListens = 0;
  for (let row = start; row < end; row++) {
    if (!isListen(index.msPlayed[row] as number, q.listenThresholdMs)) continue;
    listens++;
    if ((playedAt[trackFirst[index.track[row] as number] as number] as number) >= q.from) newListens++;
  }

  return {
    newArtistsByMonth: Array.from(counts, (count, month) => ({ month: monthNumberToString(lookup.firstMonth + month), count })),
    newArtists,
    newTrackShare: listens > 0 ? newListens / listens : 0,
  };
}
