/**
 * Privacy, through the real routes with real Auth.js cookies, run by one integration file per
 * store and cache (each sets the environment before importing the app): "Delete my account"
 * leaves no trace of the listener in any collection or cache key or value, and the other member
 * of their Blend keeps everything but that Blend; "Download all my data" is a zip whose files hold
 * exactly what was stored. Nothing of ours is mocked.
 */
import { randomUUID } from "node:crypto";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import type { RouteContext } from "@/lib/http";

const origin = "http://127.0.0.1:3000";
const noParams: RouteContext = { params: Promise.resolve({}) };
const DAY_MS = 86_400_000;

/** Collections shared by every listener, which never name one (checked below all the same). */
const SHARED = new Set(["resolutions", "models", "model_events"]);

async function app() {
  const db = await import("@/lib/db");
  const { storePlayBatch, nameKeyFor, trackKeyFor } = await import("@/lib/listening");
  const { sessionCookieFor } = await import("@/lib/auth/testing");
  const { getCache, getRateLimiter, snapshotCache } = await import("@/lib/cache");
  const me = await import("./route");
  const exportRoute = await import("./export/route");
  return { db, storePlayBatch, nameKeyFor, trackKeyFor, sessionCookieFor, getCache, getRateLimiter, snapshotCache, me, exportRoute };
}

type App = Awaited<ReturnType<typeof app>>;

interface Seeded {
  id: string;
  spotifyId: string;
  email: string;
  cookie: string;
  playlistId: string;
  blendId: string;
}

function plays(a: App, count: number, artist: string, start = Date.UTC(2025, 2, 1, 8)) {
  return Array.from({ length: count }, (_, index) => {
    const trackName = `${artist} Song ${index % 5}`;
    const trackId = index % 2 === 0 ? `${artist.replace(/\W/g, "")}${String(index).padStart(8, "0")}` : null;
    return {
      // Two plays share each start time: paging must give both, once.
      playedAt: new Date(start + Math.floor(index / 2) * 3_600_000),
      trackKey: a.trackKeyFor({ trackId, artistName: artist, trackName }),
      trackId,
      trackName,
      artistName: artist,
      albumName: `${artist} Album`,
      msPlayed: 120_000 + index,
      skipped: false,
      reasonStart: "trackdone",
      reasonEnd: "trackdone",
      shuffle: false,
      platform: "android",
      source: "import" as const,
      importId: null,
      nameKey: a.nameKeyFor({ artistName: artist, trackName }),
      timePrecision: "second" as const,
    };
  });
}

