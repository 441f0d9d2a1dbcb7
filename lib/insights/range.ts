/**
 * The range picker model: presets ("Last 4 weeks" … "All time") or custom inclusive local dates,
 * to and from URL search params, and resolved to epoch-ms bounds in the listener's zone.
 */
import {
  civilFromDays,
  dateToDayNumber,
  dayNumberToDate,
  daysFromCivil,
  daysInMonth,
  type ListeningIndex,
  localDayNumber,
  localDayStart,
} from "@/lib/listening";

/** The preset ranges. */
export type RangePreset = "4w" | "6m" | "1y" | "all";

/** A range as the URL holds it: a preset, or inclusive local dates ("YYYY-MM-DD"). */
export type RangeSpec = { preset: RangePreset } | { from: string; to: string };

/** A range resolved in a zone at a moment. */
export interface ResolvedRange {
  spec: RangeSpec;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** "Last 4 weeks", "Last 6 months", "Last 12 months", "All time", "3 Jan 2024 – 9 Feb 2024". */
  label: string;
  /** First local day, inclusive, "YYYY-MM-DD". */
  fromDate: string;
  /** Last local day, inclusive, "YYYY-MM-DD". */
  toDate: string;
}

/** The presets, in picker order. */
export const RANGE_PRESETS: readonly RangePreset[] = ["4w", "6m", "1y", "all"];

/** The range shown when the URL names none (or an invalid one). */
export const DEFAULT_RANGE: RangeSpec = { preset: "4w" };

const PRESET_LABELS: Record<RangePreset, string> = { "4w": "Last 4 weeks", "6m": "Last 6 months", "1y": "Last 12 months", all: "All time" };
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** Custom dates outside these years are refused: no listening history is older, and day buckets stay bounded. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function isPreset(value: string | undefined): value is RangePreset {
  return value !== undefined && (RANGE_PRESETS as readonly string[]).includes(value);
}

/** A date string's day number when it is a real date in the supported years, else null. */
function validDay(value: string | undefined): number | null {
  if (value === undefined) return null;
  const day = dateToDayNumber(value);
  if (day === null) return null;
  const { year } = civilFromDays(day);
  return year >= FIRST_YEAR && year <= LAST_YEAR ? day : null;
}

/**
 * The range named by URL search params: `range=4w|6m|1y|all`, or `range=custom` (or no `range`)
 * with both `from` and `to` dates. Anything else is the default (last 4 weeks); custom dates in
 * the wrong order are swapped.
 */
export function parseRangeParams(params: { range?: string; from?: string; to?: string }): RangeSpec {
  if (isPreset(params.range)) return { preset: params.range };
  if (params.range !== undefined && params.range !== "custom") return DEFAULT_RANGE;
  const from = validDay(params.from);
  const to = validDay(params.to);
  if (from === null || to === null) return DEFAULT_RANGE;
  return from <= to ? { from: dayNumberToDate(from), to: dayNumberToDate(to) } : { from: dayNumberToDate(to), to: dayNumberToDate(from) };
}

/** The URL search params of a range (the inverse of `parseRangeParams`). */
export function rangeSearchParams(spec: RangeSpec): Record<string, string> {
  return "preset" in spec ? { range: spec.preset } : { range: "custom", from: spec.from, to: spec.to };
}

/**
 * A range's bounds in a zone at `now`. Presets end with the local day containing `now` (`to` is
 * the next local midnight): "4w" is the last 28 local days, "6m" and "1y" go back 6 or 12
 * calendar months from `to` (same day of the month, clamped to the month's length), "all" starts
 * at the local midnight before the first play (28 days when the index is empty).
 */
export function resolveRange(spec: RangeSpec, timeZone: string, now: number, index?: ListeningIndex): ResolvedRange {
  let firstDay: number;
  let lastDay: number;
  if ("preset" in spec) {
    lastDay = localDayNumber(now, timeZone);
    firstDay = presetFirstDay(spec.preset, lastDay, timeZone, index);
  } else {
    firstDay = dateToDayNumber(spec.from) ?? Number.NaN;
    lastDay = dateToDayNumber(spec.to) ?? Number.NaN;
    if (Number.isNaN(firstDay) || Number.isNaN(lastDay)) return resolveRange(DEFAULT_RANGE, timeZone, now, index);
    if (firstDay > lastDay) [firstDay, lastDay] = [lastDay, firstDay];
  }
  const fromDate = dayNumberToDate(firstDay);
  const toDate = dayNumberToDate(lastDay);
  return {
    spec,
    from: localDayStart(firstDay, timeZone),
    to: localDayStart(lastDay + 1, timeZone),
    label: "preset" in spec ? PRESET_LABELS[spec.preset] : `${formatDate(firstDay)} – ${formatDate(lastDay)}`,
    fromDate,
    toDate,
  };
}

function presetFirstDay(preset: RangePreset, lastDay: number, timeZone: string, index: ListeningIndex | undefined): number {
  switch (preset) {
    case "4w":
      return lastDay - 27;
    case "6m":
      return monthsBefore(lastDay + 1, 6);
    case "1y":
      return monthsBefore(lastDay + 1, 12);
    case "all": {
      if (!index || index.count === 0) return lastDay - 27;
      return Math.min(localDayNumber(index.playedAt[0] as number, timeZone), lastDay);
    }
  }
}

/** The day `months` calendar months before a day (same day of the month, clamped to its length). */
function monthsBefore(dayNumber: number, months: number): number {
  const { year, month, day } = civilFromDays(dayNumber);
  const monthNumber = year * 12 + month - 1 - months;
  const targetYear = Math.floor(monthNumber / 12);
  const targetMonth = (monthNumber % 12) + 1;
  return daysFromCivil(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

/** "3 Jan 2024". */
function formatDate(dayNumber: number): string {
  const { year, month, day } = civilFromDays(dayNumber);
  return `${day} ${MONTH_NAMES[month - 1] ?? ""} ${year}`;
}
