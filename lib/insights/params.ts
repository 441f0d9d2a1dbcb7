/**
 * The dashboard's state as URL parameters (`?range=6m&by=time`), shared by the page, the client
 * view and `GET /api/insights`, so a view is a link and the back button works. Client-safe.
 */
import { z } from "zod";
import type { DashboardQuery } from "./dashboard";

const isoDate = z.iso.date({ message: "use a date like 2024-03-01" });

export const dashboardParamsSchema = z
  .object({
    range: z.enum(["4w", "6m", "1y", "all", "custom"]).default("4w"),
    from: isoDate.optional(),
    to: isoDate.optional(),
    by: z.enum(["plays", "time"]).default("plays"),
    unit: z.enum(["day", "week", "month"]).optional(),
  })
  .refine((params) => params.range !== "custom" || (params.from !== undefined && params.to !== undefined), {
    message: "a custom range needs both from and to (YYYY-MM-DD)",
    path: ["from"],
  });

export type DashboardParams = z.output<typeof dashboardParamsSchema>;

export const DEFAULT_PARAMS: DashboardParams = { range: "4w", by: "plays" };

/** Lenient, for pages: a hand-edited URL with a bad value shows the default view, not an error. */
export function readDashboardParams(search: Record<string, string | string[] | undefined> | URLSearchParams): DashboardParams {
  const record: Record<string, string> = {};
  const entries = search instanceof URLSearchParams ? [...search.entries()] : Object.entries(search);
  for (const [key, value] of entries) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined && first !== "") record[key] = first;
  }
  const parsed = dashboardParamsSchema.safeParse(record);
  if (parsed.success) return parsed.data;
  // Keep what is valid field by field.
  const fallback: DashboardParams = { ...DEFAULT_PARAMS };
  const by = z.enum(["plays", "time"]).safeParse(record.by);
  if (by.success) fallback.by = by.data;
  return fallback;
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
  const range =
    params.range === "custom"
      ? { from: params.from && params.to && params.from > params.to ? params.to : params.from!, to: params.from && params.to && params.from > params.to ? params.from : params.to! }
      : { preset: params.range };
  return { range, by: params.by, ...(params.unit ? { unit: params.unit } : {}) };
}
