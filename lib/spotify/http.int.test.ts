import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { SpotifyRateLimitedError, SpotifyRequestError, SpotifyUnavailableError } from "./errors";
import { callSpotify, defaultTransportSettings, resetSpotifyBreakers, type SpotifyAccount } from "./http";
import { refreshSpotifyToken } from "./tokens";

let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify();
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.state.reset();
  resetSpotifyBreakers();
});

/** A listener's account as the app keeps it: tokens from a real grant, refreshed at the fake. */
function account(userId = `listener-${Math.random()}`) {
  const issued = fake.state.issueTokens(fake.state.user.id, "user-read-private", true);
  let accessToken = issued.access_token;
  let pausedUntil: Date | null = null;
  const acct: SpotifyAccount & { refreshes: number; paused(): Date | null } = {
    userId,
    refreshes: 0,
    async getToken(options) {
      if (options?.forceRefresh) {
        acct.refreshes += 1;
        const fresh = await refreshSpotifyToken(issued.refresh_token as string, {
          accountsUrl: fake.accountsUrl,
          clientId: fake.state.clientId,
          clientSecret: fake.state.clientSecret,
        });
        accessToken = fresh.accessToken;
      }
      return accessToken;
    },
    pausedUntil: async () => pausedUntil,
    pauseUntil: async (until) => {
      pausedUntil = until;
    },
    paused: () => pausedUntil,
  };
  return acct;
}

const settings = () => ({ ...defaultTransportSettings(fake.apiUrl), baseBackoffMs: 20 });
const me = { path: "/me", endpoint: "GET /me" };
const callsTo = (path: string) => fake.state.log.filter((entry) => entry.path === path).length;
const fault = (spec: Record<string, unknown>) => fake.state.faults.push({ path: "/v1/me", status: 500, times: 1, ...spec } as never);

describe("Spotify transport against the fake Web API", () => {
  it("waits out a 429 with Retry-After 2 and retries", async () => {
    fault({ status: 429, retryAfter: 2 });
    const started = Date.now();
    const profile = await callSpotify<{ id: string }>(account(), me, settings());
    expect(profile?.id).toBe("nova-listener");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(callsTo("/v1/me")).toBe(2);
  });

  it("pauses the account on Retry-After 7200, says until when, and makes no call until then", async () => {
    fault({ status: 429, retryAfter: 7_200 });
    const listener = account();
    const error = await callSpotify(listener, me, settings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRateLimitedError);
    const until = (error as SpotifyRateLimitedError).until.getTime();
    expect(until).toBeGreaterThan(Date.now() + 7_190_000);
    expect(until).toBeLessThan(Date.now() + 7_210_000);
    expect(listener.paused()?.getTime()).toBe(until);
    expect((error as SpotifyRateLimitedError).code).toBe("rate_limited");
    expect((error as SpotifyRateLimitedError).retryAfterSeconds).toBeGreaterThan(7_100);

    await expect(callSpotify(listener, me, settings())).rejects.toBeInstanceOf(SpotifyRateLimitedError);
    expect(callsTo("/v1/me")).toBe(1);
  });

  it("recognises quota exhaustion by its reason even with a short Retry-After", async () => {
    fault({ status: 429, retryAfter: 3, reason: "QUOTA_EXCEEDED" });
    const error = await callSpotify(account(), me, settings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRateLimitedError);
    expect((error as SpotifyRateLimitedError).quotaExceeded).toBe(true);
  });

  it("opens the breaker after three 500s and fails fast until it cools down", async () => {
    fault({ status: 500, times: 3 });
    const listener = account();
    await expect(callSpotify(listener, me, settings())).rejects.toBeInstanceOf(SpotifyUnavailableError);
    expect(callsTo("/v1/me")).toBe(3);
    await expect(callSpotify(listener, me, settings())).rejects.toThrow(/too many failures in a row/);
    expect(callsTo("/v1/me")).toBe(3);
    // Another listener's calls are not affected by this account's breaker.
    expect(await callSpotify(account(), me, settings())).toMatchObject({ id: "nova-listener" });
    // After the cool-down a call goes through again.
    const cooled = { ...settings(), breakerCooldownMs: 0 };
    fault({ status: 500, times: 3 });
    const other = account();
    await expect(callSpotify(other, me, cooled)).rejects.toBeInstanceOf(SpotifyUnavailableError);
    expect(await callSpotify(other, me, cooled)).toMatchObject({ id: "nova-listener" });
  });

  it("retries a single 503 with backoff and succeeds", async () => {
    fault({ status: 503 });
    expect(await callSpotify(account(), me, settings())).toMatchObject({ id: "nova-listener" });
    expect(callsTo("/v1/me")).toBe(2);
  });

  it("refreshes exactly once on a 401, then retries", async () => {
    const listener = account();
    fake.state.expireAccessTokens();
    expect(await callSpotify(listener, me, settings())).toMatchObject({ id: "nova-listener" });
    expect(listener.refreshes).toBe(1);
    expect(fake.state.log.filter((entry) => entry.path === "/api/token").length).toBe(1);
  });

  it("gives up after one refresh when Spotify still says 401", async () => {
    const listener = account();
    fake.state.accessTokenTtlSeconds = -1; // every token it issues is already expired
    fake.state.expireAccessTokens();
    const error = await callSpotify(listener, me, settings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRequestError);
    expect((error as SpotifyRequestError).status).toBe(401);
    expect(listener.refreshes).toBe(1);
  });

  it("keeps at most four calls in flight per account", async () => {
    fake.state.faults.push({ path: "/v1/me", status: 0, times: 12, delayMs: 80 });
    const listener = account();
    await Promise.all(Array.from({ length: 12 }, () => callSpotify(listener, me, settings())));
    expect(fake.state.peakInFlight).toBe(4);
  });

  it("keeps one call at a time when the limit is one", async () => {
    fake.state.faults.push({ path: "/v1/me", status: 0, times: 6, delayMs: 40 });
    const listener = account();
    await Promise.all(Array.from({ length: 6 }, () => callSpotify(listener, me, { ...settings(), concurrency: 1 })));
    expect(fake.state.peakInFlight).toBe(1);
  });

  it("reports other client errors as they are, never as not found", async () => {
    fault({ status: 403, message: "Insufficient client scope" });
    const error = await callSpotify(account(), me, settings()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRequestError);
    expect(error).toMatchObject({ status: 403, message: "Insufficient client scope" });
  });
});
