/**
 * The shared cache down, through the real route handlers: first our Upstash REST proxy stopped
 * (connections refused), then the proxy back but the Redis behind it stopped (the proxy answers
 * 500). Either way the pages' data (insights, recommendations) is served, readiness names the
 * cache as down while liveness stays green, and spending limits fail closed: a chat turn is
 * answered by the offline model with reason budget-unavailable (Gemini is never asked), and an
 * artist question's research says it cannot run, without asking Perplexity, and the turn ends.
 * Its own file: its own process, whose cache is a proxy and a Redis of its own that it stops.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";
import { extendedRow } from "@/lib/ingest/testing/rows";
import { startFakePerplexity, type FakePerplexity } from "@/e2e/fakes/perplexity/server";
import { freePort } from "@/scripts/services/ferretdb";
import { ensureRedis, type RedisService } from "@/scripts/services/redis";
import { startUpstashProxy, type UpstashProxy } from "@/scripts/services/upstash-proxy";

const origin = "http://127.0.0.1:3000";
const HEALTH_TOKEN = "health-token-for-cache-outage-tests";
const TOKEN = `cache-outage-${randomUUID()}`;
const context = { params: Promise.resolve({}) };

let dataDir: string;
let gemini: FakeGemini;
let perplexity: FakePerplexity;
let redis: RedisService;
let proxy: UpstashProxy | undefined;
let proxyPort: number;
let cookie: string;

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  perplexity = await startFakePerplexity({ port: 0 });
  // A Redis of its own (a port where none answers makes ensureRedis start one), so stopping it disturbs nobody.
  redis = await ensureRedis({ url: `redis://127.0.0.1:${await freePort()}` });
  expect(redis.started).toBe(true);
  proxyPort = await freePort();
  proxy = await startUpstashProxy({ redisUrl: redis.url, token: TOKEN, port: proxyPort });
  dataDir = mkdtempSync(join(tmpdir(), "echotune-cache-outage-"));
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    UPSTASH_REDIS_REST_URL: proxy.url,
    UPSTASH_REDIS_REST_TOKEN: TOKEN,
    GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
    GEMINI_BASE_URL: gemini.url,
    PERPLEXITY_API_KEY: "test-key",
    PERPLEXITY_BASE_URL: perplexity.url,
    HEALTH_TOKEN,
    ASSISTANT_TURNS_PER_MINUTE: "1000",
  });
  for (const name of ["MONGODB_URI", "AUTH_SPOTIFY_ID", "AUTH_SPOTIFY_SECRET", "AUTH_URL", "NEXTAUTH_URL", "VERCEL", "DEMO"])
    delete process.env[name];
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  const visitor = await signInAsDemoVisitor(origin);
  cookie = visitor.cookie;
  // A history of the visitor's own (cheaper than the demo's eight years): 400 plays of 40 catalogue tracks.
  const { getStore } = await import("@/lib/db");
  const { storeRows } = await import("@/lib/ingest");
  const { getDemoCatalog, DEMO_LISTENER } = await import("@/lib/demo");
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const rows = Array.from({ length: 400 }, (_, n) => {
    const track = catalog.tracks[(n * 7) % 40]!;
    return extendedRow(new Date(Date.now() - (n + 1) * 3_600_000).toISOString().replace(/\.\d+Z$/, "Z"), track.id, {
      trackName: track.name,
      artistName: catalog.artistsById.get(track.artistIds[0]!)!.name,
    });
  });
  await storeRows(await getStore(), visitor.id, "cache-outage-history", "c0", rows);
}, 120_000);

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  await proxy?.close();
  await redis?.stop();
  await gemini?.close();
  await perplexity?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Readiness is reused for a few seconds per process: a test that takes a backend away starts a new round. */
function forgetReadiness() {
  const rounds = (globalThis as Record<symbol, { current?: unknown } | undefined>)[Symbol.for("echotune.health.readiness")];
  if (rounds) rounds.current = undefined;
}

type Get = (request: Request, context: unknown) => Promise<Response>;
/** The routes' modules, loaded once the environment above is set (lib/env reads it at load). */
const routes: Record<string, () => Promise<{ GET: Get }>> = {
  "/api/insights": () => import("@/app/api/insights/route") as Promise<{ GET: Get }>,
  "/api/recommendations": () => import("@/app/api/recommendations/route") as Promise<{ GET: Get }>,
  "/api/me": () => import("@/app/api/me/route") as Promise<{ GET: Get }>,
  "/api/health": () => import("@/app/api/health/route") as Promise<{ GET: Get }>,
};

const get = async (path: string, headers: Record<string, string> = { cookie }) => {
  const url = new URL(path, origin);
  const { GET } = await routes[url.pathname]!();
  return GET(new Request(url, { headers }), context);
};

