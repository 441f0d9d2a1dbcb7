/**
 * What a dashboard request may ask for: custom dates within what the date picker offers, and
 * timelines of at most a few thousand points. Client-safe, dependency-free.
 */
type TimelineUnit = "day" | "week" | "month";

/** The earliest date a custom range may start: Spotify's own history starts in 2008; 2000 leaves room. */
export const EARLIEST_DATE = "2000-01-01";

/** The latest date a custom range may end: tomorrow (UTC), so every time zone's today is in. */
export function latestDate(now = Date.now()): string {
  return new Date(now + 86_400_000).toISOString().slice(0, 10);
}

/** Points a timeline may have: about eleven years by day. Beyond, a coarser unit is used. */
export const MAX_TIMELINE_POINTS = 4_000;

const UNIT_DAYS = { day: 1, week: 7, month: 30.44 } as const;

/** How many points a timeline over `days` days has in `unit`. */
export function timelinePoints(days: number, unit: TimelineUnit): number {
  return Math.ceil(days / UNIT_DAYS[unit]);
}

/** Days from one YYYY-MM-DD to another, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The finest unit whose timeline over `days` days stays within MAX_TIMELINE_POINTS. */
export function finestUnitFor(days: number): TimelineUnit {
  return (["day", "week", "month"] as const).find((unit) => timelinePoints(days, unit) <= MAX_TIMELINE_POINTS) ?? "month";
}