/** A Spotify listener with something in every collection that can hold a listener, and cache keys of every kind. */
async function seedListener(a: App, name: string, playCount: number): Promise<Seeded> {
  const store = await a.db.getStore();
  const spotifyId = `${name.toLowerCase()}${randomUUID().slice(0, 8)}`;
  const email = `${spotifyId}@example.test`;
  const user = await a.db.usersRepository(store).upsertSpotifyUser({
    id: spotifyId,
    displayName: name,
    email,
    imageUrl: null,
    country: "DE",
    product: "premium",
  });
  const id = user._id;
  await a.db.accountsRepository(store).connect(id, spotifyId, {
    accessToken: `access-${spotifyId}`,
    refreshToken: `refresh-${spotifyId}`,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: "user-read-email",
  });
  const batch = plays(a, playCount, `${name} Artist`);
  await a.storePlayBatch(store, id, { sourceKey: `import|${name}/1`, plays: batch });
  // A batch a crash stopped between its marker and its segment: the marker names them too.
  await a.db.listeningRepository(store).markPending(id, `import|${name}/2`, "{}");
  const imported = await a.db
    .importsRepository(store)
    .create(id, [{ name: "Streaming_History_Audio_2025.json", kind: "extended-audio", rows: playCount }]);
  await a.db.importsRepository(store).finish(id, imported._id, "completed");
  await a.db.feedbackRepository(store).set(id, "artist", `${name} Artist`, "like");
  const chats = a.db.chatsRepository(store);
  const chatId = `chat-${name}-${randomUUID()}`;
  await chats.open(id, chatId, `${name}'s question`);
  await chats.saveTail(id, chatId, 0, [
    { id: "m1", role: "user", message: { id: "m1", role: "user", parts: [{ type: "text", text: `Hello from ${name}` }] } },
    { id: "m2", role: "assistant", message: { id: "m2", role: "assistant", parts: [{ type: "text", text: `Hi ${name}` }] } },
  ]);
  await a.db
    .usageRepository(store)
    .record({ userId: id, day: "2025-03-01", model: "gemini-test", inputTokens: 10, outputTokens: 20, costUsd: 0.001 });
  const now = new Date();
  const playlistId = `playlist-${name}-${randomUUID()}`;
  const playlists = a.db.playlistsRepository(store);
  const track = {
    key: "spotify:track:abc",
    name: "Song",
    artistName: "Artist",
    albumName: null,
    imageUrl: null,
    durationMs: 1000,
    explicit: false,
    pinned: false,
    reason: null,
    from: null,
  };
  await playlists.insert(
    {
      _id: playlistId,
      userId: id,
      name: `${name}'s mix`,
      description: "",
      origin: "manual",
      tracks: [track],
      version: 1,
      latestVersion: 1,
      createdAt: now,
      updatedAt: now,
      spotify: null,
      blendId: null,
    },
    "Created",
  );
  await playlists.putVersion(
    { _id: playlistId, userId: id, version: 2 },
    { name: `${name}'s mix`, description: "v2", tracks: [] },
    "Removed “Song”",
  );
  await a.db.sharesRepository(store).enable(id, 2025);
  const jobs = a.db.jobsRepository(store);
  const { job } = await jobs.enqueue({
    kind: "resolve-names",
    key: `${imported._id}`,
    input: { userId: id, importId: imported._id },
    userId: id,
  });
  expect(await jobs.claim(job, `runner-${name}`, 60_000)).not.toBeNull();
  // A job naming them only in its input (as repair-segments does).
  const { job: repair } = await jobs.enqueue({ kind: "repair-segments", key: `repair|${id}`, input: { userId: id } });
  // An operator's alert about that job failing, which names the job and so them.
  await a.db.alertsRepository(store).open({
    rule: "job-failures",
    subject: repair._id,
    value: 3,
    threshold: 3,
    message: `Job repair-segments (${repair._id}) failed 3 times.`,
  });
  const cookie = await a.sessionCookieFor({ id, isDemo: false });
  return { id, spotifyId, email, cookie, playlistId, blendId: "" };
}

/** Cache keys of every kind the app writes for a listener, through the routes where one writes them. */
async function seedCache(a: App, listener: Seeded) {
  // The profile cache and the "me" rate limit, as any request does.
  expect((await a.me.GET(new Request(`${origin}/api/me`, { headers: { cookie: listener.cookie } }), noParams)).status).toBe(200);
  const cache = a.getCache();
  const day = new Date().toISOString().slice(0, 10);
  await cache.increment(`assistant:tokens:${day}:${listener.id}`, { by: 30, ttlSeconds: 60 });
  await cache.increment(`assistant:turns:${listener.id}:${Math.floor(Date.now() / 60_000)}`, { ttlSeconds: 60 });
  await cache.set(`assistant:answer:${listener.id}:digest`, { parts: [{ type: "text", text: "cached" }] }, { ttlSeconds: 60 });
  await cache.increment(`research-budget:${day}:${listener.id}`, { ttlSeconds: 60 });
  await cache.set(`reco:${listener.id}:1:x:-:-:20:0.5:30:UTC`, { picks: [] }, { ttlSeconds: 60 });
  await cache.increment(`playlists:spotify-save:${listener.id}:${listener.playlistId}`, { ttlSeconds: 60 });
  await a.getRateLimiter().limit(`listener:${listener.id}`, { name: "chat", limit: 10, windowSeconds: 60 });
}

