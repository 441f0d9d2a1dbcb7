import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { startFakeSpotify } from "@/e2e/fakes/spotify/server";
import { freePort, startFerretDb, type FerretDb } from "@/scripts/services/ferretdb";

const context = { params: Promise.resolve({}) };
const HEALTH_TOKEN = "health-token-for-tests-0123456789";
const request = (path: string, token?: string) =>
  new Request(`http://127.0.0.1:3000${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : undefined);

/** Readiness is reused for a few seconds per process: a test that changes a backend starts a new round. */
function forgetReadiness() {
  const rounds = (globalThis as Record<symbol, { current?: unknown } | undefined>)[Symbol.for("echotune.health.readiness")];
  if (rounds) rounds.current = undefined;
}

/** Loads the app's modules with a fresh environment, as a new server process would. */
async function loadApp(vars: Record<string, string>) {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  forgetReadiness();
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  const health = (await import("./route")).GET;
  const cache = await import("@/lib/cache");
  // The last test's modules may still record a request's metrics, and would then create the
  // process's cache services from their own (the last test's) settings. Dropped and made anew
  // from this test's settings in one synchronous step, nothing of theirs can come between.
  (globalThis as Record<symbol, unknown>)[Symbol.for("echotune.cache.services")] = undefined;
  cache.getRateLimiter();
  return { health, closeStore: (await import("@/lib/db")).closeStore };
}

let ferret: FerretDb;
let app: Awaited<ReturnType<typeof loadApp>> | undefined;

beforeAll(async () => {
  // A server of its own: this suite stops and restarts it.
  ferret = await startFerretDb();
}, 120_000);

afterAll(async () => {
  await ferret?.dispose();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await app?.closeStore();
  app = undefined;
  vi.unstubAllEnvs();
});

describe("GET /api/health", () => {
  it("is live with every backend in its built-in mode when nothing is configured", async () => {
    app = await loadApp({ DATA_DIR: `/tmp/echotune-health-${process.pid}` });
    const response = await app.health(request("/api/health"), context);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      status: "ok",
      modes: { store: "embedded", cache: "embedded", signIn: "demo", spotify: "demo", assistant: "embedded" },
    });
    expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
    const ready = await app.health(request("/api/health?ready=1"), context);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", checks: [] });
  });

  it("checks MongoDB and Upstash when configured, names the store when it goes down, and recovers by itself", async () => {
    app = await loadApp({
      MONGODB_URI: ferret.uri,
      MONGODB_DB: `health_${process.pid}`,
      UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
      UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
      HEALTH_TOKEN,
    });
    const ready = await app.health(request("/api/health?ready=1", HEALTH_TOKEN), context);
    expect(ready.status).toBe(200);
    const checks = (await ready.json()).checks as Array<{ name: string; ok: boolean; detail: string }>;
    expect(checks.map(({ name, ok }) => [name, ok])).toEqual([
      ["store", true],
      ["cache", true],
    ]);
    expect(checks[0]?.detail).toMatch(/^mongodb at 127\.0\.0\.1:\d+\/health_\d+ answered ping$/);

    await ferret.stop();
    forgetReadiness();
    const down = await app.health(request("/api/health?ready=1", HEALTH_TOKEN), context);
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toBe("application/problem+json");
    expect(down.headers.get("retry-after")).toBe("30");
    const problem = await down.json();
    expect(problem).toMatchObject({ code: "unavailable", status: 503, ready: false, down: ["store"] });
    expect(problem.detail).toMatch(/^Not ready: store is down \(.+\)\.$/);
    // Liveness stays green while a dependency is down: the process itself is fine.
    expect((await app.health(request("/api/health"), context)).status).toBe(200);

    await ferret.start();
    forgetReadiness();
    const back = await app.health(request("/api/health?ready=1"), context);
    expect(back.status).toBe(200);
  }, 60_000);
});

describe("GET /api/health?ready=1 in public", () => {
  it("tells anyone only which backends are up; hosts, errors and latency need HEALTH_TOKEN", async () => {
    const spotify = await startFakeSpotify();
    const cachePort = await freePort();
    try {
      app = await loadApp({
        DATA_DIR: `/tmp/echotune-health-${process.pid}`,
        UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${cachePort}`,
        UPSTASH_REDIS_REST_TOKEN: "t",
        AUTH_SPOTIFY_ID: spotify.state.clientId,
        AUTH_SPOTIFY_SECRET: spotify.state.clientSecret,
        SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
        HEALTH_TOKEN,
      });
      const spotifyPort = new URL(spotify.url).port;

      const detailed = await app.health(request("/api/health?ready=1", HEALTH_TOKEN), context);
      expect(detailed.status).toBe(503);
      const details = await detailed.json();
      expect(details.checks).toEqual([
        { name: "cache", ok: false, detail: expect.any(String), latencyMs: expect.any(Number) },
        { name: "spotify", ok: true, detail: `Spotify accounts at 127.0.0.1:${spotifyPort} reachable`, latencyMs: expect.any(Number) },
      ]);
      const cacheError = details.checks[0].detail as string;
      expect(cacheError.length).toBeGreaterThan(0);
      expect(details.detail).toBe(`Not ready: cache is down (${cacheError}).`);

      for (const token of [undefined, "not-the-health-token-at-all", `${HEALTH_TOKEN}x`]) {
        const anonymous = await app.health(request("/api/health?ready=1", token), context);
        expect(anonymous.status).toBe(503);
        const text = await anonymous.text();
        const body = JSON.parse(text);
        expect(body).toMatchObject({
          code: "unavailable",
          ready: false,
          down: ["cache"],
          detail: "Not ready: cache is down.",
          checks: [
            { name: "cache", ok: false },
            { name: "spotify", ok: true },
          ],
        });
        for (const secret of ["127.0.0.1", spotifyPort, String(cachePort), cacheError, "latencyMs", "reachable"]) {
          expect(text, `${secret} in ${text}`).not.toContain(secret);
        }
      }
    } finally {
      await spotify.close();
    }
  }, 30_000);

  it("fires one round of outbound checks for a flood of calls, and another once the result is 5 s old", async () => {
    const spotify = await startFakeSpotify();
    try {
      app = await loadApp({
        DATA_DIR: `/tmp/echotune-health-${process.pid}`,
        AUTH_SPOTIFY_ID: spotify.state.clientId,
        AUTH_SPOTIFY_SECRET: spotify.state.clientSecret,
        SPOTIFY_ACCOUNTS_URL: spotify.accountsUrl,
      });
      const probes = () => spotify.state.log.filter((entry) => entry.method === "HEAD").length;

      const flood = await Promise.all(Array.from({ length: 25 }, () => app!.health(request("/api/health?ready=1"), context)));
      expect(flood.map((response) => response.status)).toEqual(Array(25).fill(200));
      expect(probes()).toBe(1);
      const checkedAt = new Set(await Promise.all(flood.map(async (response) => (await response.json()).checkedAt)));
      expect(checkedAt.size).toBe(1);

      // Still fresh: answered from the last round.
      expect((await app.health(request("/api/health?ready=1"), context)).status).toBe(200);
      expect(probes()).toBe(1);

      const now = Date.now();
      vi.spyOn(Date, "now").mockReturnValue(now + 5_001);
      await Promise.all(Array.from({ length: 5 }, () => app!.health(request("/api/health?ready=1"), context)));
      expect(probes()).toBe(2);
    } finally {
      await spotify.close();
    }
  }, 30_000);
});

