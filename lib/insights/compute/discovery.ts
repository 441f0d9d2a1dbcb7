/**
 * Discovery: artists and tracks heard for the first time. "New" is relative to everything before
 * the range: an item is new when its first listen ever (a play of at least the threshold, on the
 * listener's local day) falls inside the range, the same first listen item pages show.
 */
import { type ListeningIndex, localCalendar, localDayNumber, monthNumberToString } from "@/lib/listening";
import { isListen } from "../definitions";
import { monthAt, monthLookup, type MonthLookup } from "./days";
import { rowSlice, type InsightQuery } from "./query";
import { itemStats } from "./stats";

/** Discovery in one local calendar year (the part of it inside the range). */
export interface DiscoveryYear {
  year: number;
  /** Artists whose first listen ever falls in this year. */
  newArtists: number;
  /** Tracks whose first listen ever falls in this year. */
  newTracks: number;
  /** Listens this year. */
  listens: number;
  /** Listens this year to tracks first heard this year. */
  newTrackListens: number;
  /** newTrackListens / listens (0 without listens). */
  newTrackShare: number;
}

/** New music in a range. */
export interface Discovery {
  /** Artists whose first listen ever falls in each month of the range (zero months included). */
  newArtistsByMonth: Array<{ month: string; count: number }>;
  /** Artists whose first listen ever falls in the range. */
  newArtists: number;
  /** Tracks whose first listen ever falls in the range. */
  newTracks: number;
  /** Listens in the range. */
  listens: number;
  /** Share (0-1) of the range's listens that went to tracks first heard inside the range. */
  newTrackShare: number;
  /**
   * No listen comes before the range (as with all time): everything in it is new, so the share says
   * nothing and `byYear` is the discovery to show.
   */
  everythingNew: boolean;
  /** Each local calendar year the range touches, oldest first. */
  byYear: DiscoveryYear[];
}

/** New artists and tracks in a range, per month and per year, and the share of listens that went to new tracks. */
export function discovery(index: ListeningIndex, q: InsightQuery): Discovery {
  if (q.to <= q.from)
    return { newArtistsByMonth: [], newArtists: 0, newTracks: 0, listens: 0, newTrackShare: 0, everythingNew: true, byYear: [] };
  const firstDay = localDayNumber(q.from, q.timeZone);
  const lastDay = Math.max(firstDay, localDayNumber(q.to - 1, q.timeZone));
  const lookup = monthLookup(firstDay, lastDay);
  const firstYear = yearOf(lookup, firstDay);
  const years = yearOf(lookup, lastDay) - firstYear + 1;
  const byMonth = new Int32Array(lookup.months);
  const newArtists = new Int32Array(years);
  const newTracks = new Int32Array(years);
  const listens = new Int32Array(years);
  const newTrackListens = new Int32Array(years);
  const { start, end } = rowSlice(index, q.from, q.to);
  const day = index.count > 0 ? localCalendar(index, q.timeZone).day : new Int32Array(0);
  const inRange = (row: number) => row >= start && row < end;

  const artistFirst = itemStats(index, "artist", q.listenThresholdMs).firstListenRow;
  for (let artist = 0; artist < artistFirst.length; artist++) {
    const row = artistFirst[artist] as number;
    if (!inRange(row)) continue;
    const rowDay = day[row] as number;
    const month = monthAt(lookup, rowDay);
    byMonth[month] = (byMonth[month] as number) + 1;
    const year = yearOf(lookup, rowDay) - firstYear;
    newArtists[year] = (newArtists[year] as number) + 1;
  }
  const trackFirst = itemStats(index, "track", q.listenThresholdMs).firstListenRow;
  for (let track = 0; track < trackFirst.length; track++) {
    const row = trackFirst[track] as number;
    if (!inRange(row)) continue;
    const year = yearOf(lookup, day[row] as number) - firstYear;
    newTracks[year] = (newTracks[year] as number) + 1;
  }

  let rangeListens = 0;
  let rangeNewListens = 0;
  for (let row = start; row < end; row++) {
    if (!isListen(index.msPlayed[row] as number, q.listenThresholdMs)) continue;
    rangeListens++;
    const year = yearOf(lookup, day[row] as number) - firstYear;
    listens[year] = (listens[year] as number) + 1;
    const first = trackFirst[index.track[row] as number] as number;
    if (first < start) continue;
    rangeNewListens++;
    if (yearOf(lookup, day[first] as number) - firstYear === year) newTrackListens[year] = (newTrackListens[year] as number) + 1;
  }

  return {
    newArtistsByMonth: Array.from(byMonth, (count, month) => ({ month: monthNumberToString(lookup.firstMonth + month), count })),
    newArtists: sum(newArtists),
    newTracks: sum(newTracks),
    listens: rangeListens,
    newTrackShare: rangeListens > 0 ? rangeNewListens / rangeListens : 0,
    everythingNew: !listenBefore(index, start, q.listenThresholdMs),
    byYear: Array.from(listens, (yearListens, at) => ({
      year: firstYear + at,
      newArtists: newArtists[at] as number,
      newTracks: newTracks[at] as number,
      listens: yearListens,
      newTrackListens: newTrackListens[at] as number,
      newTrackShare: yearListens > 0 ? (newTrackListens[at] as number) / yearListens : 0,
    })),
  };
}

/** The local calendar year of a day inside the lookup's span. */
function yearOf(lookup: MonthLookup, dayNumber: number): number {
  return Math.floor((lookup.firstMonth + monthAt(lookup, dayNumber)) / 12);
}

/** Whether any row before `end` is a listen (stops at the first one). */
function listenBefore(index: ListeningIndex, end: number, listenThresholdMs: number): boolean {
  for (let row = 0; row < end; row++) if (isListen(index.msPlayed[row] as number, listenThresholdMs)) return true;
  return false;
}

function sum(values: Int32Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
