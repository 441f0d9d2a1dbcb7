/**
 * Save to Spotify through the real route, the embedded store and the fake Spotify over HTTP (its
 * log is the wire traffic): a 150-track first save in exactly two add-items calls, a 500 on the
 * second batch and the retry that completes it without a duplicate, later edits synced to the same
 * playlist, and the demo Spotify of a demo visitor. Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { fakeWorld } from "@/e2e/fakes/spotify/world";
import type { Listener } from "@/lib/auth";
import type { RouteHandler } from "@/lib/http";
import type { SpotifySaveOutcome } from "@/lib/playlists";

const origin = "http://127.0.0.1:3000";
const USER: Listener = { id: "spotify:nova-listener", isDemo: false, reconnectRequired: false };
const OTHER: Listener = { id: "spotify:someone-else", isDemo: false, reconnectRequired: false };

let fake: FakeSpotify;
let dataDir: string;
let POST: RouteHandler;
let playlists: typeof import("@/lib/playlists");
let db: typeof import("@/lib/db");
let cookie: string;
let otherCookie: string;

beforeAll(async () => {
  fake = await startFakeSpotify();
  fakeWorld();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-spotify-save-"));
  vi.resetModules();
  for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL"])
    vi.stubEnv(name, undefined);
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "save-test-secret-0123456789abcdefghijklmnop");
  vi.stubEnv("AUTH_SPOTIFY_ID", fake.state.clientId);
  vi.stubEnv("AUTH_SPOTIFY_SECRET", fake.state.clientSecret);
  vi.stubEnv("SPOTIFY_ACCOUNTS_URL", fake.accountsUrl);
  vi.stubEnv("SPOTIFY_API_URL", fake.apiUrl);
  vi.stubEnv("DEMO", "true");
  ({ POST } = await import("./route"));
  playlists = await import("@/lib/playlists");
  db = await import("@/lib/db");
  const spotify = await import("@/lib/spotify");
  const { sessionCookieFor } = await import("@/lib/auth/testing");
  cookie = await sessionCookieFor(USER);
  otherCookie = await sessionCookieFor(OTHER);
  // The listeners, as their Spotify sign-ins would have stored them.
  const users = db.usersRepository(await db.getStore());
  for (const id of ["nova-listener", "someone-else"]) {
    const user = await users.upsertSpotifyUser({ id, displayName: id, email: null, imageUrl: null, country: "SE", product: "premium" });
    expect(user._id).toBe(`spotify:${id}`);
  }
  const tokens = fake.state.issueTokens(fake.state.user.id, spotify.spotifyScopes.join(" "), true);
  await spotify.saveSpotifyConnection(USER.id, fake.state.user.id, {
    accessToken: tokens.access_token,
    refreshToken: tokens.refresh_token as string,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: tokens.scope,
  });
});

afterAll(async () => {
  await db?.closeStore();
  vi.unstubAllEnvs();
  await fake?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  fake.state.faults = [];
  fake.state.log.length = 0;
  (await import("@/lib/spotify")).resetSpotifyBreakers();
});

const catalogTracks = (count: number, from = 0) =>
  fakeWorld()
    .catalog.tracks.slice(from, from + count)
    .map((track) => ({ key: `spotify:track:${track.id}`, name: track.name, artistName: "Artist" }));

async function save(id: string, as = cookie): Promise<{ status: number; body: SpotifySaveOutcome & { code?: string } }> {
  const response = await POST(new Request(`${origin}/api/playlists/${id}/spotify`, { method: "POST", headers: { cookie: as } }), {
    params: Promise.resolve({ id }),
  });
  return { status: response.status, body: (await response.json()) as SpotifySaveOutcome & { code?: string } };
}

const calls = (method: string, pattern: RegExp) =>
  fake.state.log.filter((entry) => entry.method === method && pattern.test(entry.path) && entry.path.startsWith("/v1/"));
const ADD_ITEMS = /^\/v1\/playlists\/[^/]+\/items$/;
const onSpotify = (id: string) => fake.state.library.playlists.find((playlist) => playlist.id === id)?.entries.map((entry) => entry.uri);

describe("POST /api/playlists/{id}/spotify against the fake Spotify", () => {
  it("saves 150 tracks with exactly 2 add-items calls, then answers again without calling Spotify", async () => {
    const tracks = catalogTracks(150);
    const created = await playlists.createPlaylist(USER, { name: "Big one", description: "Rain", origin: "manual", tracks });
    const { status, body } = await save(created.id);
    expect(status).toBe(200);
    expect(body).toMatchObject({ tracksOnSpotify: 150, trackCount: 150, spotify: { status: "synced", syncedVersion: 1, error: null } });
    const spotifyId = body.spotify.playlistId!;
    expect(body.spotify.url).toBe(`https://open.spotify.com/playlist/${spotifyId}`);
    expect(calls("POST", /^\/v1\/me\/playlists$/)).toHaveLength(1);
    expect(calls("POST", ADD_ITEMS)).toHaveLength(2);
    expect(calls("PUT", ADD_ITEMS)).toHaveLength(0);
    expect(onSpotify(spotifyId)).toEqual(tracks.map((track) => track.key));
    expect((await playlists.getPlaylist(USER, created.id))?.spotify).toMatchObject({ status: "synced", playlistId: spotifyId });

    fake.state.log.length = 0;
    expect((await save(created.id)).body.spotify).toMatchObject({ status: "synced", playlistId: spotifyId });
    expect(fake.state.log).toHaveLength(0);
  });

  it("a 500 on the second batch: failed with what to do; the retry completes it with 150 unique tracks", async () => {
    const tracks = catalogTracks(150, 200);
    const created = await playlists.createPlaylist(USER, { name: "Interrupted", origin: "manual", tracks });
    fake.state.faults.push({ path: "/v1/playlists/", method: "POST", after: 1, times: 1, status: 500 });
    const failed = await save(created.id);
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ tracksOnSpotify: 100, spotify: { status: "failed", syncedVersion: null } });
    expect(failed.body.spotify.error).toMatch(/100 of 150 tracks are on Spotify so far.*Retry/);
    const spotifyId = failed.body.spotify.playlistId!;
    expect(onSpotify(spotifyId)).toHaveLength(100);
    // The add is not retried by the transport: Spotify might have applied it.
    expect(calls("POST", ADD_ITEMS).map((entry) => entry.status)).toEqual([201, 500]);

    const retried = await save(created.id);
    expect(retried.body).toMatchObject({ tracksOnSpotify: 150, spotify: { status: "synced", playlistId: spotifyId, syncedVersion: 1 } });
    const uris = onSpotify(spotifyId)!;
    expect(uris).toEqual(tracks.map((track) => track.key));
    expect(new Set(uris).size).toBe(150);
    expect(calls("POST", /^\/v1\/me\/playlists$/)).toHaveLength(1);
  });

  it("later edits sync to the same Spotify playlist: details, then the items replaced", async () => {
    const tracks = catalogTracks(120, 400);
    const created = await playlists.createPlaylist(USER, { name: "Evolving", origin: "manual", tracks });
    const first = await save(created.id);
    const spotifyId = first.body.spotify.playlistId!;
    let edited = await playlists.editPlaylist(USER, created.id, created.version, { op: "rename", name: "Evolved" });
    edited = await playlists.editPlaylist(USER, created.id, edited.version, { op: "remove", key: tracks[0]!.key });
    expect(playlists.spotifyStateOf(edited)).toBe("changed");

    fake.state.log.length = 0;
    const synced = await save(created.id);
    expect(synced.body.spotify).toMatchObject({ status: "synced", playlistId: spotifyId, syncedVersion: edited.version });
    expect(calls("PUT", /^\/v1\/playlists\/[^/]+$/)).toHaveLength(1);
    expect(calls("PUT", ADD_ITEMS)).toHaveLength(1);
    expect(calls("POST", ADD_ITEMS)).toHaveLength(1);
    expect(calls("POST", /^\/v1\/me\/playlists$/)).toHaveLength(0);
    const spotifyPlaylist = fake.state.library.playlists.find((playlist) => playlist.id === spotifyId)!;
    expect(spotifyPlaylist.name).toBe("Evolved");
    expect(spotifyPlaylist.entries.map((entry) => entry.uri)).toEqual(tracks.slice(1).map((track) => track.key));
    expect(playlists.spotifyStateOf((await playlists.getPlaylist(USER, created.id))!)).toBe("synced");
  });

  it("a missing scope is a failed save that says to sign in again; another listener's playlist is a 404", async () => {
    const created = await playlists.createPlaylist(USER, { name: "Scoped", origin: "manual", tracks: catalogTracks(3, 700) });
    fake.state.faults.push({ path: "/v1/me/playlists", method: "POST", times: 1, status: 403, message: "Insufficient client scope" });
    const { body } = await save(created.id);
    expect(body.spotify).toMatchObject({ status: "failed", playlistId: null });
    expect(body.spotify.error).toMatch(/sign in with Spotify again/);
    const foreign = await save(created.id, otherCookie);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("not_found");
  });

  it("the assistant's save that Spotify cuts off leaves a stored playlist, finished by the same Retry", async () => {
    const { assistantTools } = await import("@/lib/assistant");
    const { spotifyClientFor } = await import("@/lib/spotify");
    const profile = {
      ...USER,
      displayName: "Nova",
      imageUrl: null,
      settings: { timeZone: "Europe/Berlin", listenThresholdMs: 30_000, allowExplicit: true },
    };
    const tools = assistantTools({ listener: profile, client: spotifyClientFor({ userId: USER.id, isDemo: false }) });
    const tracks = catalogTracks(2, 900);
    // What the chat showed: a draft from buildPlaylist.
    const messages = [
      {
        role: "tool" as const,
        content: [
          {
            type: "tool-result" as const,
            toolCallId: "draft-1",
            toolName: "buildPlaylist",
            output: {
              type: "json" as const,
              value: { tracks: tracks.map((track) => ({ key: track.key, name: track.name, artist: "Artist", source: "catalog" })) },
            },
          },
        ],
      },
    ];
    fake.state.faults.push({ path: "/v1/playlists/", method: "POST", times: 1, status: 503 });
    const output = (await tools.savePlaylist.execute!(
      { name: "From the chat", trackKeys: tracks.map((track) => track.key) },
      { toolCallId: "save-1", messages, context: {} },
    )) as import("@/lib/assistant").SavePlaylistOutput;
    expect(output).toMatchObject({ saved: false, trackCount: 2, storedPlaylistId: expect.any(String), playlistId: expect.any(String) });
    expect(output.summary).toMatch(/kept “From the chat” in your playlists.*Retry/);
    const stored = (await playlists.getPlaylist(USER, output.storedPlaylistId!))!;
    expect(stored).toMatchObject({ origin: "assistant", spotify: { status: "failed", playlistId: output.playlistId } });
    expect(onSpotify(output.playlistId!)).toEqual([]);

    const retried = await save(output.storedPlaylistId!);
    expect(retried.body.spotify).toMatchObject({ status: "synced", playlistId: output.playlistId });
    expect(onSpotify(output.playlistId!)).toEqual(tracks.map((track) => track.key));
  });

  it("a demo visitor saves to their own demo Spotify, and can play it there", async () => {
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    const visitor = await signInAsDemoVisitor(origin);
    const listener: Listener = { id: visitor.id, isDemo: true, reconnectRequired: false };
    const { DEMO_LISTENER, getDemoCatalog } = await import("@/lib/demo");
    const tracks = getDemoCatalog(DEMO_LISTENER.seed)
      .tracks.slice(0, 130)
      .map((track) => ({ key: `spotify:track:${track.id}`, name: track.name, artistName: "Artist" }));
    const created = await playlists.createPlaylist(listener, { name: "Demo save", origin: "manual", tracks });
    const { body } = await save(created.id, visitor.cookie);
    expect(body.spotify).toMatchObject({ status: "synced", url: null });
    const { spotifyClientFor } = await import("@/lib/spotify");
    const client = spotifyClientFor({ userId: visitor.id, isDemo: true });
    expect((await client.playlistItems(body.spotify.playlistId!)).total).toBe(130);
    expect((await spotifyClientFor({ userId: "demo:someone-else", isDemo: true }).myPlaylists()).items).toEqual([]);
    expect(fake.state.log).toHaveLength(0);
  });
});
