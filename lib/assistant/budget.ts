import "server-only";
import { getCache, getRateLimiter, getStrictCache } from "@/lib/cache";
import { getStore, usageRepository } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/telemetry";
import { ASSISTANT_LIMITS, costOf } from "./config";
import { OFFLINE_MODEL_ID } from "./types";

const COUNTER_TTL_SECONDS = 2 * 86_400;
const today = (now = Date.now()) => new Date(now).toISOString().slice(0, 10);
const listenerKey = (userId: string, day: string) => `assistant:tokens:${day}:${userId}`;
const globalKey = (day: string) => `assistant:tokens:${day}:all`;

/**
 * Whether Gemini may answer this listener today: null when it may, else which budget is spent.
 * Budgets fail closed: when the counters cannot be read (the cache is down), nobody knows what was
 * spent, so the answer is "unknown" and the offline model answers.
 */
export async function budgetExceeded(
  userId: string,
  limits: { listener: number; global: number } = {
    listener: ASSISTANT_LIMITS.listenerDailyTokens,
    global: ASSISTANT_LIMITS.globalDailyTokens,
  },
): Promise<"listener" | "global" | "unknown" | null> {
  const day = today();
  let counters: Array<number | undefined>;
  try {
    counters = await getStrictCache().getMany<number>([listenerKey(userId, day), globalKey(day)]);
  } catch (error) {
    logger.warn({ err: error, userId }, "assistant: token budgets unreadable, the offline model answers (budgets fail closed)");
    return "unknown";
  }
  const [mine, all] = counters;
  if (Number(mine ?? 0) >= limits.listener) return "listener";
  if (Number(all ?? 0) >= limits.global) return "global";
  return null;
}

/** Counts a model step's tokens against today's budgets (Gemini only) and records usage and cost per listener and day. */
export async function recordUsage(userId: string, model: string, inputTokens: number, outputTokens: number): Promise<void> {
  const day = today();
  const total = inputTokens + outputTokens;
  try {
    if (model !== OFFLINE_MODEL_ID && total > 0) {
      const cache = getCache();
      await Promise.all([
        cache.increment(listenerKey(userId, day), { by: total, ttlSeconds: COUNTER_TTL_SECONDS }),
        cache.increment(globalKey(day), { by: total, ttlSeconds: COUNTER_TTL_SECONDS }),
      ]);
    }
    await usageRepository(await getStore()).record({
      userId,
      day,
      model,
      inputTokens,
      outputTokens,
      costUsd: costOf(model, inputTokens, outputTokens),
    });
  } catch (error) {
    // Usage is bookkeeping: a failure is logged, never the listener's problem.
    logger.warn({ err: error, userId, model }, "assistant: usage not recorded");
  }
}

/** Chat turns per listener per minute: beyond, a 429 problem with Retry-After. */
export async function limitTurns(userId: string, limit: number = ASSISTANT_LIMITS.turnsPerMinute): Promise<void> {
  const rule = { name: "chat", limit, windowSeconds: 60 };
  const result = await getRateLimiter().limit(`listener:${userId}`, rule);
  if (result.success) return;
  const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
  throw new AppError("rate_limited", {
    detail: `You're sending messages quickly: at most ${rule.limit} a minute. Try again in ${retryAfter} s.`,
    retryAfterSeconds: retryAfter,
    limit: { limit: result.limit, remaining: 0, resetAt: result.reset },
  });
}
