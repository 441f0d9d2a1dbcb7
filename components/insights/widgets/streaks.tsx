import { ChartFigure, formatCount } from "@/components/charts";
import { STATISTIC_NAMES, type DashboardData } from "@/lib/insights/client";
import { formatDay, lowerFirst } from "../format";

type Streak = { start: string; end: string; days: number };

function Entry({ term, streak, note, testId, none }: { term: string; streak: Streak | null; note?: string; testId: string; none: string }) {
  return (
    <div className="inset-tile">
      <dt className="text-sm text-muted-foreground">{term}</dt>
      <dd className="mt-1 font-medium tabular-nums" data-testid={testId}>
        {streak ? formatCount(streak.days, "day") : none}
      </dd>
      {streak ? (
        <dd className="text-xs text-muted-foreground">
          {`${formatDay(streak.start)} – ${formatDay(streak.end)}`}
          {note ? <span className="block">{note}</span> : null}
        </dd>
      ) : null}
    </div>
  );
}

/**
 * Three streaks from the same listen days: the longest ever, the longest counting only the range's
 * days, and the one running today or yesterday. So the longest ever is never shorter than the others.
 */
export function StreaksWidget({ data }: { data: DashboardData }) {
  const { longest, longestEver, current } = data.streaks;
  const { definitions } = data;
  const cut = longest && longest.run.days > longest.days ? longest.run : null;
  return (
    <ChartFigure
      title="Streaks"
      description={`${definitions.streak}.`}
      summary={
        longestEver
          ? `Longest ever: ${formatCount(longestEver.days, "day")}; longest in this range: ${formatCount(longest?.days ?? 0, "day")}; current: ${formatCount(current?.days ?? 0, "day")}.`
          : "No streak yet."
      }
      summaryHidden
    >
      <div className="@container">
        <dl className="grid gap-3 @md:grid-cols-3">
          <Entry term="Longest ever" streak={longestEver} testId="streak-longest-ever" none="None yet" />
          <Entry
            term="Longest in this range"
            streak={longest}
            note={
              cut ? `Part of a ${cut.days.toLocaleString("en")}-day streak, ${formatDay(cut.start)} – ${formatDay(cut.end)}` : undefined
            }
            testId="streak-longest"
            none="None in this range"
          />
          <Entry term="Current" streak={current} testId="streak-current" none="None: no listen today or yesterday" />
        </dl>
        <p className="mt-3 text-xs text-muted-foreground">
          {`${STATISTIC_NAMES.longestInRange}: ${lowerFirst(definitions.longestInRange)}. ${STATISTIC_NAMES.currentStreak}: ${lowerFirst(definitions.currentStreak)}.`}
        </p>
      </div>
    </ChartFigure>
  );
}
