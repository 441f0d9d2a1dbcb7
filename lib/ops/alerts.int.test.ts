/**
 * Alerts on both stores: one open alert per rule and subject however often (or however
 * concurrently) the rules are evaluated, resolved when the condition clears, and posted to the
 * webhook once per opened alert, a failed post retried at the next evaluation without failing it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  collections,
  EmbeddedStore,
  ensureIndexes,
  MongoStore,
  usageRepository,
  type AlertDocument,
  type JobDocument,
  type Store,
} from "@/lib/db";
import { evaluateAlerts, gatherAlertFacts } from "./alerts";
import type { AlertFacts } from "./rules";

const stores: Array<{ cleanup: () => Promise<void> }> = [];
afterAll(async () => {
  for (const { cleanup } of stores) await cleanup();
});

const now = new Date("2026-11-03T12:00:00Z");
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const quiet: AlertFacts = { now, requests: { total: 0, errors: 0 }, budgets: [], jobs: [], pauses: [] };
const alarming: AlertFacts = {
  now,
  requests: { total: 200, errors: 40 },
  budgets: [{ provider: "perplexity", label: "Perplexity", unit: "requests", used: 900, limit: 1000 }],
  jobs: [{ id: "sync|u-1", kind: "sync", attempts: 3, status: "queued", lastError: "boom" }],
  pauses: [{ account: "acct-1", until: later(120) }],
};

/** A webhook that records what it got and answers with the statuses it is given, then 200. */
function webhook(statuses: number[] = []) {
  const posts: Array<{ text: string; alert: { rule: string; subject: string; status: string; resolvedAt: string | null } }> = [];
  const fetch = (async (_url: string, init: RequestInit) => {
    posts.push(JSON.parse(String(init.body)) as (typeof posts)[number]);
    return new Response(null, { status: statuses.shift() ?? 200 });
  }) as unknown as typeof globalThis.fetch;
  return { posts, hook: { url: "https://hooks.example.test/alerts", fetch } };
}

const alertsIn = (store: Store, status: "open" | "resolved") =>
  store.collection<AlertDocument>(collections.alerts).find({ status }, { sort: { rule: 1 } });

