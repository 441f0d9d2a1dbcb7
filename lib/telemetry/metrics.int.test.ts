/**
 * The durable counters against both caches the app runs on: memory, and Upstash over its REST API
 * (our proxy in front of a real Redis). Two recorders stand for two instances sharing one cache.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { MemoryCache, UpstashCache, type Cache } from "@/lib/cache";
import { MetricsRecorder, readOperationalMetrics } from "@/lib/telemetry";

const MINUTE = 60_000;
const HOUR = 3_600_000;

function upstash(prefix: string): Cache {
  return new UpstashCache({ url: inject("upstashUrl"), token: inject("upstashToken"), prefix });
}

function describeCounters(label: string, instances: () => [Cache, Cache]) {
  describe(`operational counters: ${label}`, () => {
    // A clock of our own, far from every other test's buckets (whole hours since the epoch).
    const base = (Math.floor(Date.now() / HOUR) - 24 * (1000 + Math.floor(Math.random() * 5000))) * HOUR;
    const recorders = (clock: { now: number }) => {
      const [a, b] = instances();
      const options = { now: () => clock.now, flushDelayMs: -1 };
      return { a: new MetricsRecorder({ ...options, store: () => a }), b: new MetricsRecorder({ ...options, store: () => b }), read: a };
    };

    it("adds up what two instances record, per route, with p95 from the summed histograms", async () => {
      const clock = { now: base + 10 * MINUTE + 5_000 };
      const { a, b, read } = recorders(clock);
      for (let index = 0; index < 90; index += 1) (index % 2 ? a : b).request({ route: "/api/chat", method: "POST", status: 200, ms: 20 });
      for (let index = 0; index < 8; index += 1) a.request({ route: "/api/chat", method: "POST", status: 200, ms: 700 });
      b.request({ route: "/api/chat", method: "POST", status: 503, ms: 700 });
      b.request({ route: "/api/chat", method: "POST", status: 500, ms: 700 });
      a.request({ route: "/api/imports/[id]/chunks", method: "POST", status: 404, ms: 3 });
      a.spotifyCall({ endpoint: "GET /me/player/recently-played", status: 200, ms: 40 });
      b.spotifyCall({ endpoint: "GET /me/player/recently-played", status: 200, ms: 40 });
      b.spotifyCall({ endpoint: "GET /search", status: 429, ms: 40 });
      a.spotifyPause({ account: "spotify:alice", until: new Date(clock.now + 2 * HOUR) });
      b.spotifyPause({ account: "spotify:bob", until: new Date(clock.now - MINUTE) });
      a.cacheLookup("spotify", true);
      b.cacheLookup("spotify", true);
      b.cacheLookup("spotify", false);
      a.cacheLookup("research", false);
      a.importRows(5_000, 2_000);
      b.importRows(5_000, 3_000);
      a.jobStep({ kind: "train", outcome: "succeeded", ms: 900 });
      b.jobStep({ kind: "sync", outcome: "retried", ms: 100 });
      b.jobStep({ kind: "sync", outcome: "failed", ms: 100 });
      await Promise.all([a.flush(), b.flush()]);

      const metrics = await readOperationalMetrics({ hours: 1, now: clock.now, store: read });
      expect(metrics.buckets).toHaveLength(60);
      expect(metrics.buckets.at(-1)).toBe(new Date(base + 10 * MINUTE).toISOString());
      expect(metrics.since).toBe(metrics.buckets[0]);
      const chat = metrics.routes.find((row) => row.route === "POST /api/chat");
      // 100 requests: 90 at 20 ms, 10 at 700 ms. The 95th is the 5th of 10 in (500, 1000]: 750 ms.
      expect(chat).toMatchObject({ requests: 100, errors: 2, p95Ms: 750 });
      expect(chat?.series.at(-1)).toBe(100);
      expect(chat?.series.slice(0, -1).every((count) => count === 0)).toBe(true);
      expect(metrics.routes.map((row) => row.route)).toEqual(["POST /api/chat", "POST /api/imports/[id]/chunks"]);
      expect(metrics.totals).toEqual({ requests: 101, errors: 2, errorRate: 2 / 101 });
      expect(metrics.spotify.byEndpoint).toEqual([
        { endpoint: "GET /me/player/recently-played", status: 200, count: 2 },
        { endpoint: "GET /search", status: 429, count: 1 },
      ]);
      expect(metrics.spotify.rateLimited).toBe(1);
      // Only the pause still running, under a hashed account.
      expect(metrics.spotify.pauses).toEqual([
        {
          account: expect.stringMatching(/^[\w-]{16}$/) as string,
          until: new Date(clock.now + 2 * HOUR).toISOString().replace(/\.\d{3}Z$/, ".000Z"),
        },
      ]);
      expect(JSON.stringify(metrics)).not.toContain("alice");
      expect(metrics.cache).toEqual([
        { use: "research", hits: 0, misses: 1, hitRate: 0 },
        { use: "spotify", hits: 2, misses: 1, hitRate: 2 / 3 },
      ]);
      expect(metrics.imports).toEqual({ rows: 10_000, seconds: 5, rowsPerSecond: 2_000 });
      expect(metrics.jobs).toEqual({ succeeded: 1, failed: 1, retried: 1 });
    });

    it("rolls buckets: minutes for short windows, hours for long ones, and old buckets fall out", async () => {
      const clock = { now: base + 3 * HOUR + 59 * MINUTE };
      const { a, b, read } = recorders(clock);
      a.request({ route: "/api/health", method: "GET", status: 200, ms: 2 });
      clock.now += MINUTE;
      b.request({ route: "/api/health", method: "GET", status: 200, ms: 2 });
      b.request({ route: "/api/health", method: "GET", status: 200, ms: 2 });
      await Promise.all([a.flush(), b.flush()]);

      const recent = await readOperationalMetrics({ hours: 0.5, now: clock.now, store: read });
      expect(recent.buckets).toHaveLength(30);
      expect(recent.routes[0]?.series.slice(-2)).toEqual([1, 2]);

      // The minute after spans two hours: as hour buckets, one request in the first, two in the second.
      const day = await readOperationalMetrics({ hours: 24, now: clock.now, store: read });
      expect(day.buckets).toHaveLength(24);
      expect(day.buckets.at(-1)).toBe(new Date(base + 4 * HOUR).toISOString());
      expect(day.routes[0]?.series.slice(-2)).toEqual([1, 2]);
      expect(day.routes[0]?.requests).toBe(3);

      // Ten minutes later the last five minutes hold nothing.
      const later = await readOperationalMetrics({ hours: 5 / 60, now: clock.now + 10 * MINUTE, store: read });
      expect(later.routes).toEqual([]);
      expect(later.totals).toEqual({ requests: 0, errors: 0, errorRate: null });
      expect(later.cache).toEqual([]);
      expect(later.imports).toEqual({ rows: 0, seconds: 0, rowsPerSecond: null });
    });
  });
}

describeCounters("memory", () => {
  const shared = new MemoryCache();
  return [shared, shared];
});

describeCounters(`upstash (${inject("redisServer")})`, () => {
  // Two clients, as two instances have, on one database.
  const prefix = `test:${randomUUID().slice(0, 8)}:`;
  return [upstash(prefix), upstash(prefix)];
});
