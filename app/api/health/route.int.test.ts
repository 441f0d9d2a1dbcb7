import { afterAll, afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { freePort, startFerretDb, type FerretDb } from "@/scripts/services/ferretdb";

const context = { params: Promise.resolve({}) };
const request = (path: string) => new Request(`http://127.0.0.1:3000${path}`);

/** Loads the app's modules with a fresh environment, as a new server process would. */
async function loadApp(vars: Record<string, string>) {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  (globalThis as Record<symbol, unknown>)[Symbol.for("echotune.cache.services")] = undefined;
  vi.resetModules();
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  return {
    health: (await import("./route")).GET,
    closeStore: (await import("@/lib/db")).closeStore,
  };
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
    });
    const ready = await app.health(request("/api/health?ready=1"), context);
    expect(ready.status).toBe(200);
    const checks = (await ready.json()).checks as Array<{ name: string; ok: boolean; detail: string }>;
    expect(checks.map(({ name, ok }) => [name, ok])).toEqual([
      ["store", true],
      ["cache", true],
    ]);
    expect(checks[0]?.detail).toMatch(/^mongodb at 127\.0\.0\.1:\d+\/health_\d+ answered ping$/);

    await ferret.stop();
    const down = await app.health(request("/api/health?ready=1"), context);
    expect(down.status).toBe(503);
    expect(down.headers.get("content-type")).toBe("application/problem+json");
    expect(down.headers.get("retry-after")).toBe("30");
    const problem = await down.json();
    expect(problem).toMatchObject({ code: "unavailable", status: 503, down: ["store"] });
    expect(problem.detail).toMatch(/^Not ready: store is down/);
    // Liveness stays green while a dependency is down: the process itself is fine.
    expect((await app.health(request("/api/health"), context)).status).toBe(200);

    await ferret.start();
    const back = await app.health(request("/api/health?ready=1"), context);
    expect(back.status).toBe(200);
  }, 60_000);
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
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await freePort()}`,
      UPSTASH_REDIS_REST_TOKEN: "t",
      DATA_DIR: `/tmp/echotune-rl-${process.pid}`,
    });
    for (let attempt = 0; attempt < 7; attempt += 1) expect((await limited(caller("203.0.113.8"), context)).status).toBe(200);
    const readiness = await app!.health(request("/api/health?ready=1"), context);
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).down).toEqual(["cache"]);
  }, 60_000);
});
