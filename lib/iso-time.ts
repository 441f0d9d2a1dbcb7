/**
 * `new Date(epochMs).toISOString()`, byte for byte, at a quarter of its cost. An import formats
 * every row's end twice (the row's `endedAt`, then the play's id), and the engine's formatting of
 * a few hundred thousand instants was a tenth of the import's time. The date part is the engine's
 * own, made once per day and remembered, so every year's form (four digits, or six with a sign)
 * stays exactly its own; the time of day is put together from two-digit strings, and for a whole
 * second (nearly every row) remembered too.
 */

const DAY_MS = 86_400_000;
/** The largest distance from the epoch a Date holds (ECMAScript's time value range). */
const MAX_TIME_MS = 8.64e15;
/** A decade of days is 3,650 entries: a history never comes near the bound. */
const MAX_CACHED_DAYS = 100_000;
/** `midnight.toISOString()` ends with this: what is left before it is the date and the `T`. */
const MIDNIGHT_SUFFIX_LENGTH = "00:00:00.000Z".length;

const datePrefixes = new Map<number, string>();
const TWO_DIGITS = Array.from({ length: 60 }, (_, value) => String(value).padStart(2, "0"));

/** `YYYY-MM-DDT` (or `±YYYYYY-MM-DDT`) of a UTC day number, from the engine's own formatting. */
function datePrefix(day: number): string {
  let prefix = datePrefixes.get(day);
  if (prefix === undefined) {
    const midnight = new Date(day * DAY_MS).toISOString();
    prefix = midnight.slice(0, midnight.length - MIDNIGHT_SUFFIX_LENGTH);
    if (datePrefixes.size >= MAX_CACHED_DAYS) datePrefixes.clear();
    datePrefixes.set(day, prefix);
  }
  return prefix;
}

/** `HH:mm:ss.000Z` of each whole second of a day, made once: the time of day of nearly every row. */
const wholeSeconds: Array<string | undefined> = new Array(DAY_MS / 1000);

/** `HH:mm:ss`, `seconds` after midnight. */
const clock = (seconds: number) =>
  `${TWO_DIGITS[Math.floor(seconds / 3600)]}:${TWO_DIGITS[Math.floor(seconds / 60) % 60]}:${TWO_DIGITS[seconds % 60]}`;

/** `HH:mm:ss.sssZ`, the time of day of an instant that many seconds and milliseconds after midnight. */
function timeSuffix(seconds: number, ms: number): string {
  if (ms !== 0) return `${clock(seconds)}.${String(ms).padStart(3, "0")}Z`;
  let suffix = wholeSeconds[seconds];
  if (suffix === undefined) {
    // Joined rather than concatenated: one flat string, where `+` would leave a pair of pieces.
    suffix = [clock(seconds), ".000Z"].join("");
    wholeSeconds[seconds] = suffix;
  }
  return suffix;
}

export function isoString(epochMs: number): string {
  // Not a whole millisecond within a Date's range: the engine's own answer (or its RangeError).
  if (!Number.isInteger(epochMs) || Math.abs(epochMs) > MAX_TIME_MS) return new Date(epochMs).toISOString();
  const day = Math.floor(epochMs / DAY_MS);
  // From midnight of that day, so never negative (a time before 1970 too).
  const sinceMidnight = epochMs - day * DAY_MS;
  // Two shared pieces: each row's string costs one small pair (rows are held until stored).
  return datePrefix(day) + timeSuffix(Math.floor(sinceMidnight / 1000), sinceMidnight % 1000);
}
