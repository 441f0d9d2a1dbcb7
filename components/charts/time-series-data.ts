/**
 * The time-series chart's data side, apart from the (client) chart itself so server components can
 * build points, tick steps and tables.
 */
import type { ChartTable } from "./types";

export interface TimePoint {
  /** Full label, used in the tooltip and the table: "Mar 2024", "Mon 3 Mar 2024". */
  label: string;
  value: number;
  /** The value as shown: "42 hours". */
  display: string;
  /** Shorter x-axis label if `label` is long ("Mar 3"); defaults to `label`. */
  tick?: string;
  /** An even shorter x-axis label for narrow charts ("Mar ’24" for "Mar 2024"). */
  shortTick?: string;
}

/** Steps between x labels that read well for each kind of period. */
export const TICK_STEPS = {
  day: [1, 2, 7, 14, 28, 56, 112],
  week: [1, 2, 4, 8, 13, 26, 52, 104],
  month: [1, 2, 3, 6, 12, 24, 36, 48, 60, 120],
  year: [1, 2, 5, 10, 20],
} as const;

/** The table alternative for a TimeSeriesChart: one row per point, label then display value. */
export function timeSeriesTable(points: TimePoint[], columns: [string, string] = ["Period", "Value"]): ChartTable {
  return { columns: [...columns], rows: points.map((point) => [point.label, point.display]) };
}
