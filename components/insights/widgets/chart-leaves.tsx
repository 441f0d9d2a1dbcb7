"use client";

/**
 * The dashboard's larger charts as client leaves. An SVG of a hundred columns or 168 cells (each
 * with its hover title) costs several times more as a server-rendered tree in the page's RSC
 * payload than as the values it is drawn from: these take only the values (serializable props)
 * and draw the same markup, on the server for the HTML and in the browser when it hydrates.
 */
// Each from its own file: the charts' index also exports components the dashboard does not hydrate.
import { BarList, barListTable, type BarListItem } from "@/components/charts/bar-list";
import { DataTable } from "@/components/charts/data-table";
import { formatMinutes } from "@/components/charts/format";
import { Heatmap } from "@/components/charts/heatmap";
import { DAYS, heatmapTable } from "@/components/charts/heatmap-data";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { TICK_STEPS, timeSeriesTable, type TimePoint } from "@/components/charts/time-series-data";
import type { ChartTable } from "@/components/charts/types";
import type { TimelineUnit } from "@/lib/insights/client";
import { timelineSeries, type TimelinePeriod } from "./timeline-series";

export { BarList, TimeSeriesChart };

const wholeMinutes = (value: number) => formatMinutes(value * 60_000, "short");

/** The listening clock: `cells[day][hour]` in whole minutes played (half the digits of milliseconds). */
export function ClockHeatmap({ labelledBy, cells }: { labelledBy: string; cells: number[][] }) {
  return <Heatmap labelledBy={labelledBy} cells={cells} format={wholeMinutes} />;
}

/** Listening over time: one column per period, built here from `[start, msPlayed]` pairs. */
export function TimelineChart({ labelledBy, unit, periods }: { labelledBy: string; unit: TimelineUnit; periods: TimelinePeriod[] }) {
  return <TimeSeriesChart labelledBy={labelledBy} points={timelineSeries(periods, unit)} tickSteps={TICK_STEPS[unit]} />;
}

/*
 * The charts' tables, built here from the same props (the same objects) their chart leaves get:
 * React sends an object it has already sent as a reference to it, so the data crosses once instead
 * of once as values and again as every formatted cell. Each table's rows are built when its
 * disclosure first opens, not while the page hydrates (a ten-year timeline has 500 rows).
 */

/** Like ChartFigure's own table: nothing when there are no rows. */
function ChartDataTable({ rows, table, caption }: { rows: number; table: () => ChartTable; caption: string }) {
  return rows > 0 ? <DataTable table={table} caption={caption} /> : null;
}

export function BarListTable({ items, columns, caption }: { items: BarListItem[]; columns: [string, string]; caption: string }) {
  return <ChartDataTable rows={items.length} table={() => barListTable(items, columns)} caption={caption} />;
}

export function TimeSeriesTable({ points, columns, caption }: { points: TimePoint[]; columns: [string, string]; caption: string }) {
  return <ChartDataTable rows={points.length} table={() => timeSeriesTable(points, columns)} caption={caption} />;
}

export function TimelineTable({ unit, periods, caption }: { unit: TimelineUnit; periods: TimelinePeriod[]; caption: string }) {
  const columns: [string, string] = [unit === "day" ? "Day" : unit === "week" ? "Week" : "Month", "Minutes"];
  return <ChartDataTable rows={periods.length} table={() => timeSeriesTable(timelineSeries(periods, unit), columns)} caption={caption} />;
}

export function ClockTable({ cells, caption }: { cells: number[][]; caption: string }) {
  // A row for each day of the week, whatever the cells hold.
  return <ChartDataTable rows={DAYS} table={() => heatmapTable(cells, wholeMinutes)} caption={caption} />;
}
