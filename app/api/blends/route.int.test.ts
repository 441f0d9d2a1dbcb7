/**
 * Blend through its real routes, on both store adapters: an invite is made, opened and accepted
 * once; both members see the match and their own copy of the Blend playlist (stored through
 * lib/playlists); nothing else of one member's listening reaches the other; outsiders get 404;
 * an expired invite, a used one and one's own are refused with what to do; leaving ends it for
 * both. Sessions are real Auth.js cookies, plays go in through lib/listening; nothing is mocked.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import type { BlendList, BlendView, InviteCreated, InvitePreview } from "@/lib/blend";
import type { NewPlay } from "@/lib/db";
import type { RouteContext, RouteHandler } from "@/lib/http";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-blends-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const origin = "http://127.0.0.1:3000";
const withParams = (params: Record<string, string>): RouteContext => ({ params: Promise.resolve(params) });
const DAY = 86_400_000;

type Visitor = { id: string; cookie: string };

/** A track of the test's catalogue: a 22-character Spotify-like id from a label. */
const trackId = (label: string) =>
  label
    .replace(/[^A-Za-z0-9]/g, "")
    .padEnd(22, "0")
    .slice(0, 22);

/** `count` plays of one track, one a day from `daysAgo` back, each `minutes` long. */
function plays(artist: string, track: string, count: number, { minutes = 3, daysAgo = 1 } = {}): NewPlay[] {
  return Array.from({ length: count }, (_, index) => {
    const id = trackId(`${artist}${track}`);
    return {
      playedAt: new Date(Date.now() - (daysAgo + index * 0.01) * DAY),
      trackKey: `spotify:track:${id}`,
      nameKey: `${artist.toLowerCase()}|${track.toLowerCase()}`,
      trackId: id,
      trackName: track,
      artistName: artist,
      albumName: `${artist} album`,
      msPlayed: minutes * 60_000,
      skipped: false,
      reasonStart: "trackdone",
      reasonEnd: "trackdone",
      shuffle: false,
      platform: "Android",
      source: "import",
      importId: null,
    };
  });
}

