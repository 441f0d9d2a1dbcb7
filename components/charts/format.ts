/**
 * Number formatting for chart `display` strings, axis ticks and table cells. English everywhere
 * (the app's copy is English), so server and client render the same text.
 */

type UnitDisplay = "long" | "short" | "narrow";

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.NumberFormat("en", options);
    formatters.set(key, cached);
  }
  return cached;
}

function finite(n: number): number {
  return Number.isFinite(n) ? n : 0;
}

/** Below this, every whole number is exact as a double and `String` writes it in plain digits. */
const MAX_WHOLE = 2 ** 53;

/**
 * A number rounded to a whole one and grouped by thousands ("1,234"): the text Intl's "en" format
 * with no decimals gives, without Intl for the numbers charts show (from 0 up to 2^53), whose
 * every format call costs tens of microseconds. A dashboard hydrates about a thousand of them
 * (every period of a ten-year timeline, and its table). Anything else (negatives and -0, with Intl's
 * "-0") goes to Intl.
 */
function formatWhole(value: number): string | undefined {
  if (!(value >= 0 && value < MAX_WHOLE) || Object.is(value, -0)) return undefined;
  // Math.round rounds halves up, as Intl's default (half away from zero) does for positives.
  const digits = String(Math.round(value));
  if (digits.length <= 3) return digits;
  let grouped = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let at = grouped.length; at < digits.length; at += 3) grouped += `,${digits.slice(at, at + 3)}`;
  return grouped;
}

/** Intl's unit names for minutes in English, by display and plural form. */
const MINUTE_UNITS: Record<UnitDisplay, { one: string; other: string }> = {
  long: { one: " minute", other: " minutes" },
  short: { one: " min", other: " min" },
  narrow: { one: "m", other: "m" },
};

/**
 * `1234` → "1,234". With a noun: `formatCount(212, "play")` → "212 plays",
 * `formatCount(1, { one: "person", other: "people" })` → "1 person".
 */
export function formatCount(n: number, noun?: string | { one: string; other: string }): string {
  const value = finite(n);
  const text = formatWhole(value) ?? formatter("count", { maximumFractionDigits: 0 }).format(value);
  if (noun === undefined) return text;
  return `${text} ${countNoun(value, noun)}`;
}

/** The noun for a count, singular or plural: `countNoun(1, "play")` → "play", `countNoun(2, "play")` → "plays". */
export function countNoun(n: number, noun: string | { one: string; other: string }): string {
  const forms = typeof noun === "string" ? { one: noun, other: `${noun}s` } : noun;
  // English's plural rule for a whole number (what Intl.PluralRules says, without its cost): one for ±1.
  return Math.abs(Math.round(finite(n))) === 1 ? forms.one : forms.other;
}

/** Plain number with grouping and up to `digits` decimals: `1234.567` → "1,234.57". */
export function formatNumber(n: number, digits = 2): string {
  return formatter(`number-${digits}`, { maximumFractionDigits: digits }).format(finite(n));
}

/** English's short compact suffixes: thousands, millions, billions, trillions. */
const COMPACT_SUFFIXES = ["K", "M", "B", "T"];

/**
 * A whole number below 10^15 in Intl's "en" compact notation with up to one decimal ("1.2K",
 * "12.3M"); undefined for anything else. Creating Intl's compact formatter is the costly part: a
 * phone spent about 30 ms (at Lighthouse's 4x slowdown, 110 ms) on it while the dashboard hydrated,
 * for the four ticks of an axis. The tenths are counted on the integer (`1150 / 100` is exactly
 * 11.5), so halves round up as Intl's do.
 */
function compactWhole(value: number): string | undefined {
  if (!Number.isInteger(value) || Object.is(value, -0) || Math.abs(value) >= 1e15) return undefined;
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  if (magnitude < 1000) return `${sign}${magnitude}`;
  let tier = Math.floor(Math.log10(magnitude) / 3);
  // log10 of a power of ten may land a hair under it: the tier is the one whose range holds the value.
  if (magnitude < 1000 ** tier) tier -= 1;
  if (magnitude >= 1000 ** (tier + 1)) tier += 1;
  let tenths = Math.round(magnitude / 10 ** (3 * tier - 1));
  // 999,950 rounds to 1,000.0K: that is 1M.
  if (tenths >= 10_000) {
    tier += 1;
    tenths = Math.round(magnitude / 10 ** (3 * tier - 1));
  }
  const suffix = COMPACT_SUFFIXES[tier - 1];
  if (suffix === undefined) return undefined;
  const whole = Math.floor(tenths / 10);
  return `${sign}${whole}${tenths % 10 === 0 ? "" : `.${tenths % 10}`}${suffix}`;
}

/** Short form for axis ticks: `1234` → "1.2K", `2500000` → "2.5M", `0.25` → "0.25". */
export function formatCompact(n: number): string {
  const value = finite(n);
  const fast = compactWhole(value);
  if (fast !== undefined) return fast;
  if (Math.abs(value) < 1) return formatter("small", { maximumFractionDigits: 2 }).format(value);
  return formatter("compact", { notation: "compact", maximumFractionDigits: 1 }).format(value);
}

/**
 * Milliseconds as hours: `formatHours(151_200_000)` → "42 hours"; one decimal below 10 hours
 * ("1.5 hours"), none above. `unitDisplay: "short"` → "42 hr", `"narrow"` → "42h".
 */
export function formatHours(ms: number, unitDisplay: UnitDisplay = "long"): string {
  const hours = finite(ms) / 3_600_000;
  const digits = Math.abs(hours) < 10 ? 1 : 0;
  return formatter(`hour-${unitDisplay}-${digits}`, {
    style: "unit",
    unit: "hour",
    unitDisplay,
    maximumFractionDigits: digits,
  }).format(hours);
}

/** Milliseconds as whole minutes: `formatMinutes(90_000)` → "2 minutes" (`"short"` → "2 min"). */
export function formatMinutes(ms: number, unitDisplay: UnitDisplay = "long"): string {
  const minutes = finite(ms) / 60_000;
  const whole = formatWhole(minutes);
  // "1 minute": English takes the singular for exactly one, as the rounded number is written.
  if (whole !== undefined) return `${whole}${whole === "1" ? MINUTE_UNITS[unitDisplay].one : MINUTE_UNITS[unitDisplay].other}`;
  return formatter(`minute-${unitDisplay}`, {
    style: "unit",
    unit: "minute",
    unitDisplay,
    maximumFractionDigits: 0,
  }).format(minutes);
}
