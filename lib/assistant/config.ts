/**
 * The assistant's knobs in one place: model prices (USD per million tokens, paid tier, text,
 * prompts up to 200k tokens; re-check Google's pricing page before relying on them), budgets,
 * limits. Model ids come from the environment (`GEMINI_MODEL`), never from code paths.
 */
import { env } from "@/lib/env";
import { MESSAGE_MAX_CHARS } from "./types";

export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Prices as of 2026-11 (Google's Gemini API pricing page). Unknown ids cost as the dearest flash. */
export const MODEL_PRICES: Record<string, ModelPrice> = {
  "gemini-2.5-flash": { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  "gemini-2.5-flash-lite": { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gemini-2.5-pro": { inputPerMillion: 1.25, outputPerMillion: 10 },
  "gemini-3-flash-preview": { inputPerMillion: 0.5, outputPerMillion: 3 },
  "gemini-3.1-flash-lite": { inputPerMillion: 0.25, outputPerMillion: 1.5 },
  "gemini-3.5-flash": { inputPerMillion: 1.5, outputPerMillion: 9 },
  "gemini-3.5-flash-lite": { inputPerMillion: 0.3, outputPerMillion: 2.5 },
  "gemini-3.6-flash": { inputPerMillion: 0.75, outputPerMillion: 3.75 },
  "gemini-3.7-flash": { inputPerMillion: 0.75, outputPerMillion: 3.75 },
  "gemini-3.8-flash": { inputPerMillion: 0.75, outputPerMillion: 3.75 },
  "echotune-offline": { inputPerMillion: 0, outputPerMillion: 0 },
};
const UNKNOWN_MODEL_PRICE: ModelPrice = { inputPerMillion: 1.5, outputPerMillion: 9 };

export function costOf(model: string, inputTokens: number, outputTokens: number): number {
  const price = MODEL_PRICES[model] ?? UNKNOWN_MODEL_PRICE;
  return (inputTokens * price.inputPerMillion + outputTokens * price.outputPerMillion) / 1_000_000;
}

export const ASSISTANT_LIMITS = {
  /** Gemini tokens (input + output) one listener may use per UTC day; then the offline model answers. */
  listenerDailyTokens: env.ASSISTANT_LISTENER_DAILY_TOKENS,
  /** Gemini tokens all listeners together may use per UTC day. */
  globalDailyTokens: env.ASSISTANT_GLOBAL_DAILY_TOKENS,
  /** Chat turns per listener per minute (429 with Retry-After beyond). */
  turnsPerMinute: env.ASSISTANT_TURNS_PER_MINUTE,
  /** Model steps per turn (tool calls and the answer). */
  maxSteps: 5,
  /** An identical question within this window is answered from the cache. */
  answerCacheSeconds: 300,
  /** Longest message accepted, in characters. */
  maxMessageChars: MESSAGE_MAX_CHARS,
  /** Messages of history sent to the model (the newest). */
  historyMessages: 24,
} as const;