/** The first member's own listening: 30 artists, 130 tracks (more than the 100 the Blend reads), and one private track played once. */
const FIRST_ONLY = Array.from({ length: 130 }, (_, index) => ({ artist: `Anna Artist ${index % 30}`, track: `Anna Song ${index}` }));
const PRIVATE = { artist: "Private Artist Zq", track: "Private Song Zq" };
/** What both play. */
const SHARED = Array.from({ length: 6 }, (_, index) => ({ artist: `Shared Band ${index}`, track: `Shared Song ${index}` }));
/** The second member's own. */
const SECOND_ONLY = Array.from({ length: 40 }, (_, index) => ({ artist: `Ben Artist ${index % 12}`, track: `Ben Song ${index}` }));

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `blends_${process.pid}` })],
])("Blend routes (%s store)", (kind, storeVars) => {
  let routes: {
    list: RouteHandler;
    create: RouteHandler;
    view: RouteHandler;
    leave: RouteHandler;
    refresh: RouteHandler;
    preview: RouteHandler;
    answer: RouteHandler;
    friend: RouteHandler;
  };
  let closeStore: () => Promise<void>;
  let a: Visitor;
  let b: Visitor;
  let outsider: Visitor;
  let getPlaylist: typeof import("@/lib/playlists").getPlaylist;

  beforeAll(async () => {
    vi.resetModules();
    vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
    for (const name of ["MONGODB_URI", "UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN", "AUTH_URL", "NEXTAUTH_URL", "DEMO", "APP_URL"])
      vi.stubEnv(name, undefined);
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    const collection = await import("./route");
    const one = await import("./[id]/route");
    const invite = await import("./invites/[token]/route");
    routes = {
      list: collection.GET,
      create: collection.POST,
      view: one.GET,
      leave: one.DELETE,
      refresh: (await import("./[id]/refresh/route")).POST,
      preview: invite.GET,
      answer: invite.POST,
      friend: (await import("./friends/route")).POST,
    };
    const db = await import("@/lib/db");
    const store = await db.getStore();
    expect(store.kind).toBe(kind);
    closeStore = db.closeStore;
    ({ getPlaylist } = await import("@/lib/playlists"));
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    [a, b, outsider] = [await signInAsDemoVisitor(origin), await signInAsDemoVisitor(origin), await signInAsDemoVisitor(origin)];
    // Each visitor's own history (a visitor who imported reads their own plays, not the shared demo's).
    const { storePlayBatch } = await import("@/lib/listening");
    const mine = [
      ...FIRST_ONLY.flatMap(({ artist, track }, index) => plays(artist, track, 2 + (index % 5), { daysAgo: 1 + (index % 20) })),
      ...SHARED.flatMap(({ artist, track }) => plays(artist, track, 6, { daysAgo: 2 })),
      ...plays(PRIVATE.artist, PRIVATE.track, 1, { minutes: 0.75, daysAgo: 3 }),
    ];
    const theirs = [
      ...SECOND_ONLY.flatMap(({ artist, track }, index) => plays(artist, track, 3 + (index % 4), { daysAgo: 1 + (index % 25) })),
      ...SHARED.flatMap(({ artist, track }) => plays(artist, track, 5, { daysAgo: 4 })),
    ];
    await storePlayBatch(store, a.id, { sourceKey: "import|a/1", plays: mine });
    await storePlayBatch(store, b.id, { sourceKey: "import|b/1", plays: theirs });
  });

  afterAll(async () => {
    await closeStore?.();
    vi.unstubAllEnvs();
  });

  const get = (handler: RouteHandler, path: string, as: Visitor, params: Record<string, string> = {}) =>
    handler(new Request(`${origin}${path}`, { headers: { cookie: as.cookie } }), withParams(params));
  const post = (handler: RouteHandler, path: string, as: Visitor, body: unknown, params: Record<string, string> = {}) =>
    handler(
      new Request(`${origin}${path}`, {
        method: "POST",
        body: body === undefined ? null : JSON.stringify(body),
        headers: { cookie: as.cookie, "content-type": "application/json" },
      }),
      withParams(params),
    );
  const del = (path: string, as: Visitor, id: string) =>
    routes.leave(new Request(`${origin}${path}`, { method: "DELETE", headers: { cookie: as.cookie } }), withParams({ id }));
  const newInvite = async (as: Visitor): Promise<InviteCreated & { token: string }> => {
    const response = await post(routes.create, "/api/blends", as, undefined);
    expect(response.status).toBe(201);
    const invite = (await response.json()) as InviteCreated;
    return { ...invite, token: invite.path.split("/").pop()! };
  };
  const answer = (token: string, as: Visitor, choice: "accept" | "decline") =>
    post(routes.answer, `/api/blends/invites/${token}`, as, { answer: choice }, { token });
  const problem = async (response: Response) => {
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    return (await response.json()) as { code: string; reason?: string; detail: string };
  };
  const view = async (id: string, as: Visitor, range = "6m"): Promise<BlendView> => {
    const response = await get(routes.view, `/api/blends/${id}?range=${range}`, as, { id });
    expect(response.status).toBe(200);
    return (await response.json()) as BlendView;
  };

  let blendId = "";
  let firstToken = "";

  it("makes an invite link that says who sent it and accepts nothing by being opened", async () => {
    const invite = await newInvite(a);
    expect(invite.url).toBe(`${origin}/blend/join/${invite.token}`);
    expect(invite.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(Date.parse(invite.expiresAt) - Date.now()).toBeGreaterThan(6.9 * DAY);
    const preview = await get(routes.preview, `/api/blends/invites/${invite.token}`, b, { token: invite.token });
    expect(preview.status).toBe(200);
    expect((await preview.json()) as InvitePreview).toMatchObject({
      state: "open",
      inviterName: expect.stringMatching(/^Demo listener [0-9A-F]{4}$/),
    });
    const own = (await (
      await get(routes.preview, `/api/blends/invites/${invite.token}`, a, { token: invite.token })
    ).json()) as InvitePreview;
    expect(own.state).toBe("own");
    // The inviter lists it as waiting; nobody else sees it.
    const listed = (await (await get(routes.list, "/api/blends", a)).json()) as BlendList;
    expect(listed.blends).toEqual([expect.objectContaining({ id: invite.id, status: "invited", partner: null })]);
    expect(((await (await get(routes.list, "/api/blends", b)).json()) as BlendList).blends).toEqual([]);

    // One's own invite cannot be accepted.
    const refused = await answer(invite.token, a, "accept");
    expect(refused.status).toBe(409);
    expect(await problem(refused)).toMatchObject({
      code: "conflict",
      reason: "own_invite",
      detail: expect.stringMatching(/Send the link/),
    });

    const accepted = await answer(invite.token, b, "accept");
    expect(accepted.status).toBe(200);
    blendId = ((await accepted.json()) as { id: string }).id;
    firstToken = invite.token;
    expect(blendId).toBe(invite.id);
  });

  it("works once: the member accepting again lands on the Blend, anyone else is told the link was used", async () => {
    const list = (await (await get(routes.list, "/api/blends", a)).json()) as BlendList;
    expect(list.blends).toEqual([
      expect.objectContaining({ id: blendId, status: "active", partner: expect.objectContaining({ demoFriend: false }) }),
    ]);
    const again = await answer(firstToken, b, "accept");
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id: blendId });
    const preview = (await (
      await get(routes.preview, `/api/blends/invites/${firstToken}`, b, { token: firstToken })
    ).json()) as InvitePreview;
    expect(preview).toMatchObject({ state: "member", blendId });
    const late = await answer(firstToken, outsider, "accept");
    expect(late.status).toBe(409);
    expect(await problem(late)).toMatchObject({ reason: "invite_used", detail: expect.stringMatching(/a link works for one listener/) });
    // A link nobody made is a 404 that says what to do.
    const token = randomBytes(24).toString("base64url");
    const unknown = await answer(token, outsider, "accept");
    expect(unknown.status).toBe(404);
    expect((await problem(unknown)).detail).toMatch(/Ask for a new link/);
  });

  it("shows both members the match, the shared tops and their own copy of the playlist", async () => {
    const first = await view(blendId, a);
    const second = await view(blendId, b);
    expect(first.match.percent).toBe(second.match.percent);
    // Each read their own import, not the demo's shared history.
    expect(first.sharedDemoHistory).toBe(false);
    expect(first.match.value).toBeGreaterThan(0);
    expect(first.match.value).toBeLessThan(1);
    expect(first.match.explanation).toMatch(
      /^Weighted Jaccard of your top 37 and their top 18 artists by listening time \(last 6 months\): 0\.\d\d → \d+% match$/,
    );
    expect(first.sharedArtists.map((artist) => artist.name).sort()).toEqual(SHARED.map((each) => each.artist).sort());
    expect(first.sharedTracks.map((track) => track.name).sort()).toEqual(SHARED.map((each) => each.track).sort());
    // Each side's ranks are its own first.
    expect(first.sharedArtists[0]!.ranks).toEqual(
      [...second.sharedArtists.find((artist) => artist.name === first.sharedArtists[0]!.name)!.ranks].reverse(),
    );

    for (const [seen, you] of [
      [first, a],
      [second, b],
    ] as const) {
      expect(seen.playlist).not.toBeNull();
      const tracks = seen.playlist!.tracks;
      expect(tracks.length).toBeGreaterThanOrEqual(45);
      expect(tracks.length).toBeLessThanOrEqual(50);
      for (let index = 1; index < tracks.length; index++) expect(tracks[index]!.artistName).not.toBe(tracks[index - 1]!.artistName);
      expect(new Set(tracks.map((track) => track.who))).toEqual(new Set(["you", "partner", "both"]));
      for (const track of tracks) {
        // New finds come from the engine, for one member: whose they are is checked by the draw's unit tests.
        if (track.reason?.startsWith("New to you both")) continue;
        const shared = SHARED.some((each) => each.track === track.name);
        const mine = (you === a ? FIRST_ONLY : SECOND_ONLY).some((each) => each.track === track.name);
        expect(track.who, track.name).toBe(shared ? "both" : mine ? "you" : "partner");
        expect(track.from).toBe(
          track.who === "both" ? `${first.you.name} & ${first.partner.name}` : track.who === "you" ? seen.you.name : seen.partner.name,
        );
      }
      // Stored like any other playlist: the member's own, origin "blend".
      const stored = await getPlaylist({ id: you.id, isDemo: true, reconnectRequired: false }, seen.playlist!.id);
      expect(stored).toMatchObject({ origin: "blend", blendId, version: 1 });
    }
    expect(first.playlist!.id).not.toBe(second.playlist!.id);
  });

  it("hands a member nothing of the other's listening beyond what the Blend shows", async () => {
    for (const range of ["4w", "6m", "all"]) {
      const seen = await view(blendId, b, range);
      const text = JSON.stringify(seen);
      // What of the first member's own listening the second may see: the picks drawn from their taste.
      const shownPicks = new Set(
        (seen.playlist?.tracks ?? []).filter((track) => track.who === "partner").flatMap((track) => [track.name, track.artistName]),
      );
      const leaked = FIRST_ONLY.flatMap(({ artist, track }) => [artist, track]).filter(
        (name) => text.includes(`"${name}"`) && !shownPicks.has(name),
      );
      expect(leaked).toEqual([]);
      expect(text).not.toContain(PRIVATE.artist);
      expect(text).not.toContain(PRIVATE.track);
      // No listening time or play counts of either side.
      expect(text).not.toMatch(/msPlayed|"plays"|"weight"/);
      // At most 50 picks: the other 80 or more of the first member's 131 tracks stay theirs.
      expect(FIRST_ONLY.filter(({ track }) => text.includes(`"${track}"`)).length).toBeLessThanOrEqual(50);
    }
  });

  it("is a 404 to anyone else, and for a Blend id that does not exist", async () => {
    for (const response of [
      await get(routes.view, `/api/blends/${blendId}`, outsider, { id: blendId }),
      await post(routes.refresh, `/api/blends/${blendId}/refresh`, outsider, undefined, { id: blendId }),
      await del(`/api/blends/${blendId}`, outsider, blendId),
      await get(routes.view, "/api/blends/AAAAAAAAAAAAAAAA", a, { id: "AAAAAAAAAAAAAAAA" }),
    ]) {
      expect(response.status).toBe(404);
      expect((await problem(response)).code).toBe("not_found");
    }
    expect(await view(blendId, a)).toMatchObject({ id: blendId });
  });

  it("refreshes the playlist as a new version of each member's copy", async () => {
    const before = await view(blendId, a);
    const response = await post(routes.refresh, `/api/blends/${blendId}/refresh`, b, undefined, { id: blendId });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { tracks: number }).tracks).toBe(before.playlist!.tracks.length);
    const after = await view(blendId, a);
    expect(after.playlist!.id).toBe(before.playlist!.id);
    expect(after.playlist!.version).toBe(2);
  });

  it("refuses an expired invite and an invite to a pair that already blends, saying what to do", async () => {
    const invite = await newInvite(a);
    const { getStore, collections } = await import("@/lib/db");
    await (
      await getStore()
    )
      .collection(collections.blends)
      .updateOne({ _id: invite.id }, { $set: { inviteExpiresAt: new Date(Date.now() - 1000) } });
    const preview = (await (
      await get(routes.preview, `/api/blends/invites/${invite.token}`, outsider, { token: invite.token })
    ).json()) as InvitePreview;
    expect(preview.state).toBe("expired");
    const expired = await answer(invite.token, outsider, "accept");
    expect(expired.status).toBe(409);
    expect(await problem(expired)).toMatchObject({
      reason: "invite_expired",
      detail: expect.stringMatching(/^This invite expired on .+\. Ask Demo listener [0-9A-F]{4} for a new link\.$/),
    });
    // The inviter's list drops it.
    expect(((await (await get(routes.list, "/api/blends", a)).json()) as BlendList).blends.map((blend) => blend.id)).not.toContain(
      invite.id,
    );

    const again = await newInvite(a);
    expect(
      ((await (await get(routes.preview, `/api/blends/invites/${again.token}`, b, { token: again.token })).json()) as InvitePreview).state,
    ).toBe("already");
    const already = await answer(again.token, b, "accept");
    expect(already.status).toBe(409);
    expect(await problem(already)).toMatchObject({ reason: "already_blended", blendId });

    // A used link: the outsider accepts a fresh one, then b tries the same link.
    const used = await newInvite(a);
    expect((await answer(used.token, outsider, "accept")).status).toBe(200);
    const late = await answer(used.token, b, "accept");
    expect(late.status).toBe(409);
    expect(await problem(late)).toMatchObject({ reason: "invite_used" });
    const declined = await newInvite(b);
    expect((await answer(declined.token, outsider, "decline")).status).toBe(200);
    expect((await answer(declined.token, outsider, "accept")).status).toBe(404);
  });

  it("lets either member leave: the Blend and both stored playlists are gone", async () => {
    const seenA = await view(blendId, a);
    const seenB = await view(blendId, b);
    const response = await del(`/api/blends/${blendId}`, b, blendId);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deletedPlaylists: 2 });
    expect((await get(routes.view, `/api/blends/${blendId}`, a, { id: blendId })).status).toBe(404);
    expect(((await (await get(routes.list, "/api/blends", a)).json()) as BlendList).blends.map((blend) => blend.id)).not.toContain(blendId);
    expect(await getPlaylist({ id: a.id, isDemo: true, reconnectRequired: false }, seenA.playlist!.id)).toBeNull();
    expect(await getPlaylist({ id: b.id, isDemo: true, reconnectRequired: false }, seenB.playlist!.id)).toBeNull();
  });

  it("ends a Blend whose other member's account is gone (an idle demo visitor removed), with the stored copy", async () => {
    const invite = await newInvite(outsider);
    const gone = await (await import("@/lib/auth/testing")).signInAsDemoVisitor(origin);
    const { getStore, usersRepository } = await import("@/lib/db");
    const { storePlayBatch } = await import("@/lib/listening");
    const store = await getStore();
    for (const [visitor, prefix] of [
      [outsider, "Olga"],
      [gone, "Gus"],
    ] as const) {
      const mine = Array.from({ length: 30 }, (_, index) => plays(`${prefix} Artist ${index % 10}`, `${prefix} Song ${index}`, 2)).flat();
      await storePlayBatch(store, visitor.id, { sourceKey: `import|${prefix}/1`, plays: mine });
    }
    expect((await answer(invite.token, gone, "accept")).status).toBe(200);
    const seen = await view(invite.id, outsider);
    expect(seen.playlist).not.toBeNull();
    await usersRepository(store).removeListener(gone.id);
    const listed = (await (await get(routes.list, "/api/blends", outsider)).json()) as BlendList;
    expect(listed.blends.map((blend) => blend.id)).not.toContain(invite.id);
    expect((await get(routes.view, `/api/blends/${invite.id}`, outsider, { id: invite.id })).status).toBe(404);
    expect(await getPlaylist({ id: outsider.id, isDemo: true, reconnectRequired: false }, seen.playlist!.id)).toBeNull();
  });

  it("blends a demo visitor with a demo friend at once, and only once", async () => {
    const list = (await (await get(routes.list, "/api/blends", b)).json()) as BlendList;
    expect(list.friends.map((friend) => friend.name)).toEqual(["Mira", "Jonas", "Ada", "Tomás"]);
    const made = await post(routes.friend, "/api/blends/friends", b, { friend: "mira" });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    const seen = await view(id, b, "all");
    expect(seen.partner).toMatchObject({ name: "Mira", demoFriend: { about: expect.any(String) } });
    expect(seen.playlist?.tracks.length).toBeGreaterThan(20);
    expect(new Set(seen.playlist!.tracks.map((track) => track.who))).toContain("partner");
    const twice = await post(routes.friend, "/api/blends/friends", b, { friend: "mira" });
    expect(twice.status).toBe(409);
    expect(await problem(twice)).toMatchObject({ reason: "already_blended", blendId: id });
    expect((await post(routes.friend, "/api/blends/friends", b, { friend: "nobody" })).status).toBe(404);
    expect((await del(`/api/blends/${id}`, b, id)).status).toBe(200);
  });
});
