/**
 * The player routes against the fake Spotify over HTTP: devices and state, play on a chosen
 * device (tracks or a playlist), queue, next, pause, and the two failures a listener can fix
 * (no active device, Premium required) answered with what to do. Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { fakeWorld } from "@/e2e/fakes/spotify/world";
import type { RouteHandler } from "@/lib/http";

const origin = "http://127.0.0.1:3000";
const USER = { id: "spotify:nova-listener", isDemo: false };
const DEVICE = "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e";

let fake: FakeSpotify;
let dataDir: string;
let GET: RouteHandler;
let POST: RouteHandler;
let db: typeof import("@/lib/db");
let cookie: string;

beforeAll(async () => {
  fake = await startFakeSpotify();
  fakeWorld();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-player-"));
  vi.resetModules();
  for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL"])
    vi.stubEnv(name, undefined);
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "player-test-secret-0123456789abcdefghijklmnop");
  vi.stubEnv("AUTH_SPOTIFY_ID", fake.state.clientId);
  vi.stubEnv("AUTH_SPOTIFY_SECRET", fake.state.clientSecret);
  vi.stubEnv("SPOTIFY_ACCOUNTS_URL", fake.accountsUrl);
  vi.stubEnv("SPOTIFY_API_URL", fake.apiUrl);
  ({ GET } = await import("./route"));
  ({ POST } = await import("./[command]/route"));
  db = await import("@/lib/db");
  const spotify = await import("@/lib/spotify");
  await db.usersRepository(await db.getStore()).upsertSpotifyUser({
    id: "nova-listener",
    displayName: "Nova",
    email: null,
    imageUrl: null,
    country: "SE",
    product: "premium",
  });
  const tokens = fake.state.issueTokens(fake.state.user.id, spotify.spotifyScopes.join(" "), true);
  await spotify.saveSpotifyConnection(USER.id, fake.state.user.id, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token as string,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: tokens.scope,
  });
  cookie = await (await import("@/lib/auth/testing")).sessionCookieFor(USER);
});

afterAll(async () => {
  await db?.closeStore();
  vi.unstubAllEnvs();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  fake.state.user.product = "premium";
  for (const device of fake.state.library.devices) device.is_active = false;
});

const track = (index: number) => `spotify:track:${fakeWorld().catalog.tracks[index]!.id}`;

async function command(name: string, body: unknown) {
  const response = await POST(
    new Request(`${origin}/api/player/${name}`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ command: name }) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function state() {
  const response = await GET(new Request(`${origin}/api/player`, { headers: { cookie } }), { params: Promise.resolve({}) });
  expect(response.status).toBe(200);
  return (await response.json()) as {
    devices: Array<{ id: string; isActive: boolean }>;
    playback: { isPlaying: boolean; track: { uri: string } } | null;
  };
}

describe("the player routes", () => {
  it("lists devices, plays tracks on the chosen one, queues, skips and pauses", async () => {
    const before = await state();
    expect(before.devices.map((device) => device.id)).toContain(DEVICE);
    expect(before.playback).toBeNull();
    expect(await command("play", { deviceId: DEVICE, uris: [track(1), track(2)] })).toEqual({
      status: 200,
      body: { ok: true, command: "play" },
    });
    expect((await state()).playback).toMatchObject({ isPlaying: true, track: { uri: track(1) }, device: { id: DEVICE } });
    expect((await command("queue", { uri: track(9) })).status).toBe(200);
    expect((await command("next", {})).status).toBe(200);
    expect((await state()).playback?.track.uri).toBe(track(9));
    expect((await command("pause", {})).status).toBe(200);
    expect((await state()).playback?.isPlaying).toBe(false);
    // Pausing what is paused is what the listener wanted.
    expect((await command("pause", {})).status).toBe(200);
  });

  it("plays a whole playlist by its context URI", async () => {
    const playlist = fake.state.library.playlists.find((candidate) => candidate.ownerId === "")!;
    expect((await command("play", { deviceId: DEVICE, contextUri: `spotify:playlist:${playlist.id}` })).status).toBe(200);
    expect((await state()).playback?.track.uri).toBe(playlist.entries[0]!.uri);
  });

  it("no active device and Premium required are problems that say what to do", async () => {
    const none = await command("play", { uris: [track(1)] });
    expect(none.status).toBe(409);
    expect(none.body).toMatchObject({
      reason: "NO_ACTIVE_DEVICE",
      detail: expect.stringContaining("Open Spotify on a phone, computer or speaker"),
    });
    fake.state.user.product = "free";
    const premium = await command("play", { deviceId: DEVICE, uris: [track(1)] });
    expect(premium.status).toBe(403);
    expect(premium.body).toMatchObject({ reason: "PREMIUM_REQUIRED", detail: expect.stringContaining("Premium") });
  });

  it("refuses a malformed command before calling Spotify", async () => {
    fake.state.log.length = 0;
    expect((await command("queue", {})).status).toBe(400);
    expect((await command("play", { uris: ["spotify:album:x"] })).status).toBe(400);
    expect((await command("play", { uris: [track(1)], contextUri: "spotify:playlist:abc" })).status).toBe(400);
    expect(fake.state.log.filter((entry) => entry.path.startsWith("/v1/me/player/"))).toHaveLength(0);
  });
});
