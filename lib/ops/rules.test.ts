import { describe, expect, it } from "vitest";
import { ALERT_THRESHOLDS, budgetRule, errorRateRule, firingAlerts, jobFailuresRule, spotifyPauseRule, type AlertFacts } from "./rules";
import { operatorEmails, opsViewerOf } from "./access";

const now = new Date("2026-11-03T12:00:00Z");
const quiet: AlertFacts = { now, requests: { total: 0, errors: 0 }, budgets: [], jobs: [], pauses: [] };
const facts = (patch: Partial<AlertFacts>): AlertFacts => ({ ...quiet, ...patch });

describe("alert rules", () => {
  it("fire on nothing when all is quiet", () => {
    expect(firingAlerts(quiet)).toEqual([]);
  });

  it("error rate: over the threshold once enough requests were answered", () => {
    expect(errorRateRule(facts({ requests: { total: 100, errors: 6 } }))).toMatchObject([
      { rule: "error-rate", subject: "all routes", value: 0.06, threshold: 0.05 },
    ]);
    expect(errorRateRule(facts({ requests: { total: 100, errors: 6 } }))[0]?.message).toBe(
      "6% of answers were server errors in the last 15 min (6 of 100 requests; alert above 5%).",
    );
    // At the threshold, and below the minimum count (a single failed request is not an outage).
    expect(errorRateRule(facts({ requests: { total: 100, errors: 5 } }))).toEqual([]);
    expect(errorRateRule(facts({ requests: { total: ALERT_THRESHOLDS.minRequests - 1, errors: 10 } }))).toEqual([]);
  });

  it("budget: a provider over 80% of its daily budget, one alert per provider; no budget, no alert", () => {
    const budget = (provider: string, used: number, limit: number) => ({ provider, label: provider, unit: "requests", used, limit });
    const firing = budgetRule(facts({ budgets: [budget("gemini", 800, 1000), budget("perplexity", 801, 1000), budget("other", 5, 0)] }));
    expect(firing).toHaveLength(1);
    expect(firing[0]).toMatchObject({ rule: "budget", subject: "perplexity", value: 0.801, threshold: 0.8 });
    expect(firing[0]?.message).toContain("801 of 1,000 requests");
  });

  it("job failures: three failed tries, whether it still retries or gave up; not once it succeeded", () => {
    const job = (id: string, attempts: number, status: string) => ({
      id,
      kind: "sync",
      attempts,
      status,
      lastError: "Spotify answered 500",
    });
    const firing = jobFailuresRule(
      facts({ jobs: [job("sync|a", 2, "queued"), job("sync|b", 3, "queued"), job("sync|c", 5, "failed"), job("sync|d", 4, "succeeded")] }),
    );
    expect(firing.map((alert) => alert.subject)).toEqual(["sync|b", "sync|c"]);
    expect(firing[1]?.message).toBe("Job sync (sync|c) failed 5 times and gave up: Spotify answered 500.");
  });

  it("Spotify pause: an account asked to wait more than an hour", () => {
    const pause = (account: string, minutes: number) => ({ account, until: new Date(now.getTime() + minutes * 60_000) });
    const firing = spotifyPauseRule(facts({ pauses: [pause("acct-short", 30), pause("acct-long", 61), pause("acct-hour", 60)] }));
    expect(firing).toMatchObject([{ rule: "spotify-paused", subject: "acct-long", value: 3660, threshold: 3600 }]);
  });

  it("thresholds can be passed in (tests, tuning)", () => {
    expect(errorRateRule(facts({ requests: { total: 10, errors: 1 } }), { ...ALERT_THRESHOLDS, minRequests: 5 })).toHaveLength(1);
  });
});

describe("operator emails", () => {
  it("are read case-insensitively from a comma-separated list, ignoring blanks and non-addresses", () => {
    expect([...operatorEmails(" Ops@Example.test, ,second@example.test,nonsense ")]).toEqual(["ops@example.test", "second@example.test"]);
    expect(operatorEmails(undefined).size).toBe(0);
  });
});

describe("who sees the operations page", () => {
  it("a demo visitor sees their own read-only view in demo mode only; nobody signed in sees nothing", async () => {
    const visitor = { id: "demo-visitor-1", isDemo: true };
    expect(await opsViewerOf(visitor, { demoMode: true })).toEqual({ id: "demo-visitor-1", role: "visitor", by: "visitor:demo-visitor-1" });
    expect(await opsViewerOf(visitor, { demoMode: false })).toBeNull();
    expect(await opsViewerOf(null, { demoMode: true })).toBeNull();
    // No operator configured: no Spotify listener is one (and nothing is looked up).
    expect(await opsViewerOf({ id: "spotify:someone", isDemo: false }, { emails: new Set() })).toBeNull();
  });
});
