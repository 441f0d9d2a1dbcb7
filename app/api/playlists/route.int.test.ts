/**
 * The playlists API through its real handlers, as demo visitors (real sessions, the embedded store
 * in a temporary directory, the demo history and model stored as the app stores them): drafts from
 * a prompt and a seed, edits with versions and conflicts, undo and restore, Tune keeping pinned
 * tracks, the Discover draft, catalogue search, and one listener never reaching another's playlist.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemDetails } from "@/lib/http";
import type { PlaylistData, PlaylistSummaryData, PlaylistVersionData } from "@/lib/playlists/client";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-playlists-api-"));
const origin = "http://127.0.0.1:3000";
let visitor: { id: string; cookie: string };
let stranger: { id: string; cookie: string };

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
  stranger = await signInAsDemoVisitor(origin);
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

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function call(
  handler: Handler,
  path: string,
  { method = "GET", body, cookie = visitor.cookie, id }: { method?: string; body?: unknown; cookie?: string; id?: string } = {},
): Promise<Response> {
  return handler(
    new Request(`${origin}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }),
    { params: Promise.resolve<Record<string, string>>(id ? { id } : {}) },
  );
}

const collection = () => import("./route");
const single = () => import("./[id]/route");
const versions = () => import("./[id]/versions/route");
const tune = () => import("./[id]/tune/route");
const draft = () => import("./draft/route");
const search = () => import("./search/route");

async function json<T>(response: Response, status = 200): Promise<T> {
  expect(response.status, await response.clone().text()).toBe(status);
  return (await response.json()) as T;
}

async function problem(
  response: Response,
  status: number,
): Promise<ProblemDetails & { errors?: Array<{ field: string; message: string }> }> {
  expect(response.status).toBe(status);
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as ProblemDetails & { errors?: Array<{ field: string; message: string }> };
}

describe("the playlists API", () => {
  let playlist: PlaylistData;

  it("makes a draft from a prompt with the count it asks for, once per request id", async () => {
    const { POST, GET } = await collection();
    const body = { prompt: "90s trip-hop for a rainy evening, 25 tracks", requestId: "prompt-request-1" };
    ({ playlist } = await json<{ playlist: PlaylistData }>(await call(POST, "/api/playlists", { method: "POST", body }), 201));
    expect(playlist).toMatchObject({ name: "90s trip-hop for a rainy evening", origin: "prompt", version: 1 });
    expect(playlist.tracks).toHaveLength(25);
    expect(new Set(playlist.tracks.map((track) => track.key)).size).toBe(25);
    for (const track of playlist.tracks) expect(track.key).toMatch(/^spotify:track:/);
    const again = await json<{ playlist: PlaylistData }>(await call(POST, "/api/playlists", { method: "POST", body }), 200);
    expect(again.playlist.id).toBe(playlist.id);
    const { playlists } = await json<{ playlists: PlaylistSummaryData[] }>(await call(GET, "/api/playlists"));
    expect(playlists.filter((entry) => entry.id === playlist.id)).toEqual([expect.objectContaining({ trackCount: 25, version: 1 })]);
    expect(playlists[0]).not.toHaveProperty("tracks");
  }, 60_000);

  it("edits on the version seen, answers 409 to a stale one, and undoes and restores", async () => {
    const { PATCH } = await single();
    const path = `/api/playlists/${playlist.id}`;
    const [first, second] = playlist.tracks;
    const moved = await json<{ playlist: PlaylistData }>(
      await call(PATCH, path, {
        method: "PATCH",
        id: playlist.id,
        body: { baseVersion: 1, edit: { op: "move", key: second!.key, to: 0 } },
      }),
    );
    expect(moved.playlist.version).toBe(2);
    expect(moved.playlist.tracks.slice(0, 2).map((track) => track.key)).toEqual([second!.key, first!.key]);
    const stale = await problem(
      await call(PATCH, path, { method: "PATCH", id: playlist.id, body: { baseVersion: 1, edit: { op: "rename", name: "Elsewhere" } } }),
      409,
    );
    expect(stale.detail).toBe("This playlist changed in another window; reload to see it.");
    const renamed = await json<{ playlist: PlaylistData }>(
      await call(PATCH, path, { method: "PATCH", id: playlist.id, body: { baseVersion: 2, edit: { op: "rename", name: "Rainy 90s" } } }),
    );
    expect(renamed.playlist).toMatchObject({ version: 3, name: "Rainy 90s" });

    const { GET, POST } = await versions();
    const history = await json<{ versions: PlaylistVersionData[] }>(await call(GET, `${path}/versions`, { id: playlist.id }));
    expect(history.versions.map((entry) => [entry.version, entry.label])).toEqual([
      [3, "Renamed to “Rainy 90s”"],
      [2, `Moved “${second!.name}” up`],
      [1, "Created from a prompt"],
    ]);
    const undone = await json<{ playlist: PlaylistData }>(
      await call(POST, `${path}/versions`, { method: "POST", id: playlist.id, body: { action: "undo", baseVersion: 3 } }),
    );
    expect(undone.playlist).toMatchObject({ version: 2, latestVersion: 3, name: playlist.name });
    const restored = await json<{ playlist: PlaylistData }>(
      await call(POST, `${path}/versions`, { method: "POST", id: playlist.id, body: { action: "restore", version: 1, baseVersion: 2 } }),
    );
    expect(restored.playlist.version).toBe(3);
    expect(restored.playlist.tracks.map((track) => track.key)).toEqual(playlist.tracks.map((track) => track.key));
    const missing = await problem(
      await call(POST, `${path}/versions`, { method: "POST", id: playlist.id, body: { action: "restore", baseVersion: 3 } }),
      400,
    );
    expect(missing.errors).toEqual([{ field: "body.version", message: "Say which version to restore." }]);
    playlist = restored.playlist;
  });

  it("tunes every track not pinned, keeping the pinned ones in place, as one version", async () => {
    const { PATCH } = await single();
    const path = `/api/playlists/${playlist.id}`;
    let version = playlist.version;
    for (const index of [0, 4]) {
      const pinned = await json<{ playlist: PlaylistData }>(
        await call(PATCH, path, {
          method: "PATCH",
          id: playlist.id,
          body: { baseVersion: version, edit: { op: "pin", key: playlist.tracks[index]!.key, pinned: true } },
        }),
      );
      version = pinned.playlist.version;
    }
    const { POST } = await tune();
    const tuned = await json<{ playlist: PlaylistData }>(
      await call(POST, `${path}/tune`, { method: "POST", id: playlist.id, body: { prompt: "more energetic", baseVersion: version } }),
    );
    expect(tuned.playlist.version).toBe(version + 1);
    expect(tuned.playlist.tracks).toHaveLength(25);
    expect(tuned.playlist.tracks[0]).toMatchObject({ key: playlist.tracks[0]!.key, pinned: true });
    expect(tuned.playlist.tracks[4]).toMatchObject({ key: playlist.tracks[4]!.key, pinned: true });
    const before = new Set(playlist.tracks.map((track) => track.key));
    const fresh = tuned.playlist.tracks.filter((track) => !before.has(track.key));
    expect(fresh.length).toBeGreaterThanOrEqual(20);
    const stale = await problem(
      await call(POST, `${path}/tune`, { method: "POST", id: playlist.id, body: { prompt: "calmer", baseVersion: version } }),
      409,
    );
    expect(stale.code).toBe("conflict");
  }, 60_000);

  it("makes a draft from a seed artist the listener played, and says so when they never did", async () => {
    const { POST } = await collection();
    const { listenerIndex } = await import("@/lib/insights");
    const index = await listenerIndex({ id: visitor.id, isDemo: true });
    const artist = index.artists[index.artist[index.count - 1]!]!.name;
    const made = await json<{ playlist: PlaylistData }>(
      await call(POST, "/api/playlists", { method: "POST", body: { seed: { kind: "artist", id: artist } } }),
      201,
    );
    expect(made.playlist).toMatchObject({ name: `More like ${artist}`, origin: "seed" });
    expect(made.playlist.tracks.length).toBeGreaterThan(0);
    const unknown = await problem(
      await call(POST, "/api/playlists", { method: "POST", body: { seed: { kind: "artist", id: "Nobody Ever Played" } } }),
      404,
    );
    expect(unknown.detail).toMatch(/seed a playlist with something you have played/);
  }, 60_000);

  it("refuses bodies that say too little, too much, or too many tracks, naming the field", async () => {
    const { POST } = await collection();
    const both = await problem(
      await call(POST, "/api/playlists", { method: "POST", body: { prompt: "chill", tracks: [], name: "x" } }),
      400,
    );
    expect(both.errors?.[0]?.message).toBe("Send exactly one of `tracks` (with a `name`), `seed` or `prompt`.");
    const tracks = Array.from({ length: 501 }, (_, i) => ({ key: `spotify:track:t${i}`, name: `T${i}`, artistName: "A" }));
    const many = await problem(await call(POST, "/api/playlists", { method: "POST", body: { name: "Big", tracks } }), 400);
    expect(many.errors?.[0]).toEqual({ field: "body.tracks", message: "A playlist holds at most 500 tracks: send fewer." });
    const made = await json<{ playlist: PlaylistData }>(
      await call(POST, "/api/playlists", { method: "POST", body: { name: "Hand made", tracks: tracks.slice(0, 3) } }),
      201,
    );
    expect(made.playlist).toMatchObject({ origin: "manual", version: 1 });
  });

  it("keeps the Discover draft on the server: one draft, appended to, read from anywhere", async () => {
    const { GET, POST } = await draft();
    expect(await json<{ playlist: null }>(await call(GET, "/api/playlists/draft"))).toEqual({ playlist: null });
    const pick = (id: string) => ({ key: `spotify:track:${id}`, name: `Pick ${id}`, artistName: "Someone", reason: "Because." });
    const [one, two] = await Promise.all([
      call(POST, "/api/playlists/draft", { method: "POST", body: { tracks: [pick("a1")] } }),
      call(POST, "/api/playlists/draft", { method: "POST", body: { tracks: [pick("b2")] } }),
    ]);
    const first = await json<{ playlist: PlaylistData }>(one);
    const second = await json<{ playlist: PlaylistData }>(two);
    expect(second.playlist.id).toBe(first.playlist.id);
    await call(POST, "/api/playlists/draft", { method: "POST", body: { tracks: [pick("a1")] } });
    const current = await json<{ playlist: PlaylistData }>(await call(GET, "/api/playlists/draft"));
    expect(current.playlist).toMatchObject({ id: first.playlist.id, origin: "discover", name: "Discover draft" });
    expect(current.playlist.tracks.map((track) => track.key).sort()).toEqual(["spotify:track:a1", "spotify:track:b2"]);
    expect(current.playlist.tracks.find((track) => track.key === "spotify:track:a1")?.reason).toBe("Because.");
    expect(await json<{ playlist: null }>(await call(GET, "/api/playlists/draft", { cookie: stranger.cookie }))).toEqual({
      playlist: null,
    });
  });

  it("searches the demo catalogue for tracks to add", async () => {
    const { GET } = await search();
    const wanted = playlist.tracks[1]!;
    const found = await json<{ tracks: Array<{ key: string; name: string; artistName: string }> }>(
      await call(GET, `/api/playlists/search?q=${encodeURIComponent(`${wanted.name} ${wanted.artistName}`)}`),
    );
    expect(found.tracks.map((track) => track.key)).toContain(wanted.key);
    for (const track of found.tracks) expect(track.key).toMatch(/^spotify:track:/);
    expect((await problem(await call(GET, "/api/playlists/search?q="), 400)).errors?.[0]?.field).toBe("query.q");
  });

  it("never lets another listener read, edit, undo or delete a playlist", async () => {
    const cookie = stranger.cookie;
    const path = `/api/playlists/${playlist.id}`;
    const { GET, PATCH, DELETE } = await single();
    await problem(await call(GET, path, { id: playlist.id, cookie }), 404);
    await problem(
      await call(PATCH, path, { method: "PATCH", id: playlist.id, cookie, body: { baseVersion: 1, edit: { op: "rename", name: "Mine" } } }),
      404,
    );
    await problem(await call((await versions()).GET, `${path}/versions`, { id: playlist.id, cookie }), 404);
    await problem(
      await call((await versions()).POST, `${path}/versions`, {
        method: "POST",
        id: playlist.id,
        cookie,
        body: { action: "undo", baseVersion: 2 },
      }),
      404,
    );
    await problem(await call(DELETE, path, { method: "DELETE", id: playlist.id, cookie }), 404);
    const { playlists } = await json<{ playlists: PlaylistSummaryData[] }>(
      await call((await collection()).GET, "/api/playlists", { cookie }),
    );
    expect(playlists.map((entry) => entry.id)).not.toContain(playlist.id);
    expect((await call(DELETE, path, { method: "DELETE", id: playlist.id })).status).toBe(204);
    await problem(await call(GET, path, { id: playlist.id }), 404);
  });
});
