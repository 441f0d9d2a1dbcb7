import { ChartFigure, formatMinutes, TICK_STEPS, type TimePoint, timeSeriesTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { ParamToggle } from "../dashboard-controls";
import { formatDay, formatDayShort, formatMonth, formatMonthShort } from "../format";
import { TimeSeriesChart } from "./chart-leaves";

function timelineLabel(start: string, unit: DashboardData["unit"]): string {
  if (unit === "month") return formatMonth(start);
  if (unit === "week") return `Week of ${formatDay(start)}`;
  return formatDay(start);
}

export function TimelineWidget({ data }: { data: DashboardData }) {
  const points: TimePoint[] = data.timeline.map((point) => ({
    label: timelineLabel(point.start, data.unit),
    tick: data.unit === "month" ? formatMonth(point.start) : formatDayShort(point.start),
    ...(data.unit === "month" ? { shortTick: formatMonthShort(point.start) } : {}),
    value: Math.round(point.msPlayed / 60_000),
    display: formatMinutes(point.msPlayed),
  }));
  const peak = data.timeline.reduce<(typeof data.timeline)[number] | undefined>(
    (best, point) => (!best || point.msPlayed > best.msPlayed ? point : best),
    undefined,
  );
  return (
    <ChartFigure
      title="Listening over time"
      description={
        data.coarsenedFrom
          ? `Minutes played per ${data.unit}, skips included: by ${data.coarsenedFrom}, this range would be too many points to draw`
          : `Minutes played per ${data.unit}, skips included`
      }
      summary={
        peak && peak.msPlayed > 0
          ? `The busiest ${data.unit} was ${timelineLabel(peak.start, data.unit)} with ${formatMinutes(peak.msPlayed)}.`
          : "Nothing played in this range."
      }
      table={timeSeriesTable(points, [data.unit === "day" ? "Day" : data.unit === "week" ? "Week" : "Month", "Minutes"])}
      actions={
        <ParamToggle
          label="Group by"
          param="unit"
          value={data.unit}
          options={[
            { value: "day", label: "Day" },
            { value: "week", label: "Week" },
            { value: "month", label: "Month" },
          ]}
        />
      }
    >
      {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={points} tickSteps={TICK_STEPS[data.unit]} />}
    </ChartFigure>
  );
}
