import { ChartFigure } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { hourRange, weekdayName } from "../format";
import { ClockHeatmap, ClockTable } from "./chart-leaves";

export function ClockWidget({ data }: { data: DashboardData }) {
  const { clock } = data;
  const title = "Listening clock";
  return (
    <ChartFigure
      title={title}
      description="Minutes played by weekday and hour, skips included"
      summary={
        clock.busiestHour >= 0
          ? `Your busiest hour is ${hourRange(clock.busiestHour)}; your busiest day is ${weekdayName(clock.busiestWeekday)}.`
          : "Nothing played in this range."
      }
      table={<ClockTable cells={clock.cells} caption={title} />}
    >
      {(summaryId) => (
        <div data-testid="listening-clock" data-busiest-hour={clock.busiestHour}>
          <ClockHeatmap labelledBy={summaryId} cells={clock.cells} />
        </div>
      )}
    </ChartFigure>
  );
}
