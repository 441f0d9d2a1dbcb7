/**
 * GET /api/recommendations through its real handler, as the demo listener (a real session, the
 * embedded store in a temporary directory, the demo history and model stored as the app stores
 * them): contexts combine one per kind, a wrong combination is a problem+json that says what to
 * send, and a mood with an activity visibly changes the list. Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemDetails } from "@/lib/http";
import type { RecoResponse } from "@/lib/reco";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-recommendations-"));
const origin = "http://127.0.0.1:3000";
let visitor: { id: string; cookie: string };

beforeAll(async () => {
  Object.assign(process.env, { DATA_DIR: dataDir, AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789" });
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "DEMO",
  ])
    delete process.env[name];
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  visitor = await signInAsDemoVisitor(origin);
  // The demo listener's whole history, and the collaborative model trained on it, as the app has them.
  const { getStore } = await import("@/lib/db");
  const { ensureDemoHistory } = await import("@/lib/ingest");
  const { trainAll } = await import("@/lib/reco");
  const store = await getStore();
  expect(await ensureDemoHistory(store, { wait: true })).toBe("ready");
  await trainAll({}, store);
}, 300_000);
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

async function get(query: string): Promise<Response> {
  const { GET } = await import("./route");
  return GET(new Request(`${origin}/api/recommendations?${query}`, { headers: { cookie: visitor.cookie } }), {
    params: Promise.resolve({}),
  });
}

async function items(query: string): Promise<RecoResponse> {
  const response = await get(query);
  expect(response.status).toBe(200);
  return (await response.json()) as RecoResponse;
}

describe("GET /api/recommendations", () => {
  it("takes one context, or one per kind comma-separated, and says which it applied", async () => {
    const focus = await items("context=focus");
    expect(focus.context).toBe("focus");
    expect(focus.contexts).toEqual(["focus"]);
    expect(focus.items.length).toBeGreaterThan(0);
    // In kind order whatever the order asked: mood, activity, era, time of day.
    const both = await items("context=workout,chill");
    expect(both.context).toBe("chill,workout");
    expect(both.contexts).toEqual(["chill", "workout"]);
    const none = await items("");
    expect(none.context).toBeNull();
    expect(none.contexts).toEqual([]);
  }, 60_000);

  it("refuses two contexts of one kind and unknown ones with a problem that says what to send", async () => {
    for (const [query, wanted] of [
      ["context=chill,happy", /“chill” and “happy” are both moods: choose at most one per kind/],
      ["context=chill,disco-inferno", /unknown context “disco-inferno”: use one of chill, .*at most one per kind/],
    ] as const) {
      const response = await get(query);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toBe("application/problem+json");
      const problem = (await response.json()) as ProblemDetails & { errors: Array<{ field: string; message: string }> };
      expect(problem.errors).toHaveLength(1);
      expect(problem.errors[0]!.field).toBe("query.context");
      expect(problem.errors[0]!.message).toMatch(wanted);
    }
  });

  it("changes at least half of the 20 picks when any mood and any activity are chosen", async () => {
    const plain = new Set((await items("limit=20")).items.map((item) => item.key));
    expect(plain.size).toBe(20);
    const { CONTEXTS } = await import("@/lib/reco");
    const of = (kind: string) => CONTEXTS.filter((context) => context.kind === kind).map((context) => context.id);
    for (const query of of("mood").flatMap((mood) => of("activity").map((activity) => `${mood},${activity}`))) {
      const chosen = (await items(`limit=20&context=${query}`)).items;
      const kept = chosen.filter((item) => plain.has(item.key)).length;
      expect(kept, query).toBeLessThanOrEqual(10);
      expect(chosen.length, query).toBeGreaterThanOrEqual(15);
    }
  }, 120_000);
});
