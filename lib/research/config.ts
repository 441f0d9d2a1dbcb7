/**
 * Research's knobs in one place: how Perplexity is asked, how long answers are kept, the daily
 * request budgets, and the price table used when a response carries no cost.
 */
import { env } from "@/lib/env";

/**
 * The Agent API preset research uses: Perplexity's web-search configuration tuned for quick, cited
 * answers (it picks the model; the response names it). Presets follow Perplexity's current setup
 * without code changes here.
 */
export const RESEARCH_PRESET = "fast-search";

export const RESEARCH_LIMITS = {
  /** Perplexity requests one listener may make per UTC day (cache hits are free). */
  listenerDailyRequests: env.RESEARCH_LISTENER_DAILY_REQUESTS,
  /** Perplexity requests everyone together may make per UTC day. */
  globalDailyRequests: env.RESEARCH_GLOBAL_DAILY_REQUESTS,
  /** How long an answer is reused for the same question. */
  answerCacheSeconds: 86_400,
  /** How long one request may take before the listener is told to try again. */
  timeoutMs: 25_000,
  /** The longest answer kept (characters), and the most sources shown. */
  maxAnswerChars: 4_000,
  maxCitations: 8,
  /** Output tokens Perplexity may spend on one answer. */
  maxOutputTokens: 700,
} as const;

export interface ResearchPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/**
 * USD list prices, for responses without a `usage.cost` block (the Agent API normally reports the
 * cost itself, and that figure is what is recorded). Token prices per million by the model the
 * response names; each web search the response reports costs WEB_SEARCH_PRICE. Unknown models cost
 * as the dearest listed. Prices as of 2026-11 (Perplexity's pricing page).
 */
export const RESEARCH_PRICES: Record<string, ResearchPrice> = {
  "perplexity/sonar": { inputPerMillion: 1, outputPerMillion: 1 },
  "perplexity/sonar-pro": { inputPerMillion: 3, outputPerMillion: 15 },
  "openai/gpt-5-mini": { inputPerMillion: 0.25, outputPerMillion: 2 },
  "xai/grok-4-1-fast-non-reasoning": { inputPerMillion: 0.2, outputPerMillion: 0.5 },
};
const UNKNOWN_PRICE: ResearchPrice = { inputPerMillion: 3, outputPerMillion: 15 };
/** USD per web search a response reports (`usage.tool_calls_details.web_search.invocation`). */
export const WEB_SEARCH_PRICE = 0.005;

/** What a response costs by the table: tokens at the model's prices plus its web searches. */
export function researchCostOf(model: string, inputTokens: number, outputTokens: number, searches: number): number {
  const price = RESEARCH_PRICES[model] ?? UNKNOWN_PRICE;
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000 + searches * WEB_SEARCH_PRICE;
}
