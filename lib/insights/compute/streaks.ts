/**
 * Listening streaks: runs of consecutive local days with at least one listen. Every streak comes
 * from the same all-time day marks, so they cannot contradict each other: the longest ever is at
 * least the current one and at least the longest in the range, and the longest in the range is at
 * least the part of the current streak inside the range.
 */
import { dateToDayNumber, type ListeningIndex, localDayNumber } from "@/lib/listening";
import { isMarked, listenDays, longestRun, runAround, runStart, streakOf, type Streak } from "./days";
import type { InsightQuery } from "./query";

/** The longest streak inside a range: its days in the range, and the whole run it is part of. */
export type RangeStreak = Streak & {
  /** The whole run (all time): longer than the streak when the run crosses the range's bounds. */
  run: Streak;
};

/** Listening streaks. */
export interface Streaks {
  /** The longest run counting only the range's days (a run crossing a bound is cut there); the earliest of equal runs. */
  longest: RangeStreak | null;
  /** The longest run in the whole history. */
  longestEver: Streak | null;
  /** The run up to today, or up to yesterday when today has no listen (yet); null when neither has one. */
  current: Streak | null;
}

/** Options of `streaks`. */
export interface StreaksOptions {
  /** "Today" for the current streak (epoch ms); default: the range's last moment. */
  now?: number;
}

/** The longest streak in a range, the longest ever and the one still running today (or yesterday). */
export function streaks(index: ListeningIndex, q: InsightQuery, options: StreaksOptions = {}): Streaks {
  if (index.count === 0) return { longest: null, longestEver: null, current: null };
  const days = listenDays(index, q.timeZone, q.listenThresholdMs);
  const today = localDayNumber(options.now ?? q.to - 1, q.timeZone);
  // The run up to today, or up to yesterday when today has no listen yet (none later counts).
  const anchor = isMarked(days, today) ? today : today - 1;
  const current = isMarked(days, anchor) ? streakOf(runStart(days, anchor), anchor) : null;
  const inRange = q.to > q.from ? longestRun(days, localDayNumber(q.from, q.timeZone), localDayNumber(q.to - 1, q.timeZone)) : null;
  return {
    longest: inRange ? { ...inRange, run: runAround(days, dateToDayNumber(inRange.start) ?? 0) ?? inRange } : null,
    longestEver: longestRun(days),
    current,
  };
}
