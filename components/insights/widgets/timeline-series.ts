/** The timeline's columns from its periods: shared by the server (summary, table) and its chart leaf. */
import { formatMinutes } from "@/components/charts/format";
import type { TimePoint } from "@/components/charts/time-series-data";
import type { TimelineUnit } from "@/lib/insights/client";
import { formatDay, formatDayShort, formatMonth, formatMonthShort } from "../format";

/** A period as the chart's leaf receives it: its first day and the milliseconds played in it. */
export type TimelinePeriod = [start: string, msPlayed: number];

export function timelineLabel(start: string, unit: TimelineUnit): string {
  if (unit === "month") return formatMonth(start);
  if (unit === "week") return `Week of ${formatDay(start)}`;
  return formatDay(start);
}

export function timelineSeries(periods: readonly TimelinePeriod[], unit: TimelineUnit): TimePoint[] {
  return periods.map(([start, msPlayed]) => ({
    label: timelineLabel(start, unit),
    tick: unit === "month" ? formatMonth(start) : formatDayShort(start),
    ...(unit === "month" ? { shortTick: formatMonthShort(start) } : {}),
    value: Math.round(msPlayed / 60_000),
    display: formatMinutes(msPlayed),
  }));
}
