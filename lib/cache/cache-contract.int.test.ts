import { describe, expect, inject, it } from "vitest";
import { freePort } from "@/scripts/services/ferretdb";
import { readCounters } from "@/lib/telemetry";
import { MemoryCache, MemoryRateLimiter } from "./memory";
import { resilientCache, resilientRateLimiter } from "./resilient";
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
});
