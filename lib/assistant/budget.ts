import "server-only";
import { getCache, getStrictCache, type Cache } from "@/lib/cache";
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

const TURN_WINDOW_SECONDS = 60;
const TURN_BUCKET_SECONDS = 5;
/** Buckets counted for one turn: the current one and the twelve before it. */
const TURN_BUCKETS = TURN_WINDOW_SECONDS / TURN_BUCKET_SECONDS + 1;
const turnKey = (userId: string, bucket: number) => `assistant:turns:${userId}:${bucket}`;

/**
 * Chat turns per listener in any minute, whoever answers (Gemini, EchoTune, the answer cache):
 * beyond, a 429 problem with Retry-After. Turns are counted in 5-second buckets and a turn counts
 * for 60 to 65 seconds, so no minute ever holds more than `limit`. (The shared sliding-window
 * limiter only estimates the previous window's share, assuming its turns were spread evenly: a
 * burst that starts mid-window got through, 14 turns in under a minute on the demo.) The turn is
 * counted first and taken back when refused, so two at once cannot both take the last place; a
 * cache that cannot be reached lets turns through, like every rate limit.
 */
export async function limitTurns(
  userId: string,
  limit: number = ASSISTANT_LIMITS.turnsPerMinute,
  { cache = getCache(), now = Date.now() }: { cache?: Cache; now?: number } = {},
): Promise<void> {
  const bucketMs = TURN_BUCKET_SECONDS * 1000;
  const current = Math.floor(now / bucketMs);
  const buckets = Array.from({ length: TURN_BUCKETS }, (_, index) => current - TURN_BUCKETS + 1 + index);
  const ttlSeconds = TURN_WINDOW_SECONDS + 2 * TURN_BUCKET_SECONDS;
  const mine = await cache.increment(turnKey(userId, current), { ttlSeconds });
  const earlier = (await cache.getMany<number>(buckets.slice(0, -1).map((bucket) => turnKey(userId, bucket)))).map((count) =>
    Math.max(0, Number(count ?? 0)),
  );
  const counted = earlier.reduce((sum, count) => sum + count, 0) + mine;
  if (counted <= limit) return;
  await cache.increment(turnKey(userId, current), { by: -1, ttlSeconds });
  // A place frees up once enough of the oldest turns have left the minute.
  const counts = [...earlier, mine - 1];
  let freed = 0;
  let opensAt = (current + 1) * bucketMs;
  for (const [index, count] of counts.entries()) {
    freed += count;
    if (counted - 1 - freed < limit) {
      opensAt = (buckets[index]! + TURN_BUCKETS) * bucketMs;
      break;
    }
  }
  const retryAfter = Math.max(1, Math.ceil((opensAt - now) / 1000));
  throw new AppError("rate_limited", {
    detail: `You're sending messages quickly: at most ${limit} a minute. Try again in ${retryAfter} s.`,
    retryAfterSeconds: retryAfter,
    limit: { limit, remaining: 0, resetAt: opensAt },
  });
}
