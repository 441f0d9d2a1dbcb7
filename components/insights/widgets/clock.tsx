import { ChartFigure } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { hourRange, weekdayName } from "../format";
import { ClockHeatmap, ClockTable } from "./chart-leaves";

export function ClockWidget({ data }: { data: DashboardData }) {
  const { clock } = data;
  const title = "Listening clock";
  // Whole minutes, as the chart and its table show them; one array for both leaves (sent once).
  const cells = clock.cells.map((row) => row.map((ms) => Math.round(ms / 60_000)));
  return (
    <ChartFigure
      title={title}
      description="Minutes played by weekday and hour, skips included"
      summary={
        clock.busiestHour >= 0
          ? `Your busiest hour is ${hourRange(clock.busiestHour)}; your busiest day is ${weekdayName(clock.busiestWeekday)}.`
          : "Nothing played in this range."
      }
      table={<ClockTable cells={cells} caption={title} />}
    >
      {(summaryId) => (
        <div data-testid="listening-clock" data-busiest-hour={clock.busiestHour}>
          <ClockHeatmap labelledBy={summaryId} cells={cells} />
        </div>
      )}
    </ChartFigure>
  );
}
