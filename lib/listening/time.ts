/**
 * Local calendar arithmetic over plays: which local day, hour and weekday each play falls on
 * in the listener's time zone, and where local days start.
 *
 * Intl is slow (several microseconds a call), so it is never called per play. A zone's UTC offset
 * is read once per UTC day (at its start and the next day's start, shared between neighbours);
 * when the two differ, the exact minute of the clock change is found by bisection. Every instant's
 * offset is then one cached lookup, exact also for zones whose changes fall mid-hour in UTC
 * (Adelaide, Newfoundland, Lord Howe).
 *
 * One file: every local-time rule (offsets per UTC day, DST minute search, weeks, days)
 * depends on the same cached offset table.
 */
import { perProcess } from "@/lib/process-state";
import type { ListeningIndex } from "./listening-index";

/** One minute in milliseconds. */
export const MINUTE_MS = 60_000;
/** One hour in milliseconds. */
export const HOUR_MS = 3_600_000;
/** One (UTC) day in milliseconds; local days are 23-25 hours across clock changes. */
export const DAY_MS = 86_400_000;

/** Local calendar columns for every row of an index (same order as the index). */
export interface LocalCalendar {
  /** Local calendar day number: days since 1970-01-01 in the zone. */
  day: Int32Array;
  /** Local hour, 0-23. */
  hour: Uint8Array;
  /** 0 = Monday … 6 = Sunday (see `weekdayOf`). */
  weekday: Uint8Array;
}

/** The offsets in effect during one UTC day: `offset` until `switchAt`, `after` from then on. */
interface ZoneDay {
  offset: number;
  switchAt: number;
  after: number;
}

interface ZoneState {
  /** null for zones that are always UTC. */
  formatter: Intl.DateTimeFormat | null;
  /** By UTC day number. */
  days: Map<number, ZoneDay>;
  /** Offsets at the start of UTC days, by day number (each is shared by two neighbouring days). */
  dayStarts: Map<number, number>;
}

const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal", "Zulu"]);
const UTC_DAY: ZoneDay = { offset: 0, switchAt: Number.POSITIVE_INFINITY, after: 0 };
const MAX_CACHED_DAYS = 200_000;
const zones = perProcess("listening.zones", () => new Map<string, ZoneState>());

function zoneState(timeZone: string): ZoneState {
  let state = zones.get(timeZone);
  if (!state) {
    const formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
    });
    const resolved = formatter.resolvedOptions().timeZone;
    state = { formatter: UTC_ZONES.has(resolved) ? null : formatter, days: new Map(), dayStarts: new Map() };
    zones.set(timeZone, state);
  }
  return state;
}