/** The pages' data as served with the cache up. */
const baseline: { insights?: unknown; recommendations?: unknown } = {};

let turns = 0;
/** One chat turn through POST /api/chat; the stream's chunks. */
async function chat(text: string) {
  const { POST } = await import("@/app/api/chat/route");
  const id = `cache-outage-${++turns}`;
  const response = await POST(
    new Request(`${origin}/api/chat`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ id, message: { id: `m-${id}`, role: "user", parts: [{ type: "text", text }] } }),
    }),
    context,
  );
  expect(response.status).toBe(200);
  const { streamChunks, metadataOf } = await import("@/lib/assistant/testing");
  const chunks = await streamChunks(response);
  return { chunks, metadata: metadataOf(chunks) as Record<string, unknown> };
}

const adminLog = async (fake: { origin: string }) => (await (await fetch(`${fake.origin}/__admin/log`)).json()) as unknown[];
const resetFakes = () =>
  Promise.all([gemini, perplexity].map((fake) => fetch(`${fake.origin}/__admin/reset`, { method: "POST" }).then((answer) => answer.ok)));

/** What must hold whenever the cache is unreachable, whatever the reason. */
async function expectDegradedButServing(label: string) {
  forgetReadiness();
  await resetFakes();

  // The pages' data: the same answers as with the cache up.
  const insights = await get("/api/insights?range=all");
  expect(insights.status, `${label}: insights`).toBe(200);
  expect(await insights.json()).toEqual(baseline.insights);
  const recommendations = await get("/api/recommendations?limit=5");
  expect(recommendations.status, `${label}: recommendations`).toBe(200);
  expect(await recommendations.json()).toEqual({ ...(baseline.recommendations as object), generatedAt: expect.any(String) });
  expect((await get("/api/me")).status, `${label}: me`).toBe(200);

  // Liveness stays green; readiness names the cache, and only the cache.
  expect((await get("/api/health", {})).status).toBe(200);
  const ready = await get("/api/health?ready=1", { authorization: `Bearer ${HEALTH_TOKEN}` });
  expect(ready.status, `${label}: readiness`).toBe(503);
  expect(((await ready.json()) as { down: string[] }).down).toEqual(["cache"]);

  // Budgets fail closed: the offline model answers, saying why, and Gemini is never asked.
  const turn = await chat(`What can you do? (${label})`);
  expect(turn.metadata).toMatchObject({ model: "echotune-offline", offline: true, offlineReason: "budget-unavailable" });
  expect(turn.chunks.some((chunk) => chunk.type === "error")).toBe(false);
  expect(turn.chunks.at(-1)?.type).toBe("finish");

  // Research too: no request to Perplexity, a sentence that says research can't run now, and the turn ends.
  const research = await chat("Tell me about the history of Radiohead");
  const output = research.chunks.find((chunk) => chunk.type === "tool-output-available")?.output as
    { status: string; answer: string } | undefined;
  expect(output, `${label}: a researchArtist result`).toBeDefined();
  expect(output?.status).toBe("budget");
  expect(output?.answer).toMatch(/can't be checked right now/);
  expect(research.chunks.at(-1)?.type).toBe("finish");
  expect(await adminLog(perplexity)).toEqual([]);
  expect(await adminLog(gemini)).toEqual([]);
}

describe("the shared cache unreachable", () => {
  it("is in use while it is up: Gemini answers and readiness is green", async () => {
    forgetReadiness();
    await resetFakes();
    const recommendations = await get("/api/recommendations?limit=5");
    expect(recommendations.status).toBe(200);
    baseline.recommendations = await recommendations.json();
    expect((baseline.recommendations as { items: unknown[] }).items.length).toBeGreaterThan(0);
    const insights = await get("/api/insights?range=all");
    expect(insights.status).toBe(200);
    baseline.insights = await insights.json();
    expect(baseline.insights).toMatchObject({ hasPlays: true });
    const ready = await get("/api/health?ready=1", { authorization: `Bearer ${HEALTH_TOKEN}` });
    expect(ready.status).toBe(200);
    const turn = await chat("What can you do? (cache up)");
    expect(turn.metadata).toMatchObject({ offline: false });
    expect((await adminLog(gemini)).length).toBe(1);
  });

  it("with the Upstash proxy stopped: pages are served, budgets fail closed", async () => {
    await proxy?.close();
    proxy = undefined;
    await expectDegradedButServing("proxy stopped");
  }, 60_000);

  it("with the proxy up but Redis behind it stopped: the same", async () => {
    proxy = await startUpstashProxy({ redisUrl: redis.url, token: TOKEN, port: proxyPort });
    await redis.stop();
    await expectDegradedButServing("redis stopped");
  }, 60_000);
});
