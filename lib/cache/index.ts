import "server-only";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { tracingEnabled, setMetricsStore } from "@/lib/telemetry";
import { MemoryCache, MemoryRateLimiter } from "./memory";
import { observedCache } from "./observed";
import type { Cache, RateLimiter } from "./port";
import { breakerCache, cacheBreaker, resilientCache, resilientRateLimiter } from "./resilient";
import { createUpstashClient, UpstashCache, UpstashRateLimiter } from "./upstash";

export {
  keyNames,
  type Cache,
  type CacheKind,
  type FieldIncrements,
  type RateLimiter,
  type RateLimitResult,
  type RateLimitRule,
} from "./port";
export { MemoryCache, MemoryRateLimiter } from "./memory";
export { observedCache, cacheUseOf } from "./observed";
export { cacheBreaker, resilientCache, resilientRateLimiter, type CacheBreaker } from "./resilient";
export { UpstashCache, UpstashRateLimiter } from "./upstash";

interface CacheServices {
  /** Lookups counted by use (and traced when tracing is on). */
  cache: Cache;
  /** The same cache uncounted: where the metrics themselves are kept. */
  metrics: Cache;
  /** The same cache without the outage shield, for reads that must fail closed. */
  strict: Cache;
  rateLimiter: RateLimiter;
  /** Every key with its raw value (`snapshotCache`). */
  snapshot: () => Promise<Array<{ key: string; value: string }>>;
}

function createServices(): CacheServices {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    const redis = createUpstashClient({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN });
    const upstash = new UpstashCache({ url: env.UPSTASH_REDIS_REST_URL, token: env.UPSTASH_REDIS_REST_TOKEN, redis });
    // One breaker for all three: an outage seen by one spares the others its timeouts.
    const breaker = cacheBreaker();
    const resilient = resilientCache(upstash, breaker);
    return {
      cache: observedCache(resilient, { spans: tracingEnabled() }),
      metrics: resilient,
      strict: breakerCache(upstash, breaker),
      rateLimiter: resilientRateLimiter(new UpstashRateLimiter(redis), "upstash", breaker),
      snapshot: () => upstash.snapshot(),
    };
  }
  const memory = new MemoryCache();
  const rateLimiter = new MemoryRateLimiter();
  return {
    cache: observedCache(memory, { spans: tracingEnabled() }),
    metrics: memory,
    strict: memory,
    rateLimiter,
    snapshot: async () => [...memory.snapshot(), ...rateLimiter.snapshot()],
  };
}

// One per process (kept across dev hot reloads): the memory cache would otherwise reset on every edit.
function services(): CacheServices {
  return perProcess("cache.services", createServices);
}

// The operations page's counters live in this process's shared cache (time-bucketed, lib/telemetry).
setMetricsStore(() => services().metrics);

/** The process's cache. It never throws on get/set: an outage reads as a miss. */
export function getCache(): Cache {
  return services().cache;
}

/**
 * The same cache, but reads throw when it is unreachable instead of missing. For spending limits:
 * a budget that cannot be read must count as spent (fail closed), while rate limits and cached
 * answers may fail open.
 */
export function getStrictCache(): Cache {
  return services().strict;
}

export function getRateLimiter(): RateLimiter {
  return services().rateLimiter;
}

/**
 * Deletes every cached value, counter, budget and rate-limit window naming the listener (the keys'
 * rule is in port.ts), for the deletion of their account. Throws when the cache is unreachable, so
 * the deletion stops before the account is gone and a retry finds it.
 */
export async function deleteListenerKeys(listenerId: string): Promise<number> {
  const { strict, rateLimiter } = services();
  return (await strict.deleteNaming(listenerId)) + (await rateLimiter.deleteNaming(listenerId));
}

/**
 * Every key the process's cache and rate limiter hold, with its raw value: for tests that prove a
 * deleted listener left no trace, and for operators. Reads the whole keyspace: never on a request.
 */
export function snapshotCache(): Promise<Array<{ key: string; value: string }>> {
  return services().snapshot();
}
