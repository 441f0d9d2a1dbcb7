import { ChartFigure, formatCount } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatDay } from "../format";

export function StreaksWidget({ data }: { data: DashboardData }) {
  const { longest, current } = data.streaks;
  const describe = (streak: typeof longest) =>
    streak ? `${formatCount(streak.days, "day")} · ${formatDay(streak.start)} – ${formatDay(streak.end)}` : "None";
  return (
    <ChartFigure
      title="Streaks"
      description="Days in a row with at least one listen"
      summary={longest ? `Longest streak: ${formatCount(longest.days, "day")}.` : "No streak in this range."}
      summaryHidden
    >
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-lg bg-muted/50 p-3">
          <dt className="text-sm text-muted-foreground">Longest in range</dt>
          <dd className="mt-1 font-medium" data-testid="streak-longest">
            {describe(longest)}
          </dd>
        </div>
        <div className="rounded-lg bg-muted/50 p-3">
          <dt className="text-sm text-muted-foreground">Current</dt>
          <dd className="mt-1 font-medium">{describe(current)}</dd>
        </div>
      </dl>
    </ChartFigure>
  );
}
