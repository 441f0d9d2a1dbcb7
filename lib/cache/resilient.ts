import { perProcess } from "@/lib/process-state";
import { countEvent, logger } from "@/lib/telemetry";
import type { Cache, RateLimiter, RateLimitResult, RateLimitRule } from "./port";

const LOG_EVERY_MS = 30_000;
const logged = perProcess("cache.bypassLogged", () => ({ at: 0 }));

function bypassed(operation: string, kind: string, error: unknown) {
  countEvent("cache.bypass");
  countEvent(`cache.bypass.${operation}`);
  // One line every 30 s is enough to see an outage without drowning the log in it.
  const now = Date.now();
  if (now - logged.at > LOG_EVERY_MS) {
    logged.at = now;
    logger.warn({ err: error, operation, cache: kind }, "cache unavailable: bypassed (requests continue without it)");
  }
}

/** How long after a failure the cache is not asked at all. */
export const CACHE_RETRY_AFTER_MS = 5_000;

/**
 * Shared by the cache and the rate limiter of one backend: after a failure neither asks it again
 * for a few seconds. A cache that hangs (the REST endpoint up, Redis behind it not) costs each
 * call its timeout; without this, a page making a dozen cache calls took tens of seconds.
 */
export interface CacheBreaker {
  openUntil: number;
}

export const cacheBreaker = (): CacheBreaker => ({ openUntil: 0 });

async function guarded<T>(breaker: CacheBreaker, operation: string, kind: string, fallback: () => T, call: () => Promise<T>): Promise<T> {
  if (Date.now() < breaker.openUntil) {
    countEvent("cache.bypass");
    countEvent(`cache.bypass.${operation}`);
    return fallback();
  }
  try {
    return await call();
  } catch (error) {
    breaker.openUntil = Date.now() + CACHE_RETRY_AFTER_MS;
    bypassed(operation, kind, error);
    return fallback();
  }
}

/**
 * A cache that never fails a request: errors are logged, counted and answered as a miss. Reads
 * miss, writes are dropped, counters read 0 (fail open), and for a few seconds after a failure the
 * cache is not asked at all. Pings still go through and throw, so readiness can report the outage
 * (and a ping that succeeds ends the pause).
 */
export function resilientCache(cache: Cache, breaker: CacheBreaker = cacheBreaker()): Cache {
  const run = <T>(operation: string, fallback: () => T, call: () => Promise<T>) => guarded(breaker, operation, cache.kind, fallback, call);
  return {
    kind: cache.kind,
    get: (key) =>
      run(
        "get",
        () => undefined,
        () => cache.get(key),
      ),
    getMany: (keys) =>
      run(
        "getMany",
        () => keys.map(() => undefined),
        () => cache.getMany(keys),
      ),
    set: (key, value, options) =>
      run(
        "set",
        () => undefined,
        () => cache.set(key, value, options),
      ),
    delete: (key) =>
      run(
        "delete",
        () => undefined,
        () => cache.delete(key),
      ),
    increment: (key, options) =>
      run(
        "increment",
        () => 0,
        () => cache.increment(key, options),
      ),
    incrementFields: (writes) =>
      run(
        "incrementFields",
        () => undefined,
        () => cache.incrementFields(writes),
      ),
    readFields: (keys) =>
      run(
        "readFields",
        () => keys.map(() => ({})),
        () => cache.readFields(keys),
      ),
    // Not shielded: a deletion the listener asked for must say when it did not happen.
    deleteNaming: (id) => cache.deleteNaming(id),
    ping: async () => {
      await cache.ping();
      breaker.openUntil = 0;
    },
  };
}

/** A limiter that lets requests through when its backend is down, rather than locking everyone out. */
export function resilientRateLimiter(limiter: RateLimiter, kind: string, breaker: CacheBreaker = cacheBreaker()): RateLimiter {
  return {
    limit: (identifier: string, rule: RateLimitRule): Promise<RateLimitResult> =>
      guarded(
        breaker,
        "ratelimit",
        kind,
        () => ({ success: true, limit: rule.limit, remaining: rule.limit, reset: Date.now() + rule.windowSeconds * 1000 }),
        () => limiter.limit(identifier, rule),
      ),
    deleteNaming: (id) => limiter.deleteNaming(id),
  };
}

/**
 * The cache for reads that must fail closed (spending limits): errors still throw, but while the
 * breaker is open they throw at once instead of after the cache's timeout, and a failure here
 * opens it for the shielded cache too.
 */
export function breakerCache(cache: Cache, breaker: CacheBreaker): Cache {
  const run = async <T>(call: () => Promise<T>): Promise<T> => {
    if (Date.now() < breaker.openUntil) throw new Error(`the ${cache.kind} cache failed moments ago; not asked again yet`);
    try {
      return await call();
    } catch (error) {
      breaker.openUntil = Date.now() + CACHE_RETRY_AFTER_MS;
      throw error;
    }
  };
  return {
    kind: cache.kind,
    get: (key) => run(() => cache.get(key)),
    getMany: (keys) => run(() => cache.getMany(keys)),
    set: (key, value, options) => run(() => cache.set(key, value, options)),
    delete: (key) => run(() => cache.delete(key)),
    increment: (key, options) => run(() => cache.increment(key, options)),
    incrementFields: (writes) => run(() => cache.incrementFields(writes)),
    readFields: (keys) => run(() => cache.readFields(keys)),
    deleteNaming: (id) => cache.deleteNaming(id),
    ping: () => cache.ping(),
  };
}
