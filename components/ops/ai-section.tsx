import { formatNumber } from "@/components/charts";
import type { OpsSnapshot } from "@/lib/ops/client";
import { Counter, Counters, formatPercent, formatUsd, OpsSection, OpsTable } from "./parts";

const PROVIDERS = { gemini: "Gemini", perplexity: "Perplexity", offline: "Offline model" } as const;

/** One budget as a labelled meter: the share of today's budget spent. */
function BudgetMeter({ budget }: { budget: OpsSnapshot["ai"]["budgets"][number] }) {
  const share = budget.share ?? 0;
  const label = `${budget.label}: ${formatNumber(budget.used, 0)} of ${formatNumber(budget.limit, 0)} ${budget.unit} today`;
  return (
    <div className="flex flex-col gap-1" data-testid={`ops-budget-${budget.provider}`} data-used={budget.used}>
      <div className="flex justify-between gap-2 text-sm">
        <span>{label}</span>
        <span className="tabular-nums text-muted-foreground">{formatPercent(budget.share)}</span>
      </div>
      <div
        role="meter"
        aria-label={`${budget.label} daily budget used`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(Math.min(1, share) * 100)}
        aria-valuetext={`${formatPercent(budget.share)} (${label})`}
        className="h-2 overflow-hidden rounded-full bg-muted"
      >
        <div className={share > 0.8 ? "h-full bg-destructive" : "h-full bg-primary"} style={{ width: `${Math.min(100, share * 100)}%` }} />
      </div>
    </div>
  );
}

export function AiSection({ ai }: { ai: OpsSnapshot["ai"] }) {
  const costOf = (provider: "gemini" | "perplexity") =>
    ai.usage.filter((row) => row.provider === provider).reduce((sum, row) => sum + row.costUsd, 0);
  const scope = ai.budgets[0]?.scope === "listener" ? "your own daily budgets" : "the deployment's daily budgets (UTC days)";
  return (
    <OpsSection
      id="ai"
      title="AI cost"
      description={`Gemini and Perplexity tokens, requests and cost per day and model, against ${scope}.`}
    >
      <Counters>
        <Counter id="ai-requests" label="Model requests" value={ai.totals.requests} unit="requests" />
        <Counter id="ai-tokens" label="Tokens" value={ai.totals.tokens} unit="tokens" />
        <Counter id="ai-gemini-cost" label="Gemini cost" value={costOf("gemini")} display={formatUsd(costOf("gemini"))} unit="USD" />
        <Counter
          id="ai-perplexity-cost"
          label="Perplexity cost"
          value={costOf("perplexity")}
          display={formatUsd(costOf("perplexity"))}
          unit="USD"
        />
      </Counters>
      <div className="grid gap-4 sm:grid-cols-2">
        {ai.budgets.map((budget) => (
          <BudgetMeter key={budget.provider} budget={budget} />
        ))}
      </div>
      <OpsTable
        caption="Requests, tokens and cost per day and model"
        head={["Day and model", "Provider", "Requests", "Input tokens", "Output tokens", "Cost"]}
        empty="No model usage in this window."
        testId="ops-ai-table"
        rows={ai.usage.map((row) => [
          `${row.day} · ${row.model}`,
          PROVIDERS[row.provider],
          formatNumber(row.requests, 0),
          formatNumber(row.inputTokens, 0),
          formatNumber(row.outputTokens, 0),
          formatUsd(row.costUsd),
        ])}
      />
    </OpsSection>
  );
}
