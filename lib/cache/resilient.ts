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

/**
 * A cache that never fails a request: errors are logged, counted and answered as a miss. Reads
 * miss, writes are dropped, counters read 0 (fail open), and pings still throw so readiness can
 * report the outage.
 */
export function resilientCache(cache: Cache): Cache {
  return {
    kind: cache.kind,
    async get(key) {
      try {
        return await cache.get(key);
      } catch (error) {
        bypassed("get", cache.kind, error);
        return undefined;
      }
    },
    async getMany(keys) {
      try {
        return await cache.getMany(keys);
      } catch (error) {
        bypassed("getMany", cache.kind, error);
        return keys.map(() => undefined);
      }
    },
    async set(key, value, options) {
      try {
        await cache.set(key, value, options);
      } catch (error) {
        bypassed("set", cache.kind, error);
      }
    },
    async delete(key) {
      try {
        await cache.delete(key);
      } catch (error) {
        bypassed("delete", cache.kind, error);
      }
    },
    // Not shielded: a deletion the listener asked for must say when it did not happen.
    deleteNaming: (id) => cache.deleteNaming(id),
    async increment(key, options) {
      try {
        return await cache.increment(key, options);
      } catch (error) {
        bypassed("increment", cache.kind, error);
        return 0;
      }
    },
    async incrementFields(writes) {
      try {
        await cache.incrementFields(writes);
      } catch (error) {
        bypassed("incrementFields", cache.kind, error);
      }
    },
    async readFields(keys) {
      try {
        return await cache.readFields(keys);
      } catch (error) {
        bypassed("readFields", cache.kind, error);
        return keys.map(() => ({}));
      }
    },
    ping: () => cache.ping(),
  };
}

/** A limiter that lets requests through when its backend is down, rather than locking everyone out. */
export function resilientRateLimiter(limiter: RateLimiter, kind: string): RateLimiter {
  return {
    async limit(identifier: string, rule: RateLimitRule): Promise<RateLimitResult> {
      try {
        return await limiter.limit(identifier, rule);
      } catch (error) {
        bypassed("ratelimit", kind, error);
        return { success: true, limit: rule.limit, remaining: rule.limit, reset: Date.now() + rule.windowSeconds * 1000 };
      }
    },
    deleteNaming: (id) => limiter.deleteNaming(id),
  };
}
