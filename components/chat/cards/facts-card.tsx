import { CalendarClockIcon, ChartNoAxesCombinedIcon, HistoryIcon } from "lucide-react";
import type { FactsOutput } from "@/lib/assistant/client";
import { day, ToolFrame, type ToolCardSpec } from "./shared";

/** Figures and a short ranked list: the card of habits, comparisons and "on this day". */
function FactsCard({ output, Icon, testId }: { output: FactsOutput; Icon: typeof HistoryIcon; testId: string }) {
  return (
    <ToolFrame
      data-testid={testId}
      Icon={Icon}
      title={output.title}
      description={output.range ? `${output.range.label} · ${day(output.range.fromDate)} – ${day(output.range.toDate)}` : undefined}
    >
      {output.facts.length > 0 ? (
        <dl className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {output.facts.map((fact) => (
            <div key={fact.label} className="rounded-lg bg-muted/50 px-3 py-2">
              <dt className="text-xs text-muted-foreground">{fact.label}</dt>
              <dd className="text-base font-semibold tabular-nums">{fact.value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-sm text-muted-foreground">{output.summary}</p>
      )}
      {output.rows.length > 0 ? (
        <div className="mt-4">
          {output.rowsTitle ? <h4 className="mb-1 text-xs font-medium text-muted-foreground">{output.rowsTitle}</h4> : null}
          <ol className="flex flex-col gap-1 text-sm">
            {output.rows.map((row) => (
              <li key={`${row.name}|${row.detail ?? ""}`} className="flex justify-between gap-2">
                <span className="min-w-0 truncate">
                  {row.name}
                  {row.detail ? <span className="text-muted-foreground"> · {row.detail}</span> : null}
                </span>
                <span className="shrink-0 text-muted-foreground tabular-nums">{row.value}</span>
              </li>
            ))}
          </ol>
        </div>
      ) : null}
    </ToolFrame>
  );
}

export const listeningHabitsCard: ToolCardSpec<"listeningHabits"> = {
  working: "Looking at your habits…",
  failed: "Your habits could not be worked out",
  Card: ({ output }) => <FactsCard output={output} Icon={CalendarClockIcon} testId="habits-card" />,
};

export const comparePeriodsCard: ToolCardSpec<"comparePeriods"> = {
  working: "Comparing the two periods…",
  failed: "The periods could not be compared",
  Card: ({ output }) => <FactsCard output={output} Icon={ChartNoAxesCombinedIcon} testId="compare-card" />,
};

export const onThisDayCard: ToolCardSpec<"onThisDay"> = {
  working: "Looking back at this day…",
  failed: "This day in earlier years could not be looked up",
  Card: ({ output }) => <FactsCard output={output} Icon={HistoryIcon} testId="on-this-day-card" />,
};
