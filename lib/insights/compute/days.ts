/**
 * Local-day helpers shared by the widgets: marks of the days that have plays, the runs of
 * consecutive marked days (streaks), and day → month lookups for month buckets.
 */
import { civilFromDays, dayNumberToDate, daysInMonth, type ListeningIndex, type LocalCalendar, monthNumberOfDay } from "@/lib/listening";
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

/** The longest run of marked days (the earliest of equal runs), or null when none is marked. */
export function longestRun(days: DayMarks): Streak | null {
  let bestStart = -1;
  let bestLength = 0;
  let runStart = -1;
  for (let at = 0; at <= days.marks.length; at++) {
    if (at < days.marks.length && days.marks[at] === 1) {
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
