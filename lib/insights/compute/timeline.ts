/** When the listener plays: listening over time (day, week or month buckets) and the weekly clock. */
import { dayNumberToDate, type ListeningIndex, localCalendar, localDayNumber, monthNumberStart, weekdayOf } from "@/lib/listening";
import { monthLookup } from "./days";
import { rowSlice, type InsightQuery } from "./query";
import { isListen } from "../definitions";

/** Bucket size of a timeline. */
export type TimelineUnit = "day" | "week" | "month";

/** One bucket of a timeline. */
export interface TimelinePoint {
  /** First local day of the bucket, "YYYY-MM-DD" (weeks start on Monday). */
  start: string;
  /** Listens (plays of at least the threshold). */
  plays: number;
  /** All time played, skips included. */
  msPlayed: number;
}

/**
 * Listening per day, week or month over the whole range, with zero buckets where nothing was
 * played. Buckets are local; the first and last may extend past the range (a week's Monday).
 */
export function timeline(index: ListeningIndex, q: InsightQuery, options: { unit: TimelineUnit }): TimelinePoint[] {
  if (q.to <= q.from) return [];
  const firstDay = localDayNumber(q.from, q.timeZone);
  const lastDay = Math.max(firstDay, localDayNumber(q.to - 1, q.timeZone));
  const { starts, bucketOfDay } = buckets(options.unit, firstDay, lastDay);
  const plays = new Int32Array(starts.length);
  const time = new Float64Array(starts.length);

  const { start, end } = rowSlice(index, q.from, q.to);
  if (end > start) {
    const day = localCalendar(index, q.timeZone).day;
    const ms = index.msPlayed;
    const threshold = q.listenThresholdMs;
    const lastAt = bucketOfDay.length - 1;
    for (let row = start; row < end; row++) {
      const at = Math.min(Math.max((day[row] as number) - firstDay, 0), lastAt);
      const bucket = bucketOfDay[at] as number;
      const played = ms[row] as number;
      time[bucket] = (time[bucket] as number) + played;
      if (isListen(played, threshold)) plays[bucket] = (plays[bucket] as number) + 1;
    }
  }
  return starts.map((startDay, bucket) => ({
    start: dayNumberToDate(startDay),
    plays: plays[bucket] as number,
    msPlayed: time[bucket] as number,
  }));
}

/** The first day of each bucket, and each day's bucket (from `firstDay`). */
function buckets(unit: TimelineUnit, firstDay: number, lastDay: number): { starts: number[]; bucketOfDay: Int32Array } {
  const span = lastDay - firstDay + 1;
  const bucketOfDay = new Int32Array(span);
  const starts: number[] = [];
  if (unit === "day") {
    for (let at = 0; at < span; at++) {
      bucketOfDay[at] = at;
      starts.push(firstDay + at);
    }
  } else if (unit === "week") {
    const monday = firstDay - weekdayOf(firstDay);
    for (let startDay = monday; startDay <= lastDay; startDay += 7) starts.push(startDay);
    for (let at = 0; at < span; at++) bucketOfDay[at] = Math.floor((firstDay + at - monday) / 7);
  } else {
    const lookup = monthLookup(firstDay, lastDay);
    for (let month = 0; month < lookup.months; month++) starts.push(monthNumberStart(lookup.firstMonth + month));
    bucketOfDay.set(lookup.monthOfDay);
  }
  return { starts, bucketOfDay };
}

/** Listening by local weekday and hour. */
export interface Clock {
  /** msPlayed, `cells[weekday][hour]`, weekday 0 = Monday. */
  cells: number[][];
  /** Listens, same layout. */
  plays: number[][];
  /** The local hour with the most time played (-1 when nothing was played). */
  busiestHour: number;
  /** The weekday (0 = Monday) with the most time played (-1 when nothing was played). */
  busiestWeekday: number;
}

/** Listening time and listens by local weekday × hour over a range. */
export function clock(index: ListeningIndex, q: InsightQuery): Clock {
  const time = new Float64Array(7 * 24);
  const plays = new Int32Array(7 * 24);
  const { start, end } = rowSlice(index, q.from, q.to);
  if (end > start) {
    const { hour, weekday } = localCalendar(index, q.timeZone);
    const ms = index.msPlayed;
    const threshold = q.listenThresholdMs;
    for (let row = start; row < end; row++) {
      const cell = (weekday[row] as number) * 24 + (hour[row] as number);
      const played = ms[row] as number;
      time[cell] = (time[cell] as number) + played;
      if (isListen(played, threshold)) plays[cell] = (plays[cell] as number) + 1;
    }
  }
  const byHour = new Float64Array(24);
  const byWeekday = new Float64Array(7);
  for (let cell = 0; cell < 7 * 24; cell++) {
    byHour[cell % 24] = (byHour[cell % 24] as number) + (time[cell] as number);
    byWeekday[Math.floor(cell / 24)] = (byWeekday[Math.floor(cell / 24)] as number) + (time[cell] as number);
  }
  return {
    cells: grid(time),
    plays: grid(plays),
    busiestHour: argMax(byHour),
    busiestWeekday: argMax(byWeekday),
  };
}

function grid(values: Float64Array | Int32Array): number[][] {
  return Array.from({ length: 7 }, (_, weekday) => Array.from(values.subarray(weekday * 24, weekday * 24 + 24)));
}

/** The index of the largest positive value (the first of equals), -1 when none is positive. */
function argMax(values: Float64Array): number {
  let best = -1;
  let bestValue = 0;
  for (let at = 0; at < values.length; at++) {
    if ((values[at] as number) > bestValue) {
      best = at;
      bestValue = values[at] as number;
    }
  }
  return best;
}
