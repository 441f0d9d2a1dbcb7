/**
 * Dates for insight widgets, formatted the same on the server and in the browser (no Intl date
 * formatting, whose output differs between ICU versions and would break hydration).
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/** "2024-03-05" → "5 Mar 2024". */
export function formatDay(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "2024-03" or "2024-03-01" → "Mar 2024". */
export function formatMonth(date: string): string {
  const [year, month] = date.split("-").map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** "2024-03" or "2024-03-01" → "Mar ’24", for narrow chart axes. */
export function formatMonthShort(date: string): string {
  const [year, month] = date.split("-").map(Number);
  return `${MONTHS[(month ?? 1) - 1]} ’${String(year).slice(-2)}`;
}

/** "2024-03-05" → "5 Mar", for chart axes whose year is plain from the range. */
export function formatDayShort(date: string): string {
  const [, month, day] = date.split("-").map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]}`;
}

/** "2024-03-05" to "2024-04-01" → "5 Mar – 1 Apr 2024"; across years both carry theirs. */
export function formatDayRange(from: string, to: string): string {
  if (from === to) return formatDay(from);
  return from.slice(0, 4) === to.slice(0, 4) ? `${formatDayShort(from)} – ${formatDay(to)}` : `${formatDay(from)} – ${formatDay(to)}`;
}

/** "A play of at least 30 seconds" → "a play of at least 30 seconds", to continue a sentence. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

// Building an Intl.DateTimeFormat costs far more than using one: a dashboard formats a hundred
// instants while it hydrates, so each (locale, zone) formatter is built once.
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** A local calendar date for an instant in a zone, as "5 Mar 2024". */
export function formatInstant(epochMs: number, timeZone: string): string {
  return formatDay(dateTimeFormat("en-CA", timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(epochMs));
}

/** A local time of day for an instant, "21:05". */
export function formatClockTime(epochMs: number, timeZone: string): string {
  return dateTimeFormat("en-GB", timeZone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(epochMs);
}

export const weekdayName = (weekday: number) => WEEKDAYS[weekday] ?? "";

/** 13 → "13:00–14:00". */
export function hourRange(hour: number): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${pad(hour)}:00–${pad((hour + 1) % 24)}:00`;
}

/** 0.1234 → "12%". */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** A duration as "2 h 05 min" or "47 min". */
export function formatDuration(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, "0")} min`;
}

/** The URL of an artist, track or album page. */
export function itemHref(kind: "artist" | "track" | "album", key: string): string {
  return `/dashboard/${kind}/${encodeURIComponent(key)}`;
}
