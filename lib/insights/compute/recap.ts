/** A year in review: the numbers, the top artists, tracks and albums, and the busiest month. */
import { civilFromDays, daysFromCivil, type ListeningIndex, localDayNumber, localDayStart, monthNumberToString } from "@/lib/listening";
import { discovery } from "./discovery";
import { rowSlice, type InsightQuery } from "./query";
import { type RangeStreak, streaks } from "./streaks";
import { timeline } from "./timeline";
import { topItems, type TopItem } from "./top";
import { totals } from "./totals";

/** A top item of a recap, with its time in whole minutes. */
export type RecapItem = TopItem & { minutes: number };

/** One year in review. */
export interface YearRecap {
  year: number;
  /** Time played, whole minutes. */
  minutes: number;
  /** Every play, skips included. */
  plays: number;
  /** Plays of at least the threshold. */
  listens: number;
  /** By time. */
  topArtists: RecapItem[];
  /** By listens. */
  topTracks: RecapItem[];
  /** By time. */
  topAlbums: RecapItem[];
  /** Time played per local month, whole minutes ("YYYY-MM"), January to December. */
  months: Array<{ month: string; minutes: number }>;
  /** The month with the most time played (the earliest of equals). */
  busiestMonth: { month: string; minutes: number };
  /** Artists whose first listen ever falls in the year. */
  newArtists: number;
  /** Tracks whose first listen ever falls in the year. */
  newTracks: number;
  /** The longest streak counting only the year's days. */
  longestStreak: RangeStreak | null;
}

/** Options of `yearRecap`. */
export interface YearRecapOptions {
  year: number;
  timeZone: string;
  listenThresholdMs: number;
}

const RECAP_TOP = 5;

/** The local calendar year as a query. */
export function yearQuery(year: number, timeZone: string, listenThresholdMs: number): InsightQuery {
  return {
    from: localDayStart(daysFromCivil(year, 1, 1), timeZone),
    to: localDayStart(daysFromCivil(year + 1, 1, 1), timeZone),
    timeZone,
    listenThresholdMs,
  };
}

/** A local calendar year in review, or null when the year has no plays. */
export function yearRecap(index: ListeningIndex, options: YearRecapOptions): YearRecap | null {
  const q = yearQuery(options.year, options.timeZone, options.listenThresholdMs);
  const { start, end } = rowSlice(index, q.from, q.to);
  if (end === start) return null;
  const sums = totals(index, q);
  const withMinutes = (item: TopItem): RecapItem => ({ ...item, minutes: toMinutes(item.msPlayed) });
  const months = timeline(index, q, { unit: "month" });
  let busiest = 0;
  months.forEach((month, at) => {
    if (month.msPlayed > (months[busiest]?.msPlayed ?? 0)) busiest = at;
  });
  const busiestMonth = months[busiest];
  const found = discovery(index, q);
  return {
    year: options.year,
    minutes: toMinutes(sums.msPlayed),
    plays: sums.plays,
    listens: sums.listens,
    topArtists: topItems(index, q, { kind: "artist", by: "time", limit: RECAP_TOP }).map(withMinutes),
    topTracks: topItems(index, q, { kind: "track", by: "plays", limit: RECAP_TOP }).map(withMinutes),
    topAlbums: topItems(index, q, { kind: "album", by: "time", limit: RECAP_TOP }).map(withMinutes),
    months: months.map((month) => ({ month: month.start.slice(0, 7), minutes: toMinutes(month.msPlayed) })),
    busiestMonth: {
      month: busiestMonth ? busiestMonth.start.slice(0, 7) : monthNumberToString(options.year * 12),
      minutes: toMinutes(busiestMonth?.msPlayed ?? 0),
    },
    newArtists: found.newArtists,
    newTracks: found.newTracks,
    longestStreak: streaks(index, q).longest,
  };
}

/** The local calendar years that have plays, newest first. */
export function recapYears(index: ListeningIndex, timeZone: string): number[] {
  if (index.count === 0) return [];
  const firstYear = civilFromDays(localDayNumber(index.playedAt[0] as number, timeZone)).year;
  const lastYear = civilFromDays(localDayNumber(index.playedAt[index.count - 1] as number, timeZone)).year;
  const years: number[] = [];
  for (let year = lastYear; year >= firstYear; year--) {
    const q = yearQuery(year, timeZone, 0);
    const { start, end } = rowSlice(index, q.from, q.to);
    if (end > start) years.push(year);
  }
  return years;
}

function toMinutes(ms: number): number {
  return Math.round(ms / 60_000);
}