function describeAlerts(label: string, open: () => Promise<Store>) {
  describe(`alerts: ${label}`, () => {
    it("opens one alert per rule and subject, posts each once, and keeps it open while it fires", async () => {
      const store = await open();
      const { posts, hook } = webhook();
      const firing = await evaluateAlerts({ store, now, facts: alarming, webhook: hook });
      expect(firing.map((alert) => alert.rule).sort()).toEqual(["budget", "error-rate", "job-failures", "spotify-paused"]);
      await evaluateAlerts({ store, now: later(5), facts: { ...alarming, now: later(5) }, webhook: hook });
      // Two evaluators at once still leave one open alert each.
      await Promise.all(
        [1, 2, 3].map(() => evaluateAlerts({ store, now: later(10), facts: { ...alarming, now: later(10) }, webhook: hook })),
      );

      const openAlerts = await alertsIn(store, "open");
      expect(openAlerts.map((alert) => `${alert.rule}|${alert.subject}`)).toEqual([
        "budget|perplexity",
        "error-rate|all routes",
        "job-failures|sync|u-1",
        "spotify-paused|acct-1",
      ]);
      expect(
        openAlerts.every((alert) => alert.openedAt.getTime() === now.getTime() && alert.seenAt.getTime() === later(10).getTime()),
      ).toBe(true);
      expect(posts.map((post) => post.alert.rule).sort()).toEqual(["budget", "error-rate", "job-failures", "spotify-paused"]);
      expect(openAlerts.every((alert) => alert.webhook.deliveredAt !== null)).toBe(true);
    });

    it("resolves an alert when its condition clears, keeps it, and opens a new one when it fires again", async () => {
      const store = await open();
      const { hook } = webhook();
      await evaluateAlerts({ store, now, facts: alarming, webhook: hook });
      await evaluateAlerts({
        store,
        now: later(5),
        facts: { ...alarming, now: later(5), requests: { total: 200, errors: 0 } },
        webhook: hook,
      });
      const resolved = await alertsIn(store, "resolved");
      expect(resolved).toMatchObject([{ rule: "error-rate", subject: "all routes", status: "resolved", resolvedAt: later(5) }]);
      expect((await alertsIn(store, "open")).map((alert) => alert.rule)).not.toContain("error-rate");

      await evaluateAlerts({ store, now: later(10), facts: { ...alarming, now: later(10) }, webhook: hook });
      const reopened = (await alertsIn(store, "open")).find((alert) => alert.rule === "error-rate");
      expect(reopened?.openedAt).toEqual(later(10));
      await evaluateAlerts({ store, now: later(15), facts: { ...quiet, now: later(15) }, webhook: hook });
      expect(await alertsIn(store, "open")).toEqual([]);
      expect((await alertsIn(store, "resolved")).filter((alert) => alert.rule === "error-rate")).toHaveLength(2);
    });

    it("posts the all-clear of a resolved alert once, only when its opening was posted", async () => {
      const store = await open();
      const { posts, hook } = webhook();
      const errors = { ...quiet, requests: { total: 100, errors: 50 } };
      await evaluateAlerts({ store, now, facts: errors, webhook: hook });
      // A budget alert opened while no webhook was set: the receiver never heard of it.
      await evaluateAlerts({
        store,
        now: later(1),
        facts: { ...errors, now: later(1), budgets: alarming.budgets },
        webhook: { url: undefined },
      });
      await evaluateAlerts({ store, now: later(5), facts: { ...quiet, now: later(5) }, webhook: hook });
      await evaluateAlerts({ store, now: later(10), facts: { ...quiet, now: later(10) }, webhook: hook });

      expect(posts.map((post) => [post.alert.rule, post.alert.status])).toEqual([
        ["error-rate", "open"],
        ["error-rate", "resolved"],
      ]);
      expect(posts[1]?.text).toMatch(/^EchoTune alert resolved: /);
      expect(posts[1]?.alert.resolvedAt).toBe(later(5).toISOString());
      const resolved = await alertsIn(store, "resolved");
      expect(resolved.find((alert) => alert.rule === "error-rate")?.resolution).toMatchObject({
        pending: false,
        attempts: 1,
        lastError: null,
      });
      expect(resolved.find((alert) => alert.rule === "budget")?.resolution).toBeUndefined();
    });

    it("retries a failed all-clear at the next evaluations, and gives it up after ten tries", async () => {
      const store = await open();
      const { posts, hook } = webhook([200, ...Array.from({ length: 12 }, () => 503)]);
      const errors = { ...quiet, requests: { total: 100, errors: 50 } };
      await evaluateAlerts({ store, now, facts: errors, webhook: hook });
      for (let minute = 1; minute <= 12; minute += 1)
        await evaluateAlerts({ store, now: later(minute), facts: { ...quiet, now: later(minute) }, webhook: hook });
      expect(posts.filter((post) => post.alert.status === "resolved")).toHaveLength(10);
      const [resolved] = await alertsIn(store, "resolved");
      expect(resolved?.resolution).toMatchObject({
        pending: false,
        deliveredAt: null,
        attempts: 10,
        lastError: "the webhook answered HTTP 503",
      });
    });

    it("logs a failed webhook, never fails the evaluation, and posts at the next one", async () => {
      const store = await open();
      const { posts, hook } = webhook([500]);
      const facts = { ...quiet, requests: { total: 100, errors: 50 } };
      await expect(evaluateAlerts({ store, now, facts, webhook: hook })).resolves.toHaveLength(1);
      const [failed] = await alertsIn(store, "open");
      expect(failed?.webhook).toMatchObject({ deliveredAt: null, attempts: 1, lastError: "the webhook answered HTTP 500" });

      // Unreachable: thrown by fetch, caught the same way.
      const unreachable = { url: hook.url, fetch: (async () => Promise.reject(new TypeError("fetch failed"))) as unknown as typeof fetch };
      await evaluateAlerts({ store, now: later(5), facts, webhook: unreachable });
      await evaluateAlerts({ store, now: later(10), facts, webhook: hook });
      await evaluateAlerts({ store, now: later(15), facts, webhook: hook });
      const [delivered] = await alertsIn(store, "open");
      expect(delivered?.webhook).toMatchObject({ attempts: 3, lastError: null });
      expect(delivered?.webhook.deliveredAt).not.toBeNull();
      expect(posts).toHaveLength(2);
    });

    it("reads today's spend per provider and the jobs that failed three times from the store", async () => {
      const store = await open();
      const day = now.toISOString().slice(0, 10);
      const usage = usageRepository(store);
      await usage.record({ userId: "u-1", day, model: "perplexity/sonar", inputTokens: 100, outputTokens: 50, costUsd: 0.01 });
      await usage.record({ userId: "u-2", day, model: "perplexity/sonar", inputTokens: 100, outputTokens: 50, costUsd: 0.01 });
      await usage.record({ userId: "u-1", day, model: "gemini-2.5-flash-lite", inputTokens: 1000, outputTokens: 500, costUsd: 0.001 });
      await usage.record({ userId: "u-1", day: "2026-11-02", model: "perplexity/sonar", inputTokens: 1, outputTokens: 1, costUsd: 1 });
      const job = (id: string, attempts: number, status: JobDocument["status"]): JobDocument => ({
        _id: id,
        kind: "sync",
        key: id,
        status,
        input: {},
        attempts,
        maxAttempts: 5,
        cursor: null,
        progress: { done: 0, total: null },
        lease: null,
        leaseEpoch: 0,
        nextRunAt: now,
        lastError: "Spotify answered 500",
        history: [],
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        userId: null,
      });
      await store
        .collection<JobDocument>(collections.jobs)
        .insertMany([job("sync|a", 3, "queued"), job("sync|b", 2, "queued"), job("sync|c", 5, "failed"), job("sync|d", 3, "succeeded")]);
      const metrics = {
        since: now.toISOString(),
        buckets: [],
        routes: [],
        spotify: { byEndpoint: [], rateLimited: 0, pauses: [{ account: "acct-9", until: later(90).toISOString() }] },
        cache: [],
        imports: { rows: 0, seconds: 0, rowsPerSecond: null },
        jobs: { succeeded: 0, failed: 0, retried: 0 },
        totals: { requests: 40, errors: 4, errorRate: 0.1 },
      };
      const facts = await gatherAlertFacts(store, { now, metrics });
      expect(facts.requests).toEqual({ total: 40, errors: 4 });
      expect(facts.budgets.find((budget) => budget.provider === "perplexity")).toMatchObject({ used: 2, unit: "requests" });
      expect(facts.budgets.find((budget) => budget.provider === "gemini")).toMatchObject({ used: 1500, unit: "tokens" });
      expect(facts.jobs.map((failing) => failing.id).sort()).toEqual(["sync|a", "sync|c"]);
      expect(facts.pauses).toEqual([{ account: "acct-9", until: later(90) }]);
    });
  });
}

describeAlerts("embedded", async () => {
  const dir = mkdtempSync(join(tmpdir(), "echotune-alerts-"));
  const store = new EmbeddedStore(dir);
  await ensureIndexes(store);
  stores.push({ cleanup: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) });
  return store;
});

describeAlerts(`mongodb (${inject("mongoServer")})`, async () => {
  const store = new MongoStore({ uri: inject("mongoUri"), database: `alerts_${randomUUID().slice(0, 8)}` });
  await ensureIndexes(store);
  stores.push({ cleanup: () => store.close() });
  return store;
});
