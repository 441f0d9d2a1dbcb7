/**
 * Daily Perplexity request budgets, per listener and for everyone, in the shared cache (one counter
 * per UTC day each), like the assistant's Gemini token budgets. They fail closed: when the counters
 * cannot be read nobody knows what was spent, so no request is made.
 */
import "server-only";
import { getCache, getStrictCache, type Cache } from "@/lib/cache";
import { logger } from "@/lib/telemetry";
import { RESEARCH_LIMITS } from "./config";

const COUNTER_TTL_SECONDS = 2 * 86_400;
export const utcDay = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);
const listenerKey = (userId: string, day: string) => `research-budget:${day}:${userId}`;
const globalKey = (day: string) => `research-budget:${day}:all`;

export interface ResearchLimits {
  listener: number;
  global: number;
}

const configured = (): ResearchLimits => ({
  listener: RESEARCH_LIMITS.listenerDailyRequests,
  global: RESEARCH_LIMITS.globalDailyRequests,
});

/** Requests made today, by this listener and by everyone (null: the counters cannot be read). */
export async function researchRequestsToday(
  userId: string,
  { cache = getStrictCache(), now = Date.now() }: { cache?: Cache; now?: number } = {},
): Promise<{ listener: number; global: number } | null> {
  const day = utcDay(now);
  try {
    const [mine, all] = await cache.getMany<number>([listenerKey(userId, day), globalKey(day)]);
    return { listener: Number(mine ?? 0), global: Number(all ?? 0) };
  } catch (error) {
    logger.warn({ err: error, userId }, "research: request budgets unreadable, no research (budgets fail closed)");
    return null;
  }
}

/**
 * Takes one request from today's budgets: null when taken, else which budget is spent ("unknown"
 * when the counters cannot be read). Counted first and given back when refused, so two requests at
 * once cannot both take the last place.
 */
export async function takeResearchRequest(
  userId: string,
  limits: ResearchLimits = configured(),
  now = Date.now(),
): Promise<"listener" | "global" | "unknown" | null> {
  const day = utcDay(now);
  const strict = getStrictCache();
  let mine: number;
  let all: number;
  try {
    [mine, all] = await Promise.all([
      strict.increment(listenerKey(userId, day), { ttlSeconds: COUNTER_TTL_SECONDS }),
      strict.increment(globalKey(day), { ttlSeconds: COUNTER_TTL_SECONDS }),
    ]);
  } catch (error) {
    logger.warn({ err: error, userId }, "research: request budgets unreadable, no research (budgets fail closed)");
    return "unknown";
  }
  const spent = mine > limits.listener ? "listener" : all > limits.global ? "global" : null;
  if (spent) {
    const cache = getCache();
    await Promise.all([
      cache.increment(listenerKey(userId, day), { by: -1, ttlSeconds: COUNTER_TTL_SECONDS }),
      cache.increment(globalKey(day), { by: -1, ttlSeconds: COUNTER_TTL_SECONDS }),
    ]);
  }
  return spent;
}
