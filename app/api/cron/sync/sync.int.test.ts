/** Sync from Spotify end to end: the ingest pipeline, the token lifecycle and the cron route that runs it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { play } from "@/lib/db/testing/store-contract";

const USER = "spotify:nova-listener";
let fake: FakeSpotify;
let dataDir: string;
let app: {
  syncListener: typeof import("@/lib/ingest").syncListener;
  cron: typeof import("@/app/api/cron/sync/route").GET;
  db: typeof import("@/lib/db");
  spotify: typeof import("@/lib/spotify");
};

beforeAll(async () => {
  fake = await startFakeSpotify();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-sync-"));
  // A fresh module graph configured for Spotify, as a server process started with these variables.
  vi.resetModules();
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "sync-test-secret-0123456789abcdefghijklmnop");
  vi.stubEnv("AUTH_SPOTIFY_ID", fake.state.clientId);
  vi.stubEnv("AUTH_SPOTIFY_SECRET", fake.state.clientSecret);
  vi.stubEnv("SPOTIFY_ACCOUNTS_URL", fake.accountsUrl);
  vi.stubEnv("SPOTIFY_API_URL", fake.apiUrl);
  vi.stubEnv("CRON_SECRET", "cron-secret-for-tests-1234");
  app = {
    syncListener: (await import("@/lib/ingest")).syncListener,
    cron: (await import("@/app/api/cron/sync/route")).GET,
    db: await import("@/lib/db"),
    spotify: await import("@/lib/spotify"),
  };
  const tokens = fake.state.issueTokens(fake.state.user.id, "user-read-recently-played", true);
  await app.spotify.saveSpotifyConnection(USER, fake.state.user.id, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token as string,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: tokens.scope,
  });
});

afterAll(async () => {
  await app?.db.closeStore();
  vi.unstubAllEnvs();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("sync of recently played tracks", () => {
  it("stores new plays once, skips what an import already stored, and resumes from its cursor", async () => {
    const store = await app.db.getStore();
    const plays = app.db.playsRepository(store);
    // The listener's newest play was also in their privacy export: imported first.
    const heard = fake.state.recordPlay({ playedAt: Date.now() - 60_000 });
    const track = (await app.spotify.webClientFor(USER).track(heard.trackId))!;
    await plays.add(USER, [
      play({
        playedAt: new Date(heard.playedAt),
        trackId: heard.trackId,
        trackName: track.name,
        artistName: track.artists[0]?.name ?? "",
        importId: "export-1",
      }),
    ]);

    const first = await app.syncListener(USER);
    expect(first).toMatchObject({ status: "synced", duplicates: 1 });
    expect(first.fetched).toBeGreaterThan(1);
    expect(first.inserted).toBe(first.fetched - 1);
    const stored = await plays.count(USER);
    expect(stored).toBe(first.fetched);
    const synced = await store.collection("plays").countDocuments({ userId: USER, source: "sync" });
    expect(synced).toBe(first.inserted);

    const again = await app.syncListener(USER);
    expect(again).toMatchObject({ status: "synced", fetched: 0, inserted: 0 });
    const log = fake.state.log.filter((entry) => entry.path === "/v1/me/player/recently-played");
    expect(Number(log.at(-1)?.query.after)).toBe(heard.playedAt);

    fake.state.recordPlay({});
    const later = await app.syncListener(USER);
    expect(later).toMatchObject({ status: "synced", fetched: 1, inserted: 1, duplicates: 0 });
    expect(await plays.count(USER)).toBe(stored + 1);
  });

  it("pauses instead of failing when Spotify asks to wait for hours", async () => {
    fake.state.faults.push({ path: "/v1/me/player/recently-played", status: 429, retryAfter: 7_200, times: 1 });
    const result = await app.syncListener(USER);
    expect(result.status).toBe("paused");
    expect(result.detail).toMatch(/^until /);
    const account = await app.db.accountsRepository(await app.db.getStore()).find(USER);
    expect(account?.pausedUntil?.getTime()).toBeGreaterThan(Date.now() + 7_000_000);
    expect((await app.syncListener(USER)).status).toBe("paused");
    await app.db.accountsRepository(await app.db.getStore()).pauseUntil(USER, new Date(0));
  });

  it("runs from the cron route only with the cron secret", async () => {
    const context = { params: Promise.resolve({}) };
    const anonymous = await app.cron(new Request("http://127.0.0.1:3000/api/cron/sync"), context);
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).code).toBe("unauthorized");
    const wrong = await app.cron(
      new Request("http://127.0.0.1:3000/api/cron/sync", { headers: { authorization: "Bearer nope" } }),
      context,
    );
    expect(wrong.status).toBe(401);
    fake.state.recordPlay({});
    const ok = await app.cron(
      new Request("http://127.0.0.1:3000/api/cron/sync", { headers: { authorization: "Bearer cron-secret-for-tests-1234" } }),
      context,
    );
    expect(ok.status).toBe(200);
    // The route queues the quarter hour's sync job and runs it.
    expect(await ok.json()).toMatchObject({ job: { status: "succeeded", result: { listeners: 1, inserted: 1, byStatus: { synced: 1 } } } });
  });
});

describe("token lifecycle", () => {
  it("keeps the refresh token when Spotify leaves it out, and replaces it when Spotify rotates it", async () => {
    const refreshes = () =>
      fake.state.log.filter((entry) => entry.path === "/api/token" && entry.form?.grant_type === "refresh_token").length;
    const before = refreshes();
    fake.state.rotation = "keep";
    const kept = await app.spotify.getSpotifyAccessToken(USER, { forceRefresh: true });
    expect(await app.spotify.getSpotifyAccessToken(USER, { forceRefresh: true })).not.toBe(kept);

    // Rotation: each refresh kills the old refresh token, so a second refresh only works if the new one was stored.
    fake.state.rotation = "rotate";
    const first = await app.spotify.getSpotifyAccessToken(USER, { forceRefresh: true });
    const second = await app.spotify.getSpotifyAccessToken(USER, { forceRefresh: true });
    expect(second).not.toBe(first);
    expect(refreshes() - before).toBe(4);
    // A valid token is served from the store without calling Spotify.
    expect(await app.spotify.getSpotifyAccessToken(USER)).toBe(second);
    expect(refreshes() - before).toBe(4);

    // Revoked: the account is marked, and every later call says "reconnect" without asking Spotify.
    fake.state.revokeRefreshTokens();
    await expect(app.spotify.getSpotifyAccessToken(USER, { forceRefresh: true })).rejects.toBeInstanceOf(
      app.spotify.ReconnectRequiredError,
    );
    expect((await app.db.accountsRepository(await app.db.getStore()).find(USER))?.status).toBe("reconnect_required");
    await expect(app.spotify.getSpotifyAccessToken(USER)).rejects.toBeInstanceOf(app.spotify.ReconnectRequiredError);
    expect((await app.syncListener(USER)).status).toBe("reconnect_required");
  });
});
