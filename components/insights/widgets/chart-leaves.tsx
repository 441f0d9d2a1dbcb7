"use client";

/**
 * The dashboard's larger charts as client leaves. An SVG of a hundred columns or 168 cells (each
 * with its hover title) costs several times more as a server-rendered tree in the page's RSC
 * payload than as the values it is drawn from: these take only the values (serializable props)
 * and draw the same markup, on the server for the HTML and in the browser when it hydrates.
 */
// Each from its own file: the charts' index also exports components the dashboard does not hydrate.
import { BarList } from "@/components/charts/bar-list";
import { formatMinutes } from "@/components/charts/format";
import { Heatmap } from "@/components/charts/heatmap";
import { TimeSeriesChart } from "@/components/charts/time-series-chart";
import { TICK_STEPS } from "@/components/charts/time-series-data";
import type { TimelineUnit } from "@/lib/insights/client";
import { timelineSeries, type TimelinePeriod } from "./timeline-series";

export { BarList, TimeSeriesChart };

const minutes = (ms: number) => formatMinutes(ms, "short");

/** The listening clock: `cells[day][hour]` in milliseconds played. */
export function ClockHeatmap({ labelledBy, cells }: { labelledBy: string; cells: number[][] }) {
  return <Heatmap labelledBy={labelledBy} cells={cells} format={minutes} />;
}

/** Listening over time: one column per period, built here from `[start, msPlayed]` pairs. */
export function TimelineChart({ labelledBy, unit, periods }: { labelledBy: string; unit: TimelineUnit; periods: TimelinePeriod[] }) {
  return <TimeSeriesChart labelledBy={labelledBy} points={timelineSeries(periods, unit)} tickSteps={TICK_STEPS[unit]} />;
}