/** The zone's offset at an instant, straight from Intl (to the minute). */
function probe(formatter: Intl.DateTimeFormat, epochMs: number): number {
  let year = 1970;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  for (const part of formatter.formatToParts(epochMs)) {
    switch (part.type) {
      case "year":
        year = Number(part.value);
        break;
      case "month":
        month = Number(part.value);
        break;
      case "day":
        day = Number(part.value);
        break;
      case "hour":
        hour = Number(part.value);
        break;
      case "minute":
        minute = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wallClock = Date.UTC(year, month - 1, day, hour, minute);
  return wallClock - Math.floor(epochMs / MINUTE_MS) * MINUTE_MS;
}

function dayStartOffset(state: ZoneState, formatter: Intl.DateTimeFormat, utcDay: number): number {
  let offset = state.dayStarts.get(utcDay);
  if (offset === undefined) {
    offset = probe(formatter, utcDay * DAY_MS);
    state.dayStarts.set(utcDay, offset);
  }
  return offset;
}

function zoneDay(state: ZoneState, utcDay: number): ZoneDay {
  const formatter = state.formatter;
  if (!formatter) return UTC_DAY;
  const known = state.days.get(utcDay);
  if (known) return known;
  if (state.days.size >= MAX_CACHED_DAYS) {
    state.days.clear();
    state.dayStarts.clear();
  }
  const start = utcDay * DAY_MS;
  const offset = dayStartOffset(state, formatter, utcDay);
  const next = dayStartOffset(state, formatter, utcDay + 1);
  let entry: ZoneDay;
  if (offset === next) {
    entry = { offset, switchAt: Number.POSITIVE_INFINITY, after: offset };
  } else {
    // The clock changes during this day: find the first minute with the new offset.
    let before = 0;
    let changed = DAY_MS / MINUTE_MS;
    while (changed - before > 1) {
      const middle = (before + changed) >>> 1;
      if (probe(formatter, start + middle * MINUTE_MS) === offset) before = middle;
      else changed = middle;
    }
    entry = { offset, switchAt: start + changed * MINUTE_MS, after: next };
  }
  state.days.set(utcDay, entry);
  return entry;
}

/** How far the zone's wall clock is ahead of UTC at an instant, in milliseconds. */
export function zoneOffset(timeZone: string, epochMs: number): number {
  const entry = zoneDay(zoneState(timeZone), Math.floor(epochMs / DAY_MS));
  return epochMs < entry.switchAt ? entry.offset : entry.after;
}

/** Whether the string names a time zone this runtime knows (IANA names such as "Europe/Berlin"). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== "string" || timeZone.length === 0) return false;
  try {
    zoneState(timeZone);
    return true;
  } catch {
    return false;
  }
}

const calendars = perProcess("listening.calendars", () => new WeakMap<ListeningIndex, Map<string, LocalCalendar>>());

/**
 * The local day, hour and weekday of every play of an index in a zone. Computed once per index
 * and zone (cached on the index), so every widget can bucket plays with plain array reads.
 */
export function localCalendar(index: ListeningIndex, timeZone: string): LocalCalendar {
  let byZone = calendars.get(index);
  if (!byZone) {
    byZone = new Map();
    calendars.set(index, byZone);
  }
  const cached = byZone.get(timeZone);
  if (cached) return cached;

  const state = zoneState(timeZone);
  const count = index.count;
  const playedAt = index.playedAt;
  const day = new Int32Array(count);
  const hour = new Uint8Array(count);
  const weekday = new Uint8Array(count);
  let utcDay = Number.NaN;
  let entry = UTC_DAY;
  for (let row = 0; row < count; row++) {
    const at = playedAt[row] as number;
    const rowUtcDay = Math.floor(at / DAY_MS);
    if (rowUtcDay !== utcDay) {
      utcDay = rowUtcDay;
      entry = zoneDay(state, rowUtcDay);
    }
    const local = at + (at < entry.switchAt ? entry.offset : entry.after);
    const localDay = Math.floor(local / DAY_MS);
    day[row] = localDay;
    hour[row] = Math.floor((local - localDay * DAY_MS) / HOUR_MS);
    weekday[row] = weekdayOf(localDay);
  }
  const calendar = { day, hour, weekday };
  byZone.set(timeZone, calendar);
  return calendar;
}

/**
 * The weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). The app's one
 * weekday convention: ISO order counted from 0, in the demo generator, the index and every widget.
 */
export function weekdayOf(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** The local day number (days since 1970-01-01 in the zone) an instant falls on. */
export function localDayNumber(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + zoneOffset(timeZone, epochMs)) / DAY_MS);
}

/** The local date ("YYYY-MM-DD") an instant falls on in a zone. */
export function localDateString(epochMs: number, timeZone: string): string {
  return dayNumberToDate(localDayNumber(epochMs, timeZone));
}

/**
 * The instant a local day starts: local midnight, or the moment the clock jumps past midnight when
 * a change skips it; the first midnight when a change repeats it.
 */
export function localDayStart(dayNumber: number, timeZone: string): number {
  const wallClock = dayNumber * DAY_MS;
  // Offsets stay within ±14 h, so the answer lies in this window; assume at most one change in it.
  const windowStart = wallClock - 16 * HOUR_MS;
  const windowEnd = wallClock + 16 * HOUR_MS;
  const early = zoneOffset(timeZone, windowStart);
  const late = zoneOffset(timeZone, windowEnd);
  if (early === late) return wallClock - early;
  const change = changeBetween(timeZone, windowStart, windowEnd);
  const withEarly = wallClock - early;
  if (withEarly < change) return withEarly;
  const withLate = wallClock - late;
  if (withLate >= change) return withLate;
  return change;
}

function changeBetween(timeZone: string, from: number, to: number): number {
  const state = zoneState(timeZone);
  for (let utcDay = Math.floor(from / DAY_MS); utcDay <= Math.floor(to / DAY_MS); utcDay++) {
    const switchAt = zoneDay(state, utcDay).switchAt;
    if (switchAt >= from && switchAt <= to) return switchAt;
  }
  return to;
}

/** Epoch ms of local midnight at the start of a date ("YYYY-MM-DD") in a zone; throws on a bad date. */
export function zonedMidnight(date: string, timeZone: string): number {
  const dayNumber = dateToDayNumber(date);
  if (dayNumber === null) throw new RangeError(`Not a date: ${date}`);
  return localDayStart(dayNumber, timeZone);
}

/** A calendar date as parts; month and day are 1-based. */
export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const shiftedMonth = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * shiftedMonth + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}

/** The calendar date of a day number (days since 1970-01-01). */
export function civilFromDays(dayNumber: number): CivilDate {
  const shifted = dayNumber + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
  const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** A month as one number (year × 12 + month - 1), handy for month buckets. */
export function monthNumberOfDay(dayNumber: number): number {
  const { year, month } = civilFromDays(dayNumber);
  return year * 12 + month - 1;
}

/** The day number of the first day of a month number (see `monthNumberOfDay`). */
export function monthNumberStart(monthNumber: number): number {
  return daysFromCivil(Math.floor(monthNumber / 12), (monthNumber % 12) + 1, 1);
}

/** "YYYY-MM" of a month number (see `monthNumberOfDay`). */
export function monthNumberToString(monthNumber: number): string {
  return `${pad(Math.floor(monthNumber / 12), 4)}-${pad((monthNumber % 12) + 1, 2)}`;
}

/** "YYYY-MM-DD" of a day number (days since 1970-01-01). */
export function dayNumberToDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The day number of a "YYYY-MM-DD" date, or null when it is not a real calendar date. */
export function dateToDayNumber(date: string): number | null {
  const match = DATE_PATTERN.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** How many days a month (1-12) of a year has. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
