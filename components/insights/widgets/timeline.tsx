import { ChartFigure, formatMinutes, timeSeriesTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { ParamToggle } from "../dashboard-controls";
import { TimelineChart } from "./chart-leaves";
import { timelineLabel, timelineSeries, type TimelinePeriod } from "./timeline-series";

export function TimelineWidget({ data }: { data: DashboardData }) {
  // The chart's leaf gets the periods as pairs and builds the same points in the browser.
  const periods: TimelinePeriod[] = data.timeline.map((point) => [point.start, point.msPlayed]);
  const points = timelineSeries(periods, data.unit);
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
      {(summaryId) => <TimelineChart labelledBy={summaryId} unit={data.unit} periods={periods} />}
    </ChartFigure>
  );
}
