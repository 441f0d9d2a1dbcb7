import { describe, expect, inject, it } from "vitest";
import { freePort } from "@/scripts/services/ferretdb";
import { readCounters } from "@/lib/telemetry";
import { MemoryCache, MemoryRateLimiter } from "./memory";
import { createServer } from "node:http";
import { breakerCache, cacheBreaker, CACHE_RETRY_AFTER_MS, resilientCache, resilientRateLimiter } from "./resilient";
import { describeCacheContract } from "./testing/cache-contract";
import { createUpstashClient, UpstashCache, UpstashRateLimiter } from "./upstash";

describeCacheContract("memory", () => ({ cache: new MemoryCache(), rateLimiter: new MemoryRateLimiter() }));

describeCacheContract(`upstash (${inject("redisServer")})`, () => {
  const redis = createUpstashClient({ url: inject("upstashUrl"), token: inject("upstashToken") });
  const prefix = `test:${process.pid}:`;
  return {
    cache: new UpstashCache({ url: inject("upstashUrl"), token: inject("upstashToken"), redis, prefix }),
    rateLimiter: new UpstashRateLimiter(redis, { prefix }),
  };
});

describe("cache outage", () => {
  it("reads as a miss, drops writes, fails open and counts each bypass", async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const redis = createUpstashClient({ url, token: "t", timeoutMs: 300 });
    const cache = resilientCache(new UpstashCache({ url, token: "t", redis }));
    const limiter = resilientRateLimiter(new UpstashRateLimiter(redis), "upstash");
    const before = readCounters()["cache.bypass"] ?? 0;

    const started = Date.now();
    await cache.set("k", "v", { ttlSeconds: 10 });
    expect(await cache.get("k")).toBeUndefined();
    expect(await cache.getMany(["a", "b"])).toEqual([undefined, undefined]);
    expect(await cache.increment("n", { ttlSeconds: 10 })).toBe(0);
    expect(await limiter.limit("someone", { name: "outage", limit: 1, windowSeconds: 60 })).toMatchObject({ success: true, limit: 1 });
    await expect(cache.ping()).rejects.toThrow();
    // Every call gave up quickly: an outage costs a request milliseconds, not the page.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((readCounters()["cache.bypass"] ?? 0) - before).toBe(5);
  });

  it("stops asking a cache that hangs for a few seconds after it fails, and fails closed at once meanwhile", async () => {
    // Answers nothing: every call waits for its timeout, as behind a REST endpoint whose Redis is gone.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
      const redis = createUpstashClient({ url, token: "t", timeoutMs: 300 });
      const upstash = new UpstashCache({ url, token: "t", redis });
      const breaker = cacheBreaker();
      const cache = resilientCache(upstash, breaker);
      const strict = breakerCache(upstash, breaker);
      const limiter = resilientRateLimiter(new UpstashRateLimiter(redis), "upstash", breaker);

      let started = performance.now();
      expect(await cache.get("k")).toBeUndefined();
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      started = performance.now();
      expect(await cache.get("k")).toBeUndefined();
      expect(await cache.increment("n", { ttlSeconds: 10 })).toBe(0);
      expect(await limiter.limit("someone", { name: "hang", limit: 1, windowSeconds: 60 })).toMatchObject({ success: true });
      await expect(strict.getMany(["budget"])).rejects.toThrow(/not asked again yet/);
      expect(performance.now() - started).toBeLessThan(100);
      // Once the pause is over it is asked again.
      breaker.openUntil = Date.now() - 1;
      started = performance.now();
      await expect(strict.get("budget")).rejects.toThrow();
      expect(performance.now() - started).toBeGreaterThanOrEqual(300);
      expect(breaker.openUntil).toBeGreaterThan(Date.now() + CACHE_RETRY_AFTER_MS - 1_000);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((resolve) => silent.close(() => resolve()));
    }
  });
});
