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

const plurals = new Intl.PluralRules("en");

/**
 * `1234` → "1,234". With a noun: `formatCount(212, "play")` → "212 plays",
 * `formatCount(1, { one: "person", other: "people" })` → "1 person".
 */
export function formatCount(n: number, noun?: string | { one: string; other: string }): string {
  const value = finite(n);
  const text = formatter("count", { maximumFractionDigits: 0 }).format(value);
  if (noun === undefined) return text;
  return `${text} ${countNoun(value, noun)}`;
}

/** The noun for a count, singular or plural: `countNoun(1, "play")` → "play", `countNoun(2, "play")` → "plays". */
export function countNoun(n: number, noun: string | { one: string; other: string }): string {
  const forms = typeof noun === "string" ? { one: noun, other: `${noun}s` } : noun;
  return plurals.select(Math.round(finite(n))) === "one" ? forms.one : forms.other;
}

/** Plain number with grouping and up to `digits` decimals: `1234.567` → "1,234.57". */
export function formatNumber(n: number, digits = 2): string {
  return formatter(`number-${digits}`, { maximumFractionDigits: digits }).format(finite(n));
}

/** Short form for axis ticks: `1234` → "1.2K", `2500000` → "2.5M", `0.25` → "0.25". */
export function formatCompact(n: number): string {
  const value = finite(n);
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
  return formatter(`minute-${unitDisplay}`, {
    style: "unit",
    unit: "minute",
    unitDisplay,
    maximumFractionDigits: 0,
  }).format(minutes);
}
