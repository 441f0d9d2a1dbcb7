/**
 * Local days in the listener's time zone. The rhythm of a day (quiet nights, busy commutes) lives
 * in local time while streams are stamped in UTC, so the generator walks local calendar days and
 * converts with the zone's offset on that day.
 */
import { perProcess } from "@/lib/process-state";

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;
/** `LocalDay.weekday` of Saturday and Sunday (0 = Monday). */
export const SATURDAY = 5;
export const SUNDAY = 6;

export interface LocalDay {
  /** UTC instant of local midnight. */
  start: number;
  /**
   * 0 = Monday … 6 = Sunday: ISO order counted from 0, the one weekday convention of the app
   * (lib/listening's `weekdayOf`, the insights and their labels use it too).
   */
  weekday: number;
  year: number;
  /** 0-based, like Date. */
  month: number;
  /** 0-based day of the year, for seasons. */
  dayOfYear: number;
}

const formatters = perProcess("demo.formatters", () => new Map<string, Intl.DateTimeFormat>());

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  if (timeZone === "UTC") return 0;
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wallClock = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return Math.round((wallClock - utcMs) / MINUTE_MS) * MINUTE_MS;
}

/**
 * Every whole local day between two instants. A day is placed by the zone's offset at its noon,
 * which is exact except for the hour a clock change skips or repeats, harmless for a rhythm.
 */
export function localDays(fromMs: number, toMs: number, timeZone: string): LocalDay[] {
  const first = new Date(fromMs + zoneOffsetMs(timeZone, fromMs));
  const days: LocalDay[] = [];
  for (let civil = Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), first.getUTCDate()); ; civil += DAY_MS) {
    const start = civil - zoneOffsetMs(timeZone, civil + 12 * HOUR_MS);
    if (start < fromMs) continue;
    if (start + DAY_MS > toMs) break;
    const date = new Date(civil);
    const year = date.getUTCFullYear();
    days.push({
      start,
      weekday: (date.getUTCDay() + 6) % 7,
      year,
      month: date.getUTCMonth(),
      dayOfYear: Math.floor((civil - Date.UTC(year, 0, 1)) / DAY_MS),
    });
  }
  return days;
}

/**
 * The local calendar date (`YYYY-MM-DD`) of an instant in a zone, and the UTC instant its day
 * starts, placed like `localDays` places a day (by the zone's offset at its noon).
 */
export function localDayOf(utcMs: number, timeZone: string): { date: string; start: number } {
  const local = new Date(utcMs + zoneOffsetMs(timeZone, utcMs));
  const civil = Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate());
  return { date: new Date(civil).toISOString().slice(0, 10), start: civil - zoneOffsetMs(timeZone, civil + 12 * HOUR_MS) };
}
