/**
 * Local-day helpers shared by the widgets: marks of the days that have plays (and the cached
 * all-time marks of listen days), the runs of consecutive marked days (streaks), and day → month
 * lookups for month buckets.
 */
import {
  civilFromDays,
  dayNumberToDate,
  daysInMonth,
  type ListeningIndex,
  localCalendar,
  type LocalCalendar,
  monthNumberOfDay,
} from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { isListen } from "../definitions";

/** Marks (1) of the local days in rows `[start, end)` with a play of at least `minMs`. */
export interface DayMarks {
  /** The day number of `marks[0]`. */
  firstDay: number;
  marks: Uint8Array;
}

/** The days in rows `[start, end)` that have a play of at least `minMs` (0: any play). */
export function dayMarks(index: ListeningIndex, calendar: LocalCalendar, start: number, end: number, minMs: number): DayMarks {
  if (end <= start) return { firstDay: 0, marks: new Uint8Array(0) };
  // Days only go back (by at most one) where a clock change repeats midnight: keep a spare day.
  const firstDay = (calendar.day[start] as number) - 1;
  const marks = new Uint8Array((calendar.day[end - 1] as number) - firstDay + 2);
  const day = calendar.day;
  const msPlayed = index.msPlayed;
  for (let row = start; row < end; row++) {
    if (!isListen(msPlayed[row] as number, minMs)) continue;
    const at = (day[row] as number) - firstDay;
    if (at >= 0 && at < marks.length) marks[at] = 1;
  }
  return { firstDay, marks };
}

/** How many days are marked. */
export function markedDays(days: DayMarks): number {
  let count = 0;
  for (let at = 0; at < days.marks.length; at++) count += days.marks[at] as number;
  return count;
}

/** A run of consecutive local days with at least one listen. */
export interface Streak {
  /** First day, "YYYY-MM-DD". */
  start: string;
  /** Last day, "YYYY-MM-DD". */
  end: string;
  days: number;
}

const listenDayCache = perProcess("insights.listenDays", () => new WeakMap<ListeningIndex, Map<string, DayMarks>>());

/**
 * The local days (all time) with at least one listen: the one set of day marks every streak is
 * computed from. One pass over the index per zone and threshold, then cached on the index.
 */
export function listenDays(index: ListeningIndex, timeZone: string, listenThresholdMs: number): DayMarks {
  let byKey = listenDayCache.get(index);
  if (!byKey) {
    byKey = new Map();
    listenDayCache.set(index, byKey);
  }
  const key = `${timeZone}|${listenThresholdMs}`;
  let days = byKey.get(key);
  if (!days) {
    days =
      index.count > 0
        ? dayMarks(index, localCalendar(index, timeZone), 0, index.count, listenThresholdMs)
        : { firstDay: 0, marks: new Uint8Array(0) };
    byKey.set(key, days);
  }
  return days;
}

/** Whether a day (by day number) is marked. */
export function isMarked(days: DayMarks, dayNumber: number): boolean {
  const at = dayNumber - days.firstDay;
  return at >= 0 && at < days.marks.length && days.marks[at] === 1;
}

/**
 * The longest run of marked days counting only the days in `[fromDay, toDay]` (a run that crosses
 * a bound is cut there); the earliest of equal runs; null when no day in the window is marked.
 */
export function longestRun(days: DayMarks, fromDay = Number.NEGATIVE_INFINITY, toDay = Number.POSITIVE_INFINITY): Streak | null {
  const first = Math.max(0, fromDay - days.firstDay);
  const last = Math.min(days.marks.length - 1, toDay - days.firstDay);
  let bestStart = -1;
  let bestLength = 0;
  let runStart = -1;
  for (let at = first; at <= last + 1; at++) {
    if (at <= last && days.marks[at] === 1) {
      if (runStart < 0) runStart = at;
      continue;
    }
    if (runStart >= 0 && at - runStart > bestLength) {
      bestStart = runStart;
      bestLength = at - runStart;
    }
    runStart = -1;
  }
  return bestLength === 0 ? null : streakOf(days.firstDay + bestStart, days.firstDay + bestStart + bestLength - 1);
}

/** The first day of the run of marked days a day belongs to (the day itself when unmarked). */
export function runStart(days: DayMarks, dayNumber: number): number {
  let first = dayNumber;
  while (isMarked(days, first - 1)) first--;
  return first;
}

/** The whole run of marked days around a marked day (null when the day is not marked). */
export function runAround(days: DayMarks, dayNumber: number): Streak | null {
  if (!isMarked(days, dayNumber)) return null;
  let last = dayNumber;
  while (isMarked(days, last + 1)) last++;
  return streakOf(runStart(days, dayNumber), last);
}

/** A streak from two day numbers (inclusive). */
export function streakOf(firstDay: number, lastDay: number): Streak {
  return { start: dayNumberToDate(firstDay), end: dayNumberToDate(lastDay), days: lastDay - firstDay + 1 };
}

/** Month numbers (year × 12 + month - 1) of each day in `[firstDay, lastDay]`, relative to the first. */
export interface MonthLookup {
  firstDay: number;
  firstMonth: number;
  months: number;
  /** Per day from `firstDay`: its month minus `firstMonth`. */
  monthOfDay: Int32Array;
}

/** A day → month table for a span of days (one small calendar walk, not one per play). */
export function monthLookup(firstDay: number, lastDay: number): MonthLookup {
  const span = Math.max(0, lastDay - firstDay + 1);
  const monthOfDay = new Int32Array(span);
  const firstMonth = monthNumberOfDay(firstDay);
  let month = 0;
  let nextMonthStart = firstDay;
  for (let at = 0; at < span; at++) {
    if (firstDay + at >= nextMonthStart) {
      month = monthNumberOfDay(firstDay + at) - firstMonth;
      nextMonthStart = firstDay + at + daysLeftInMonth(firstDay + at);
    }
    monthOfDay[at] = month;
  }
  return { firstDay, firstMonth, months: span === 0 ? 0 : month + 1, monthOfDay };
}

function daysLeftInMonth(dayNumber: number): number {
  const { year, month, day } = civilFromDays(dayNumber);
  return daysInMonth(year, month) - day + 1;
}

/** The month (relative to the lookup's first) of a day, clamped into the lookup. */
export function monthAt(lookup: MonthLookup, dayNumber: number): number {
  const at = Math.min(Math.max(dayNumber - lookup.firstDay, 0), lookup.monthOfDay.length - 1);
  return lookup.monthOfDay[at] ?? 0;
}