/** Every stored document of every collection, as JSON. */
async function everyDocument(a: App): Promise<Map<string, string[]>> {
  const store = await a.db.getStore();
  const all = new Map<string, string[]>();
  for (const name of Object.values(a.db.collections))
    all.set(
      name,
      (await store.collection(name).find({})).map((document) => JSON.stringify(document)),
    );
  return all;
}

const traces = (listener: Seeded) => [listener.id, listener.spotifyId, listener.email];
const mentions = (text: string, listener: Seeded) => traces(listener).some((trace) => text.includes(trace));

export function describePrivacy(label: string) {
  describe(`privacy: ${label}`, () => {
    it("deletes a listener with every document, job, token and cache key, and only their Blend of the other member's", async () => {
      const a = await app();
      const store = await a.db.getStore();
      const gone = await seedListener(a, "Gone", 40);
      const stays = await seedListener(a, "Stays", 12);
      // Their Blend, with each member's Blend playlist.
      const blends = a.db.blendsRepository(store);
      const { blend, token } = await blends.createInvite(gone.id, new Date(Date.now() + DAY_MS));
      expect((await blends.accept(token, stays.id)).ok).toBe(true);
      const now = new Date();
      const blendPlaylists = [gone, stays].map((member) => ({ userId: member.id, playlistId: `blend-${blend._id}-${member.id}` }));
      for (const { userId, playlistId } of blendPlaylists)
        await a.db.playlistsRepository(store).insert(
          {
            _id: playlistId,
            userId,
            name: "Blend",
            description: "",
            origin: "blend",
            tracks: [],
            version: 1,
            latestVersion: 1,
            createdAt: now,
            updatedAt: now,
            spotify: null,
            blendId: blend._id,
          },
          "Created",
        );
      await blends.setPlaylists(blend._id, blendPlaylists, now);
      await seedCache(a, gone);
      await seedCache(a, stays);

      // The seed reaches every collection that can hold a listener: a new collection fails here
      // until it is seeded (and deleted) or declared shared.
      const before = await everyDocument(a);
      // A claim names only its job: it counts as theirs when its job is.
      const theirJobs = before
        .get("jobs")!
        .filter((document) => mentions(document, gone))
        .map((document) => JSON.parse(document)._id as string);
      const theirs = (name: string, document: string) =>
        mentions(document, gone) || (name === "job_claims" && theirJobs.includes(JSON.parse(document).jobId));
      for (const [name, documents] of before) {
        if (SHARED.has(name)) continue;
        expect(
          documents.some((document) => theirs(name, document)),
          `${name}: seed it, make removeListener delete it, or list it as shared`,
        ).toBe(true);
      }
      expect((await a.snapshotCache()).filter(({ key }) => key.includes(gone.id)).length).toBeGreaterThanOrEqual(8);
      const othersBefore = new Map([...before].map(([name, documents]) => [name, documents.filter((document) => !theirs(name, document))]));

      // The typed confirmation is required; without it nothing is deleted.
      const refused = await a.me.DELETE(
        new Request(`${origin}/api/me`, {
          method: "DELETE",
          body: JSON.stringify({ confirm: "yes" }),
          headers: { cookie: gone.cookie, "content-type": "application/json" },
        }),
        noParams,
      );
      expect(refused.status).toBe(400);
      expect(((await refused.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe("body.confirm");
      expect(await a.db.usersRepository(store).findById(gone.id)).not.toBeNull();

      const deleted = await a.me.DELETE(
        new Request(`${origin}/api/me`, {
          method: "DELETE",
          body: JSON.stringify({ confirm: "delete my account" }),
          headers: { cookie: gone.cookie, "content-type": "application/json" },
        }),
        noParams,
      );
      expect(deleted.status).toBe(204);
      expect(deleted.headers.getSetCookie().join("\n")).toMatch(/^authjs\.session-token=; Path=\/; Max-Age=0/m);

      // No trace in any collection, nor in any cache key or value, but the mark of the second pass
      // to come: a request of theirs in flight may still write for a few minutes.
      const sweepMark = (name: string, document: string) =>
        name === "listener_state" && JSON.parse(document)._id === `sweep|${gone.id}` && Object.keys(JSON.parse(document)).length === 2;
      const after = await everyDocument(a);
      for (const [name, documents] of after)
        expect(
          documents.filter((document) => theirs(name, document) && !sweepMark(name, document)),
          name,
        ).toEqual([]);
      expect(after.get("listener_state")?.filter((document) => sweepMark("listener_state", document))).toHaveLength(1);
      expect((await a.snapshotCache()).filter(({ key, value }) => mentions(key, gone) || mentions(value, gone))).toEqual([]);
      // The second pass (the daily cleanup, once the mark is 15 minutes old) leaves nothing at all.
      const { sweepDeletedListeners } = await import("@/lib/listener");
      expect(await sweepDeletedListeners(store, new Date(Date.now() + 86_400_000))).toEqual({ swept: 1, failed: 0 });
      for (const [name, documents] of await everyDocument(a))
        expect(
          documents.filter((document) => theirs(name, document)),
          name,
        ).toEqual([]);

      // The other member keeps everything but the Blend and their Blend playlist (with its version).
      for (const [name, documents] of othersBefore) {
        const lost = documents.filter((document) => !after.get(name)!.includes(document));
        if (name === "playlists" || name === "playlist_versions")
          expect(lost.map((document) => JSON.parse(document).playlistId ?? JSON.parse(document)._id)).toEqual([
            blendPlaylists[1]!.playlistId,
          ]);
        else expect(lost, name).toEqual([]);
      }
      expect(await blends.findForMember(blend._id, stays.id)).toBeNull();
      expect(await a.db.usersRepository(store).findById(stays.id)).not.toBeNull();
      expect(await a.db.accountsRepository(store).find(stays.id)).not.toBeNull();
      expect((await a.snapshotCache()).some(({ key }) => key === `listener:${stays.id}:profile`)).toBe(true);

      // The old cookie names nobody: 401 everywhere, a second deletion included. Deleting again changes nothing.
      const me = await a.me.GET(new Request(`${origin}/api/me`, { headers: { cookie: gone.cookie } }), noParams);
      expect(me.status).toBe(401);
      const again = await a.me.DELETE(
        new Request(`${origin}/api/me`, {
          method: "DELETE",
          body: JSON.stringify({ confirm: "delete my account" }),
          headers: { cookie: gone.cookie, "content-type": "application/json" },
        }),
        noParams,
      );
      expect(again.status).toBe(401);
      const { deleteListener } = await import("@/lib/listener");
      await expect(deleteListener(gone.id)).resolves.toBeUndefined();
      await expect(a.db.usersRepository(store).removeListener("demo")).rejects.toThrow(/not a listener's own account/);
    });

    it("exports a listener's data as a zip of JSON files that hold what was stored, and never their tokens", async () => {
      const a = await app();
      const owner = await seedListener(a, "Exporter", 4_100);
      const other = await seedListener(a, "Neighbour", 3);
      const response = await a.exportRoute.GET(new Request(`${origin}/api/me/export`, { headers: { cookie: owner.cookie } }), noParams);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/zip");
      expect(response.headers.get("content-disposition")).toBe(
        `attachment; filename="echotune-${new Date().toISOString().slice(0, 10)}.zip"`,
      );
      expect(response.headers.get("x-ratelimit-limit")).toBe("5");
      const bytes = new Uint8Array(await response.arrayBuffer());
      const files = Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
      expect(Object.keys(files).sort()).toEqual(
        [
          "README.txt",
          "blends.json",
          "chats.json",
          "feedback.json",
          "imports.json",
          "playlists.json",
          "plays.json",
          "settings.json",
          "shares.json",
          "usage.json",
        ].sort(),
      );
      for (const [name, text] of Object.entries(files)) {
        expect(text, name).not.toContain(`access-${owner.spotifyId}`);
        expect(text, name).not.toContain(`refresh-${owner.spotifyId}`);
        expect(mentions(text, other), name).toBe(false);
        if (name !== "README.txt") expect(() => JSON.parse(text), name).not.toThrow();
      }
      // Every play once, oldest first, across pages (two plays share each start time).
      const rows = JSON.parse(files["plays.json"]!) as Array<Record<string, unknown>>;
      expect(rows).toHaveLength(4_100);
      expect(new Set(rows.map((row) => `${row.playedAt}|${row.track}`)).size).toBe(4_100);
      expect(rows.map((row) => row.playedAt)).toEqual([...rows.map((row) => row.playedAt as string)].sort());
      expect(rows.find((row) => row.track === "Exporter Artist Song 0")).toEqual({
        playedAt: new Date(Date.UTC(2025, 2, 1, 8)).toISOString(),
        track: "Exporter Artist Song 0",
        artist: "Exporter Artist",
        album: "Exporter Artist Album",
        msPlayed: 120_000,
        source: "import",
        spotifyTrackId: "ExporterArtist00000000",
        platform: "android",
        skipped: false,
        shuffle: false,
        reasonStart: "trackdone",
        reasonEnd: "trackdone",
        timePrecision: "second",
      });
      expect(JSON.parse(files["imports.json"]!)).toMatchObject([
        { status: "completed", files: [{ name: "Streaming_History_Audio_2025.json" }] },
      ]);
      expect(JSON.parse(files["feedback.json"]!)).toMatchObject([{ target: "artist", id: "Exporter Artist", opinion: "like" }]);
      expect(JSON.parse(files["chats.json"]!)).toMatchObject([
        {
          title: "Exporter's question",
          messages: [
            { id: "m1", role: "user", parts: [{ type: "text", text: "Hello from Exporter" }] },
            { id: "m2", role: "assistant", parts: [{ type: "text", text: "Hi Exporter" }] },
          ],
        },
      ]);
      expect(JSON.parse(files["playlists.json"]!)).toMatchObject([
        {
          id: owner.playlistId,
          name: "Exporter's mix",
          versions: [
            { version: 1, label: "Created" },
            { version: 2, label: "Removed “Song”" },
          ],
        },
      ]);
      expect(JSON.parse(files["shares.json"]!)).toMatchObject([{ year: 2025, enabled: true }]);
      expect(JSON.parse(files["usage.json"]!)).toEqual([
        { day: "2025-03-01", model: "gemini-test", requests: 1, inputTokens: 10, outputTokens: 20, costUsd: 0.001 },
      ]);
      expect(JSON.parse(files["blends.json"]!)).toEqual([]);
      const settings = JSON.parse(files["settings.json"]!);
      expect(settings).toMatchObject({
        profile: { id: owner.id, displayName: "Exporter", email: owner.email, spotifyId: owner.spotifyId, country: "DE" },
        settings: { timeZone: "UTC", listenThresholdMs: 30_000 },
        spotifyConnection: { spotifyId: owner.spotifyId, status: "active", scope: "user-read-email" },
      });
      expect(Object.keys(settings.spotifyConnection)).not.toContain("accessToken");
      expect(files["README.txt"]).toContain("plays.json");

      // A demo visitor gets their own (here: empty) data, not the shared demo history.
      const visitor = a.db.newDemoVisitorId();
      await a.db.usersRepository(await a.db.getStore()).createDemoVisitor(visitor);
      const demo = await a.exportRoute.GET(
        new Request(`${origin}/api/me/export`, { headers: { cookie: await a.sessionCookieFor({ id: visitor, isDemo: true }) } }),
        noParams,
      );
      expect(demo.status).toBe(200);
      const demoFiles = unzipSync(new Uint8Array(await demo.arrayBuffer()));
      expect(JSON.parse(strFromU8(demoFiles["plays.json"]!))).toEqual([]);
      expect(JSON.parse(strFromU8(demoFiles["settings.json"]!)).profile).toMatchObject({ id: visitor, displayName: "Demo listener" });
    });
  });
}
