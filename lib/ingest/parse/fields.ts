/**
 * Field readers for export rows, written by hand: a long history is a few hundred thousand rows,
 * so they avoid regular-expression captures, intermediate objects and schema libraries. Each one
 * tells a missing value (null) from a value of the wrong type (`undefined`).
 */

/** Real exports hold titles of about 560 characters (a track with thirty featured artists). */
export const MAX_NAME_LENGTH = 4_096;
export const MAX_PLATFORM_LENGTH = 200;
export const MAX_REASON_LENGTH = 64;
export const MAX_COUNTRY_LENGTH = 8;
export const MAX_MS_PLAYED = 24 * 60 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** The unsigned decimal number in `text[start, start + length)`, or -1 when a character is not a digit. */
function digits(text: string, start: number, length: number): number {
  let value = 0;
  for (let index = start; index < start + length; index++) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/** Milliseconds since the epoch for a calendar instant in UTC, or NaN when a part is out of range. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number, ms: number): number {
  // Date.UTC reads years 0–99 as 1900–1999; no stream is that old anyway.
  if (
    year < 1000 ||
    month < 1 ||
    month > 12 ||
    day < 1 ||
    hour < 0 ||
    hour > 23 ||
    minute < 0 ||
    minute > 59 ||
    second < 0 ||
    second > 59 ||
    ms < 0
  ) {
    return NaN;
  }
  const days = month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
  if (day > days) return NaN;
  return Date.UTC(year, month - 1, day, hour, minute, second, ms);
}

/** Whether `text` starts with the separators of `YYYY-MM-DDTHH:mm:ss` (digits are checked as read). */
function hasIsoSeparators(text: string): boolean {
  return (
    text.charCodeAt(4) === 45 /* - */ &&
    text.charCodeAt(7) === 45 &&
    text.charCodeAt(10) === 84 /* T */ &&
    text.charCodeAt(13) === 58 /* : */ &&
    text.charCodeAt(16) === 58
  );
}

/** The instant `YYYY-MM-DDTHH:mm:ss` at the start of `text` says, in UTC, plus `ms`; read in place. */
function wholeSecondsUtc(text: string, ms: number): number {
  return utcMs(
    digits(text, 0, 4),
    digits(text, 5, 2),
    digits(text, 8, 2),
    digits(text, 11, 2),
    digits(text, 14, 2),
    digits(text, 17, 2),
    ms,
  );
}

const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/**
 * An ISO 8601 instant with a zone (`2023-02-25T11:20:37Z`, fractions and offsets allowed) as epoch
 * milliseconds; NaN for anything else, including local times and impossible dates.
 */
export function parseInstant(text: string): number {
  // The two forms nearly every row has are read in place; any other (a lowercase `t` or `z`, an
  // offset, another fraction) goes to the general reader below.
  if (text.length === 20 && text.charCodeAt(19) === 90 /* Z */ && hasIsoSeparators(text)) {
    // The export's own form, `YYYY-MM-DDTHH:mm:ssZ`.
    return wholeSecondsUtc(text, 0);
  }
  if (text.length === 24 && text.charCodeAt(23) === 90 && text.charCodeAt(19) === 46 /* . */ && hasIsoSeparators(text)) {
    // The form toISOString writes, `YYYY-MM-DDTHH:mm:ss.sssZ` (every parsed row's `endedAt`).
    return wholeSecondsUtc(text, digits(text, 20, 3));
  }
  const match = ISO_INSTANT.exec(text);
  if (!match) return NaN;
  const [, year, month, day, hour, minute, second, fraction, , sign, offsetHours, offsetMinutes] = match;
  const ms = fraction ? Number(fraction.slice(0, 3).padEnd(3, "0")) : 0;
  const local = utcMs(Number(year), Number(month), Number(day), Number(hour), Number(minute), second ? Number(second) : 0, ms);
  if (!sign) return local;
  const offsetH = Number(offsetHours);
  const offsetM = Number(offsetMinutes);
  if (offsetH > 23 || offsetM > 59) return NaN;
  const offset = (offsetH * 60 + offsetM) * 60_000;
  return sign === "+" ? local - offset : local + offset;
}

/** The account data's `YYYY-MM-DD HH:mm` (UTC, minute precision; `T` and seconds tolerated) as epoch ms. */
export function parseMinuteTime(text: string): number {
  const length = text.length;
  if (length !== 16 && length !== 19) return NaN;
  const separator = text.charCodeAt(10);
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || (separator !== 32 && separator !== 84) || text.charCodeAt(13) !== 58)
    return NaN;
  if (length === 19 && text.charCodeAt(16) !== 58) return NaN;
  const second = length === 19 ? digits(text, 17, 2) : 0;
  return utcMs(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2), digits(text, 11, 2), digits(text, 14, 2), second, 0);
}

/** A track, artist or album name: trimmed; null when absent or blank; `undefined` when not a string or too long. */
export function nameField(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  if (trimmed.length === 0) return null;
  return trimmed.length > MAX_NAME_LENGTH ? undefined : trimmed;
}

/** A short code kept as given (platform, reasons, country): null when absent or empty; `undefined` when not a string or too long. */
export function codeField(value: unknown, maxLength: number): string | null | undefined {
  if (value === null || value === undefined || value === "") return null;
  if (typeof value !== "string") return undefined;
  return value.length > maxLength ? undefined : value;
}

/** A flag: null when absent; `undefined` when not a boolean. */
export function flagField(value: unknown): boolean | null | undefined {
  if (value === true || value === false) return value;
  return value === null || value === undefined ? null : undefined;
}

/** Milliseconds played: null when absent; `undefined` unless a whole number from 0 to 24 hours. */
export function msPlayedField(value: unknown): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_MS_PLAYED) return undefined;
  return value;
}

const TRACK_URI_PREFIX = "spotify:track:";
const BASE62_ID = /^[0-9A-Za-z]{22}$/;

/** The 22-character id of `spotify:track:<id>`: null when absent or not a track URI; `undefined` when not a string. */
export function trackIdField(value: unknown): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") return undefined;
  if (value.length !== TRACK_URI_PREFIX.length + 22 || !value.startsWith(TRACK_URI_PREFIX)) return null;
  const id = value.slice(TRACK_URI_PREFIX.length);
  return BASE62_ID.test(id) ? id : null;
}

/** Whether an optional field carries something: a value other than null, undefined or "". */
export const isSet = (value: unknown): boolean => value !== null && value !== undefined && value !== "";
