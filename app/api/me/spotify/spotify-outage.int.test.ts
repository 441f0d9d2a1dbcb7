/**
 * Spotify rate-limiting hard (a 429 storm with a long Retry-After) and failing (500s), scripted on
 * the fake Spotify, for the three things that call it in the background: sync of recently played,
 * and name resolution of an account-data import (the resolve-names job through the real runner).
 * The client pauses the account (no calls until the Retry-After is over) or retries, the account
 * says "paused" or "retrying" through GET /api/me/spotify (what Settings shows), and nothing is
 * lost or marked unresolved because of it: once Spotify is back, every play syncs and every name
 * resolves. Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { getDemoCatalog } from "@/lib/demo";
import { accountRow } from "@/lib/ingest/testing/rows";

const SPOTIFY_ID = "storm-listener";
const USER = `spotify:${SPOTIFY_ID}`;
const origin = "http://127.0.0.1:3000";
const NAMES = 8;

let fake: FakeSpotify;
let dataDir: string;
let cookie: string;
let app: {
  db: typeof import("@/lib/db");
  ingest: typeof import("@/lib/ingest");
  jobs: typeof import("@/lib/jobs");
  spotify: typeof import("@/lib/spotify");
  connection: typeof import("./route").GET;
};

beforeAll(async () => {
  fake = await startFakeSpotify();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-spotify-outage-"));
  vi.resetModules();
  for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL"])
    vi.stubEnv(name, undefined);
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "spotify-outage-secret-0123456789abcdefghijklmnop");
  vi.stubEnv("AUTH_SPOTIFY_ID", fake.state.clientId);
  vi.stubEnv("AUTH_SPOTIFY_SECRET", fake.state.clientSecret);
  vi.stubEnv("SPOTIFY_ACCOUNTS_URL", fake.accountsUrl);
  vi.stubEnv("SPOTIFY_API_URL", fake.apiUrl);
  app = {
    db: await import("@/lib/db"),
    ingest: await import("@/lib/ingest"),
    jobs: await import("@/lib/jobs"),
    spotify: await import("@/lib/spotify"),
    connection: (await import("./route")).GET,
  };
  const store = await app.db.getStore();
  await app.db.usersRepository(store).upsertSpotifyUser({
    id: SPOTIFY_ID,
    displayName: "Storm",
    email: null,
    imageUrl: null,
    country: "SE",
    product: "premium",
  });
  const tokens = fake.state.issueTokens(fake.state.user.id, app.spotify.spotifyScopes.join(" "), true);
  await app.spotify.saveSpotifyConnection(USER, fake.state.user.id, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token as string,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: tokens.scope,
  });
  cookie = await (await import("@/lib/auth/testing")).sessionCookieFor({ id: USER, isDemo: false });
});

afterAll(async () => {
  await app?.db.closeStore();
  vi.unstubAllEnvs();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake.state.faults = [];
  app.spotify.resetSpotifyBreakers();
  // Spotify's pause is over (as if its Retry-After had passed) and the last sync worked.
  await app.db.accountsRepository(await app.db.getStore()).pauseUntil(USER, new Date(0));
});

const calls = (path: string) => fake.state.log.filter((entry) => entry.path === path).length;

/** What Settings shows about the connection, through its route. */
async function connection() {
  const response = await app.connection(new Request(`${origin}/api/me/spotify`, { headers: { cookie } }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return (await response.json()) as { status: string; pausedUntil: string | null; syncFailedAt: string | null };
}

describe("sync with Spotify rate-limiting and failing", () => {
  it("a 429 storm pauses the account, calls nothing until it is over, then syncs every play", async () => {
    for (let played = 0; played < 5; played++) fake.state.recordPlay({ playedAt: Date.now() - (played + 1) * 240_000 });
    fake.state.faults.push({ path: "/v1/me/player/recently-played", status: 429, retryAfter: 600, times: 1_000 });
    const before = calls("/v1/me/player/recently-played");

    const paused = await app.ingest.syncListener(USER);
    expect(paused).toMatchObject({ status: "paused", fetched: 0, inserted: 0 });
    expect(calls("/v1/me/player/recently-played") - before).toBe(1);
    const shown = await connection();
    expect(shown.status).toBe("active");
    expect(Date.parse(shown.pausedUntil ?? "")).toBeGreaterThan(Date.now() + 590_000);
    // While paused, nothing asks Spotify: the storm is not made worse.
    for (let attempt = 0; attempt < 3; attempt++) expect((await app.ingest.syncListener(USER)).status).toBe("paused");
    expect(calls("/v1/me/player/recently-played") - before).toBe(1);
    expect(await app.db.playsRepository(await app.db.getStore()).count(USER)).toBe(0);

    // Over: the storm has passed and the pause with it.
    fake.state.faults = [];
    await app.db.accountsRepository(await app.db.getStore()).pauseUntil(USER, new Date(0));
    const synced = await app.ingest.syncListener(USER);
    expect(synced).toMatchObject({ status: "synced", duplicates: 0 });
    // Everything Spotify had (its last 50, the five just played among them) is stored once.
    expect(synced.fetched).toBeGreaterThanOrEqual(5);
    expect(synced.inserted).toBe(synced.fetched);
    expect(await app.db.playsRepository(await app.db.getStore()).count(USER)).toBe(synced.fetched);
    expect(await connection()).toMatchObject({ pausedUntil: null, syncFailedAt: null });
  });

  it("500s are retried, then reported as retrying, and the next sync stores what was missed", async () => {
    fake.state.recordPlay({ playedAt: Date.now() - 30_000 });
    const stored = await app.db.playsRepository(await app.db.getStore()).count(USER);
    fake.state.faults.push({ path: "/v1/me/player/recently-played", status: 500, times: 3 });
    const before = calls("/v1/me/player/recently-played");

    const failed = await app.ingest.syncListener(USER);
    expect(failed).toMatchObject({ status: "unavailable", inserted: 0 });
    // Three attempts with backoff in the one sync, then the account waits for the next.
    expect(calls("/v1/me/player/recently-played") - before).toBe(3);
    const shown = await connection();
    expect(shown).toMatchObject({ status: "active", pausedUntil: null });
    expect(Date.parse(shown.syncFailedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);

    app.spotify.resetSpotifyBreakers();
    expect(await app.ingest.syncListener(USER)).toMatchObject({ status: "synced", inserted: 1 });
    expect(await app.db.playsRepository(await app.db.getStore()).count(USER)).toBe(stored + 1);
    expect((await connection()).syncFailedAt).toBeNull();
  });
});

describe("name resolution with Spotify rate-limiting and failing", () => {
  it("marks no name unresolved because of a 429 or a 500: the job waits or retries, then resolves them all", async () => {
    const store = await app.db.getStore();
    const catalog = getDemoCatalog(1);
    const rows = catalog.tracks.slice(0, NAMES).map((track, index) => {
      const artist = catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "";
      return accountRow(`2025-03-${String(index + 1).padStart(2, "0")}T09:00`, track.name, artist);
    });
    await app.ingest.storeRows(store, USER, "storm-export", "c0", rows);
    const job = await app.jobs.enqueueJob(
      "resolve-names",
      { key: "storm-export", input: { userId: USER, importId: "storm-export" }, userId: USER },
      store,
    );
    const resolutions = store.collection<{ _id: string; status: string }>("resolutions");
    const unresolvedPlays = () => store.collection("plays").countDocuments({ userId: USER, trackId: null });
    /** Runs the job now, as a runner would once it is due (its wait or backoff over). */
    const run = async () => {
      await store.collection("jobs").updateOne({ _id: job._id }, { $set: { nextRunAt: new Date(0) } });
      const ran = await app.jobs.runJob(job._id, { budgetMs: 20_000, store });
      return { outcome: ran?.outcome, job: (await app.jobs.getJob(job._id, store))! };
    };

    // Two names resolve, then Spotify rate-limits every search for ten minutes.
    fake.state.faults.push({ path: "/v1/search", status: 429, retryAfter: 600, after: 2, times: 1_000 });
    const waited = await run();
    expect(waited.outcome).toBe("waiting");
    expect(waited.job.attempts).toBe(0);
    expect(waited.job.nextRunAt.getTime()).toBeGreaterThan(Date.now() + 590_000);
    expect(await resolutions.countDocuments({})).toBe(2);
    expect(await resolutions.countDocuments({ status: "unresolved" })).toBe(0);
    expect(await unresolvedPlays()).toBe(NAMES - 2);
    expect(Date.parse((await connection()).pausedUntil ?? "")).toBeGreaterThan(Date.now() + 590_000);

    // The pause is over, but searches now fail with 500s: the step fails and is retried, still nothing marked.
    fake.state.faults = [{ path: "/v1/search", status: 500, times: 1_000 }];
    await app.db.accountsRepository(store).pauseUntil(USER, new Date(0));
    const retried = await run();
    expect(retried.outcome).toBe("retried");
    expect(retried.job.attempts).toBe(1);
    expect(await resolutions.countDocuments({ status: "unresolved" })).toBe(0);
    expect(await unresolvedPlays()).toBe(NAMES - 2);

    // Spotify is back: every name resolves, each searched once overall.
    fake.state.faults = [];
    app.spotify.resetSpotifyBreakers();
    const searchesBefore = calls("/v1/search");
    const done = await run();
    expect(done.outcome).toBe("succeeded");
    expect(await resolutions.countDocuments({ status: "resolved" })).toBe(NAMES);
    expect(await unresolvedPlays()).toBe(0);
    expect(calls("/v1/search") - searchesBefore).toBe(NAMES - 2);
  });
});
