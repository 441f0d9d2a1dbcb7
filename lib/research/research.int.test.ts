/**
 * Artist research end to end on the server: the real official Perplexity client against the fake
 * Perplexity over HTTP, on both store adapters and both cache adapters (embedded store with the
 * memory cache; MongoDB with Upstash Redis). Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import {
  FAKE_MODEL,
  startFakePerplexity,
  type FakePerplexity,
  type Fault,
  type LoggedRequest,
  type Reply,
} from "@/e2e/fakes/perplexity/server";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-research-"));
let fake: FakePerplexity;

beforeAll(async () => {
  fake = await startFakePerplexity({ port: 0 });
});
afterAll(async () => {
  await fake.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const admin = async (path: string, body?: unknown) => {
  const response = await fetch(`${fake.origin}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
  return response.json() as Promise<unknown>;
};
const script = (...replies: Reply[]) => admin("script", { replies });
const fault = (spec: Fault) => admin("fault", spec);
const requests = async () => (await admin("log")) as LoggedRequest[];

/** A port that was free a moment ago: connections to it are refused. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const SERVICE_VARS = ["MONGODB_URI", "MONGODB_DB", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "PERPLEXITY_API_KEY"];

/** The research capability (and the store) loaded afresh under these variables. */
async function load(vars: Record<string, string>) {
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const name of SERVICE_VARS) vi.stubEnv(name, undefined);
  vi.stubEnv("PERPLEXITY_BASE_URL", fake.url);
  for (const [name, value] of Object.entries(vars)) vi.stubEnv(name, value);
  // The cache is per process: drop it so the variables above choose its adapter again.
  (globalThis as Record<symbol, unknown>)[Symbol.for("echotune.cache.services")] = undefined;
  const research = await import("./index");
  const db = await import("@/lib/db");
  const cache = await import("@/lib/cache");
  return { ...research, db, cache };
}

let counter = 0;
const newListener = () => `research-listener-${process.pid}-${++counter}-${Date.now().toString(36)}`;
/** A question no other run asked today, so the shared cache cannot answer it. */
const fresh = (text: string) => `${text} (${Date.now().toString(36)}-${++counter})`;

const CITATIONS = [
  { url: "https://en.wikipedia.org/wiki/Massive_Attack", title: "Massive Attack - Wikipedia" },
  { url: "https://www.theguardian.com/music/massive-attack", title: "Massive Attack | The Guardian" },
];