describe("rate-limited routes", () => {
  /** A route built with the app's own wrapper, as every API route is. */
  async function limitedRoute(vars: Record<string, string>) {
    app = await loadApp(vars);
    const { route } = await import("@/lib/http");
    return route({ auth: "public", rateLimit: { name: `int-${process.pid}-${Date.now()}`, limit: 5, windowSeconds: 60 } }, () => ({
      ok: true,
    }));
  }
  const caller = (ip: string) => new Request("http://127.0.0.1:3000/api/limited", { headers: { "x-forwarded-for": ip } });

  it("answers 429 problem+json with Retry-After and X-RateLimit-* once a caller passes the limit (Upstash)", async () => {
    // Behind a proxy that sets X-Forwarded-For, anonymous callers count by address.
    const limited = await limitedRoute({
      UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
      UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
      DATA_DIR: `/tmp/echotune-rl-${process.pid}`,
      TRUST_PROXY: "true",
    });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      last = await limited(caller("203.0.113.7"), context);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect(last?.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(last?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(last?.headers.get("x-ratelimit-limit")).toBe("5");
    expect(last?.headers.get("x-ratelimit-remaining")).toBe("0");
    expect((await last?.json()).code).toBe("rate_limited");
    // Another caller has a window of its own.
    expect((await limited(caller("198.51.100.9"), context)).status).toBe(200);
  });

  it("keeps serving with the cache unreachable: the limiter fails open", async () => {
    const limited = await limitedRoute({
      // Port 9 (discard): privileged, so no test service can be listening there, unlike a "free"
      // port another suite may bind meanwhile on a busy machine.
      UPSTASH_REDIS_REST_URL: "http://127.0.0.1:9",
      UPSTASH_REDIS_REST_TOKEN: "t",
      DATA_DIR: `/tmp/echotune-rl-${process.pid}`,
    });
    for (let attempt = 0; attempt < 7; attempt += 1) expect((await limited(caller("203.0.113.8"), context)).status).toBe(200);
    const readiness = await app!.health(request("/api/health?ready=1"), context);
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).down).toEqual(["cache"]);
  }, 60_000);
});
