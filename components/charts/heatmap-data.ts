/**
 * The heatmap's data side, apart from the (client) chart so server components can build its table.
 */
import type { ChartTable } from "./types";

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
export const HOURS = 24;
export const DAYS = 7;

/** Number of colour steps for non-zero values (zero has its own, quieter colour). */
export const HEAT_LEVELS = 5;

/** Colour step for a value: 0 for none, else 1..HEAT_LEVELS linearly up to `max`. */
export function heatLevel(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return Math.min(HEAT_LEVELS, Math.max(1, Math.ceil((value / max) * HEAT_LEVELS)));
}

function hour(h: number): string {
  return `${String(h % 24).padStart(2, "0")}:00`;
}

/** A cell's value; missing or invalid cells count as 0. */
export function cellAt(cells: number[][], day: number, h: number): number {
  const value = cells[day]?.[h] ?? 0;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/** A cell's hover text: "Monday 14:00–15:00: 12 plays". */
export function heatCellLabel(
  cells: number[][],
  index: number,
  format: (value: number) => string,
  rowNames: readonly string[] = WEEKDAYS,
): string {
  const day = Math.floor(index / HOURS);
  const h = index % HOURS;
  return `${rowNames[day] ?? ""} ${hour(h)}–${hour(h + 1)}: ${format(cellAt(cells, day, h))}`;
}

/** The table alternative for a Heatmap: one row per day, one column per hour. */
export function heatmapTable(cells: number[][], format: (value: number) => string, rowNames: readonly string[] = WEEKDAYS): ChartTable {
  return {
    columns: ["Day", ...Array.from({ length: HOURS }, (_, h) => hour(h))],
    rows: Array.from({ length: DAYS }, (_, day) => [
      rowNames[day] ?? "",
      ...Array.from({ length: HOURS }, (_, h) => format(cellAt(cells, day, h))),
    ]),
  };
}
