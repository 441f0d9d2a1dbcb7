/**
 * Artist research, the server entry point: questions about artists, albums and scenes answered by
 * Perplexity's Agent API with cited sources (research.ts), the adapter (perplexity.ts), daily
 * request budgets (budget.ts) and prices (config.ts). It sits below the assistant, which offers
 * it as the `researchArtist` tool.
 */
import "server-only";

export { researchArtist, researchCacheKey, normaliseQuestion, RESEARCH_OFF } from "./research";
export { researchRequestsToday } from "./budget";
export { RESEARCH_LIMITS, RESEARCH_PRESET, RESEARCH_PRICES, WEB_SEARCH_PRICE, researchCostOf, type ResearchPrice } from "./config";
export type { ResearchCitation, ResearchQuestion, ResearchResult, ResearchStatus } from "./types";
