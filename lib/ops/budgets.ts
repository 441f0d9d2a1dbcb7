import "server-only";
import { ASSISTANT_LIMITS, OFFLINE_MODEL_ID } from "@/lib/assistant";
import type { UsageDocument } from "@/lib/db";
import { RESEARCH_LIMITS } from "@/lib/research";
import type { OpsAiUsage, OpsBudget } from "./client";

/** Which provider a `usage` row's model belongs to: research records `perplexity/<model>`. */
export const providerOf = (model: string): OpsAiUsage["provider"] =>
  model === OFFLINE_MODEL_ID ? "offline" : model.startsWith("perplexity/") ? "perplexity" : "gemini";

/** Today's spend per provider against the daily budgets: the deployment's, or one listener's own. */
export function budgetsOf(today: UsageDocument[], scope: OpsBudget["scope"]): OpsBudget[] {
  const sum = (provider: OpsAiUsage["provider"], measure: (row: UsageDocument) => number) =>
    today.filter((row) => providerOf(row.model) === provider).reduce((total, row) => total + measure(row), 0);
  const listener = scope === "listener";
  const budget = (provider: OpsBudget["provider"], label: string, unit: string, used: number, limit: number): OpsBudget => ({
    provider,
    label,
    unit,
    used,
    limit,
    share: limit > 0 ? used / limit : null,
    scope,
  });
  return [
    budget(
      "gemini",
      "Gemini",
      "tokens",
      sum("gemini", (row) => row.inputTokens + row.outputTokens),
      listener ? ASSISTANT_LIMITS.listenerDailyTokens : ASSISTANT_LIMITS.globalDailyTokens,
    ),
    budget(
      "perplexity",
      "Perplexity",
      "requests",
      sum("perplexity", (row) => row.requests),
      listener ? RESEARCH_LIMITS.listenerDailyRequests : RESEARCH_LIMITS.globalDailyRequests,
    ),
  ];
}
