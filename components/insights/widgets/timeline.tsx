import { ChartFigure, formatMinutes } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { ParamToggle } from "../dashboard-controls";
import { TimelineChart, TimelineTable } from "./chart-leaves";
import { timelineLabel, type TimelinePeriod } from "./timeline-series";

export function TimelineWidget({ data }: { data: DashboardData }) {
  // The chart's leaf and its table get the periods as pairs (one object: sent once) and build the
  // same points in the browser.
  const periods: TimelinePeriod[] = data.timeline.map((point) => [point.start, point.msPlayed]);
  const peak = data.timeline.reduce<(typeof data.timeline)[number] | undefined>(
    (best, point) => (!best || point.msPlayed > best.msPlayed ? point : best),
    undefined,
  );
  const title = "Listening over time";
  return (
    <ChartFigure
      title={title}
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
      table={<TimelineTable unit={data.unit} periods={periods} caption={title} />}
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