describe.each([
  ["embedded store, memory cache", "embedded", "memory", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  [
    "MongoDB, Upstash Redis",
    "mongodb",
    "upstash",
    (): Record<string, string> => ({
      MONGODB_URI: inject("mongoUri"),
      MONGODB_DB: `research_${process.pid}`,
      UPSTASH_REDIS_REST_URL: inject("upstashUrl"),
      UPSTASH_REDIS_REST_TOKEN: inject("upstashToken"),
    }),
  ],
])("researchArtist (%s)", (_label, storeKind, cacheKind, services) => {
  let research: Awaited<ReturnType<typeof load>>;

  beforeAll(async () => {
    research = await load({
      ...services(),
      PERPLEXITY_API_KEY: "test-perplexity-key",
      RESEARCH_LISTENER_DAILY_REQUESTS: "3",
      RESEARCH_GLOBAL_DAILY_REQUESTS: "1000000",
    });
    expect((await research.db.getStore()).kind).toBe(storeKind);
    expect(research.cache.getCache().kind).toBe(cacheKind);
  });
  afterAll(async () => {
    await research.db.closeStore();
    vi.unstubAllEnvs();
  });
  beforeEach(() => admin("reset", {}));

  it("answers with numbered citations, records usage and cost, and answers the same question from the cache", async () => {
    const userId = newListener();
    const question = fresh("Tell me about Massive Attack's history");
    await script({
      answer: "Massive Attack formed in Bristol in 1988 [1] out of the Wild Bunch [2].",
      citations: CITATIONS,
      inputTokens: 200,
      outputTokens: 50,
    });

    const first = await research.researchArtist({ userId, question, subject: "Massive Attack" });
    expect(first).toEqual({
      status: "answered",
      answer: "Massive Attack formed in Bristol in 1988 [1] out of the Wild Bunch [2].",
      citations: CITATIONS,
      cached: false,
      model: FAKE_MODEL,
    });
    const [sent] = await requests();
    expect(sent).toMatchObject({
      path: "/v1/responses",
      headers: { authorization: "Bearer test-perplexity-key" },
      body: { preset: research.RESEARCH_PRESET, input: question, max_output_tokens: expect.any(Number), instructions: expect.any(String) },
    });

    // Usage: one request, the tokens, and the cost the response reported ($1/M each way + one $0.005 search).
    const store = await research.db.getStore();
    const rows = await research.db.usageRepository(store).forUser(userId, new Date().toISOString().slice(0, 10));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ model: "perplexity/sonar", requests: 1, inputTokens: 200, outputTokens: 50 });
    expect(rows[0]!.costUsd).toBeCloseTo(0.00525, 9);
    expect(await research.researchRequestsToday(userId)).toMatchObject({ listener: 1 });

    // The same question (other casing, spacing and punctuation), from another listener: the cache answers.
    const other = newListener();
    const again = await research.researchArtist({ userId: other, question: `  ${question.toUpperCase()} ?? `, subject: "massive attack" });
    expect(again).toEqual({ ...first, cached: true });
    expect(await requests()).toHaveLength(1);
    expect(await research.researchRequestsToday(other)).toMatchObject({ listener: 0 });
    expect(await research.db.usageRepository(store).forUser(other, new Date().toISOString().slice(0, 10))).toHaveLength(0);
  });

  it("prices an answer by the documented table when the response carries no cost", async () => {
    const userId = newListener();
    await script({
      answer: "Mezzanine came out in April 1998 [1].",
      citations: CITATIONS.slice(0, 1),
      inputTokens: 1000,
      outputTokens: 500,
      cost: null,
    });
    const answer = await research.researchArtist({ userId, question: fresh("What's the story behind Mezzanine?") });
    expect(answer.status).toBe("answered");
    const store = await research.db.getStore();
    const [row] = await research.db.usageRepository(store).forUser(userId, new Date().toISOString().slice(0, 10));
    expect(row!.costUsd).toBeCloseTo(research.researchCostOf("perplexity/sonar", 1000, 500, 1), 9);
    expect(row!.costUsd).toBeCloseTo(0.0065, 9);
  });

  it("stops at the listener's daily budget: the fourth question is refused without a request", async () => {
    const userId = newListener();
    for (let asked = 0; asked < 3; asked++)
      expect((await research.researchArtist({ userId, question: fresh("Any news about Portishead?") })).status).toBe("answered");
    const refused = await research.researchArtist({ userId, question: fresh("Any news about Portishead?") });
    expect(refused).toMatchObject({ status: "budget", citations: [], cached: false, model: null });
    expect(refused.answer).toMatch(/today's research limit \(3 questions a day\)/);
    expect(await requests()).toHaveLength(3);
    // Another listener still has theirs.
    expect((await research.researchArtist({ userId: newListener(), question: fresh("Any news about Portishead?") })).status).toBe(
      "answered",
    );
  });

  it("turns a 429 into a sentence with its Retry-After, and waits out a short one", async () => {
    const userId = newListener();
    await fault({ status: 429, retryAfterSeconds: 37 });
    const limited = await research.researchArtist({ userId, question: fresh("Who produced Dummy?") });
    expect(limited).toMatchObject({ status: "error", citations: [], model: null });
    expect(limited.answer).toBe("The research service is busy right now. Try again in 37 s.");
    expect(await requests()).toHaveLength(1);

    await admin("reset", {});
    await fault({ status: 429, retryAfterSeconds: 1 });
    const waited = await research.researchArtist({ userId, question: fresh("Who produced Dummy?") });
    expect(waited.status).toBe("answered");
    expect(await requests()).toHaveLength(2);
  });

  it("turns 5xx, a refused key and a timeout into errors the listener can read, and caches none of them", async () => {
    const userId = newListener();
    const question = fresh("What is trip-hop?");
    await fault({ status: 500, times: 2 });
    const broken = await research.researchArtist({ userId, question });
    expect(broken).toMatchObject({ status: "error", answer: "The research service couldn't answer just now. Try again in a moment." });
    // Retried once, then given up.
    expect(await requests()).toHaveLength(2);

    await fault({ status: 401 });
    const refused = await research.researchArtist({ userId, question });
    expect(refused.status).toBe("error");
    expect(refused.answer).toMatch(/refused EchoTune's key/);

    await fault({ status: 503, delayMs: 2_000 });
    const slow = await research.researchArtist({ userId, question }, { timeoutMs: 300 });
    expect(slow).toMatchObject({ status: "error", answer: "The research service took too long to answer. Try again in a moment." });

    // Nothing was cached: the same question is asked again and answered (failed requests count
    // against the budget, so another listener asks).
    expect(await research.researchArtist({ userId: newListener(), question })).toMatchObject({ status: "answered", cached: false });
  });
});

describe("researchArtist without a key, past the global budget, or without its counters", () => {
  afterAll(() => vi.unstubAllEnvs());
  beforeEach(() => admin("reset", {}));

  it("says research is off without a Perplexity key, and asks nobody", async () => {
    const research = await load({ DATA_DIR: join(dataDir, "off") });
    const off = await research.researchArtist({ userId: newListener(), question: "Tell me about Massive Attack" });
    expect(off).toEqual({ status: "off", answer: research.RESEARCH_OFF, citations: [], cached: false, model: null });
    expect(await requests()).toHaveLength(0);
    await research.db.closeStore();
  });

  it("refuses everyone once the global daily budget is spent", async () => {
    const research = await load({ DATA_DIR: join(dataDir, "global"), PERPLEXITY_API_KEY: "k", RESEARCH_GLOBAL_DAILY_REQUESTS: "0" });
    const refused = await research.researchArtist({ userId: newListener(), question: fresh("Any news about Portishead?") });
    expect(refused.status).toBe("budget");
    expect(refused.answer).toMatch(/EchoTune's research limit for today is reached/);
    expect(await requests()).toHaveLength(0);
    await research.db.closeStore();
  });

  it("fails closed when the budget counters cannot be read: no request is made", async () => {
    const research = await load({
      DATA_DIR: join(dataDir, "closed"),
      PERPLEXITY_API_KEY: "k",
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await deadPort()}`,
      UPSTASH_REDIS_REST_TOKEN: "unreachable",
    });
    const closed = await research.researchArtist({ userId: newListener(), question: fresh("Any news about Portishead?") });
    expect(closed.status).toBe("budget");
    expect(closed.answer).toMatch(/can't be checked/);
    expect(await requests()).toHaveLength(0);
    await research.db.closeStore();
  });
});
