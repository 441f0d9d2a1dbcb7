/**
 * The dashboard's state as URL parameters (`?range=6m&by=time`), shared by the page, the client
 * view and `GET /api/insights`, so a view is a link and the back button works. Client-safe and
 * dependency-free (the strict zod schema for the API lives in `params-schema.ts`, off the client).
 */
import { EARLIEST_DATE, latestDate } from "./bounds";
import type { DashboardQuery } from "./dashboard";

export const RANGE_VALUES = ["4w", "6m", "1y", "all", "custom"] as const;
export const BY_VALUES = ["plays", "time"] as const;
export const UNIT_VALUES = ["day", "week", "month"] as const;
export { daysBetween, EARLIEST_DATE, finestUnitFor, latestDate, MAX_TIMELINE_POINTS, timelinePoints } from "./bounds";

export interface DashboardParams {
  range: (typeof RANGE_VALUES)[number];
  from?: string;
  to?: string;
  by: (typeof BY_VALUES)[number];
  unit?: (typeof UNIT_VALUES)[number];
}

export const DEFAULT_PARAMS: DashboardParams = { range: "4w", by: "plays" };

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

/** A real calendar date written YYYY-MM-DD (2023-02-30 is not one). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== "string" || !ISO_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

const oneOf = <T extends string>(values: readonly T[], value: unknown): value is T =>
  typeof value === "string" && (values as readonly string[]).includes(value);

/** Lenient, for pages: a hand-edited URL with a bad value shows the default for that value, not an error. */
export function readDashboardParams(search: Record<string, string | string[] | undefined> | URLSearchParams): DashboardParams {
  const get = (key: string): string | undefined => {
    if (search instanceof URLSearchParams) return search.get(key) ?? undefined;
    const value = search[key];
    return Array.isArray(value) ? value[0] : value;
  };
  const params: DashboardParams = { ...DEFAULT_PARAMS };
  const range = get("range");
  const from = get("from");
  const to = get("to");
  if (range === "custom" || (range === undefined && from !== undefined)) {
    // Dates outside what the picker allows are brought inside it rather than refused.
    const clamp = (date: string) => (date < EARLIEST_DATE ? EARLIEST_DATE : date > latestDate() ? latestDate() : date);
    if (isIsoDate(from) && isIsoDate(to)) Object.assign(params, { range: "custom", from: clamp(from), to: clamp(to) });
  } else if (oneOf(RANGE_VALUES, range)) params.range = range;
  const by = get("by");
  if (oneOf(BY_VALUES, by)) params.by = by;
  const unit = get("unit");
  if (oneOf(UNIT_VALUES, unit)) params.unit = unit;
  return params;
}

/** The URL query for a view, leaving out defaults so links stay short. */
export function dashboardSearch(params: DashboardParams): string {
  const search = new URLSearchParams();
  if (params.range !== "4w") search.set("range", params.range);
  if (params.range === "custom") {
    search.set("from", params.from ?? "");
    search.set("to", params.to ?? "");
  }
  if (params.by !== "plays") search.set("by", params.by);
  if (params.unit) search.set("unit", params.unit);
  return search.toString();
}

export function toDashboardQuery(params: DashboardParams): DashboardQuery {
  if (params.range !== "custom" || !params.from || !params.to)
    return {
      range: { preset: params.range === "custom" ? "4w" : params.range },
      by: params.by,
      ...(params.unit ? { unit: params.unit } : {}),
    };
  const [from, to] = params.from <= params.to ? [params.from, params.to] : [params.to, params.from];
  return { range: { from, to }, by: params.by, ...(params.unit ? { unit: params.unit } : {}) };
}
