/** The cache contract: one suite run against the memory adapter and Upstash-through-Redis. */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Cache, RateLimiter } from "../port";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function describeCacheContract(label: string, create: () => { cache: Cache; rateLimiter: RateLimiter }) {
  describe(`cache contract: ${label}`, () => {
    const { cache, rateLimiter } = create();
    const key = (name: string) => `contract:${randomUUID()}:${name}`;

    it("round-trips JSON values exactly, whatever they look like", async () => {
      const values: unknown[] = ["42", 42, "YmFy", "OK", "Björk ✓", { top: ["a", 1, null], nested: { ok: true } }, [1, "2"], true, null];
      for (const [index, value] of values.entries()) {
        const k = key(`v${index}`);
        await cache.set(k, value, { ttlSeconds: 60 });
        expect(await cache.get(k)).toEqual(value);
      }
      expect(await cache.get(key("missing"))).toBeUndefined();
    });

    it("reads many keys at once, misses as undefined, in order", async () => {
      const [a, b, c] = [key("a"), key("b"), key("c")];
      await cache.set(a, { n: 1 }, { ttlSeconds: 60 });
      await cache.set(c, "three", { ttlSeconds: 60 });
      expect(await cache.getMany([a, b, c])).toEqual([{ n: 1 }, undefined, "three"]);
      expect(await cache.getMany([])).toEqual([]);
    });

    it("deletes", async () => {
      const k = key("gone");
      await cache.set(k, 1, { ttlSeconds: 60 });
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
      await cache.delete(key("never-there"));
    });

    it("expires entries after their TTL", async () => {
      const k = key("short");
      await cache.set(k, "soon gone", { ttlSeconds: 1 });
      expect(await cache.get(k)).toBe("soon gone");
      await sleep(1_600);
      expect(await cache.get(k)).toBeUndefined();
    });

    it("counts with increment, and a counter expires from its first increment", async () => {
      const k = key("counter");
      expect(await cache.increment(k, { ttlSeconds: 1 })).toBe(1);
      expect(await cache.increment(k, { by: 5, ttlSeconds: 1 })).toBe(6);
      await sleep(700);
      // A later increment does not extend the counter's life.
      expect(await cache.increment(k, { ttlSeconds: 1 })).toBe(7);
      await sleep(900);
      expect(await cache.increment(k, { ttlSeconds: 60 })).toBe(1);
      expect(await cache.get(k)).toBe(1);
    });

    it("adds to hash fields in one batch, reads whole hashes, and a hash expires from its first write", async () => {
      const [a, b, missing] = [key("hash-a"), key("hash-b"), key("hash-missing")];
      await cache.incrementFields([
        { key: a, fields: { "req|GET /api/x|n": 2, h3: 1 }, ttlSeconds: 1 },
        { key: b, fields: { "cache|spotify|hit": 1 }, ttlSeconds: 60 },
      ]);
      await cache.incrementFields([{ key: a, fields: { "req|GET /api/x|n": 3 }, ttlSeconds: 60 }]);
      await cache.incrementFields([]);
      expect(await cache.readFields([a, missing, b])).toEqual([{ "req|GET /api/x|n": 5, h3: 1 }, {}, { "cache|spotify|hit": 1 }]);
      expect(await cache.readFields([])).toEqual([]);
      // The second write did not extend the first one's TTL.
      await sleep(1_600);
      expect(await cache.readFields([a, b])).toEqual([{}, { "cache|spotify|hit": 1 }]);
    });

    it("limits with a sliding window: the limit passes, the next is refused until the window slides", async () => {
      const rule = { name: `contract-${randomUUID().slice(0, 8)}`, limit: 3, windowSeconds: 1 };
      const results = [];
      for (let index = 0; index < 4; index += 1) results.push(await rateLimiter.limit("listener-1", rule));
      expect(results.map((result) => result.success)).toEqual([true, true, true, false]);
      expect(results[0]).toMatchObject({ limit: 3, remaining: 2 });
      expect(results[3]?.remaining).toBe(0);
      expect(results[3]?.reset).toBeGreaterThan(Date.now() - 1);
      // Another identifier has its own window.
      expect((await rateLimiter.limit("listener-2", rule)).success).toBe(true);
      // Two windows later the previous window no longer weighs in.
      await sleep(2_100);
      expect((await rateLimiter.limit("listener-1", rule)).success).toBe(true);
    });

    it("deletes every key and rate-limit window naming a listener, and nobody else's", async () => {
      // Unique per run: the Upstash database is shared with other suites.
      const run = randomUUID().slice(0, 8);
      const bob = `spotify:bob${run}`;
      const bobby = `spotify:bob${run}by`;
      const named = [`listener:${bob}:profile`, `assistant:tokens:2026-01-01:${bob}`, `assistant:turns:${bob}:42`, `reco:${bob}:3:x`];
      const others = [`listener:${bobby}:profile`, `assistant:tokens:2026-01-01:${bobby}`, `contract:${run}:bob`, `spotify:track:${run}`];
      for (const k of [...named, ...others]) await cache.set(k, { who: k }, { ttlSeconds: 60 });
      await cache.increment(`research-budget:2026-01-01:${bob}`, { ttlSeconds: 60 });
      await cache.incrementFields([{ key: `metrics:${run}:${bob}`, fields: { n: 1 }, ttlSeconds: 60 }]);
      const rule = { name: `contract-${run}`, limit: 1, windowSeconds: 60 };
      expect((await rateLimiter.limit(`listener:${bob}`, rule)).success).toBe(true);
      expect((await rateLimiter.limit(`listener:${bob}`, rule)).success).toBe(false);
      expect((await rateLimiter.limit(`listener:${bobby}`, rule)).success).toBe(true);

      // The limiter first: on Upstash its windows share the cache's keyspace, which would count them.
      expect(await rateLimiter.deleteNaming(bob)).toBeGreaterThanOrEqual(1);
      expect(await cache.deleteNaming(bob)).toBe(named.length + 2);
      expect(await cache.deleteNaming(bob)).toBe(0);
      expect(await cache.getMany(named)).toEqual(named.map(() => undefined));
      expect(await cache.get(`research-budget:2026-01-01:${bob}`)).toBeUndefined();
      expect(await cache.getMany(others)).toEqual(others.map((k) => ({ who: k })));
      // Their window is gone (a new one starts), the longer id's is not.
      expect((await rateLimiter.limit(`listener:${bob}`, rule)).success).toBe(true);
      expect((await rateLimiter.limit(`listener:${bobby}`, rule)).success).toBe(false);
      expect(await cache.deleteNaming("")).toBe(0);
    });

    it("answers ping", async () => {
      await expect(cache.ping()).resolves.toBeUndefined();
    });
  });
}
