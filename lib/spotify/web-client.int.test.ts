import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryCache } from "@/lib/cache";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { fakeWorld } from "@/e2e/fakes/spotify/world";
import { SpotifyRateLimitedError, SpotifyRequestError, SpotifyUnavailableError } from "./errors";
import { defaultTransportSettings, resetSpotifyBreakers, type SpotifyAccount } from "./http";
import { spotifyScopes } from "./scopes";
import { WebApiSpotifyClient } from "./web-client";

let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify();
  fakeWorld(); // the catalog and history, built once before the first timed request
});
afterAll(() => fake.close());

beforeEach(() => {
  fake.state.reset();
  resetSpotifyBreakers();
});

/** A listener's account as the app keeps it: a token from the fake, a pause it can record. */
function account(): SpotifyAccount {
  const { access_token: token } = fake.state.issueTokens(fake.state.user.id, spotifyScopes.join(" "), false);
  let pausedUntil: Date | null = null;
  return {
    userId: `listener-${Math.random()}`,
    getToken: async () => token,
    pausedUntil: async () => pausedUntil,
    pauseUntil: async (until) => {
      pausedUntil = until;
    },
  };
}

const settings = () => ({ ...defaultTransportSettings(fake.apiUrl), baseBackoffMs: 5 });
const client = (cache?: MemoryCache) => new WebApiSpotifyClient(account(), settings(), cache);
const apiCalls = (method?: string, path?: string) =>
  fake.state.log.filter((entry) => entry.path.startsWith("/v1/") && (!method || entry.method === method) && (!path || entry.path === path));
const admin = async (path: string, body: unknown) => {
  const response = await fetch(`${fake.url}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(response.status, path).toBe(200);
  return response.json() as Promise<Record<string, unknown>>;
};

/** Catalog tracks the listener has not saved, for writes that must all be new. */
function unsavedTrackUris(count: number): string[] {
  const saved = fake.state.library.saved;
  return fakeWorld()
    .catalog.tracks.map((track) => `spotify:track:${track.id}`)
    .filter((uri) => !saved.has(uri))
    .slice(0, count);
}

const DEVICE = "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e";
const imageOf = (kind: string) => new RegExp(`^http://127\\.0\\.0\\.1:\\d+/image/${kind}/[0-9A-Za-z]{22}\\.svg$`);

describe("WebApiSpotifyClient against the fake Web API", () => {
  it("me: the listener's profile", async () => {
    expect(await client().me()).toEqual({
      id: "nova-listener",
      displayName: "Nova Listener",
      email: "nova@example.test",
      imageUrl: null,
      country: "SE",
      product: "premium",
    });
  });

  it("topTracks and topArtists: named tracks with album art, artists with genres and pictures, paged", async () => {
    const spotify = client();
    const tracks = await spotify.topTracks("short_term");
    expect(tracks).toMatchObject({ offset: 0, limit: 20, hasMore: true });
    expect(tracks.items).toHaveLength(20);
    expect(tracks.total).toBeGreaterThan(20);
    for (const track of tracks.items) {
      expect(track.name).not.toBe("");
      expect(track.uri).toBe(`spotify:track:${track.id}`);
      expect(track.artists[0]?.name).toEqual(expect.any(String));
      expect(track.album?.imageUrl).toMatch(imageOf("album"));
      expect(track.album?.releaseDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(track.durationMs).toBeGreaterThan(0);
    }
    const next = await spotify.topTracks("short_term", { limit: 5, offset: 20 });
    expect(next.items.map((track) => track.id)).not.toContain(tracks.items[0]?.id);
    expect(next).toMatchObject({ offset: 20, limit: 5 });

    // A year of listening spreads wider than four weeks.
    const longTerm = await spotify.topTracks("long_term", { limit: 50 });
    expect(longTerm.items).toHaveLength(50);
    expect(longTerm.total).toBeGreaterThan(tracks.total);

    const artists = await spotify.topArtists("medium_term", { limit: 10 });
    expect(artists.items).toHaveLength(10);
    for (const artist of artists.items) {
      expect(artist.name).not.toBe("");
      expect(artist.genres.length).toBeGreaterThan(0);
      expect(artist.imageUrl).toMatch(imageOf("artist"));
    }
    expect(apiCalls("GET", "/v1/me/top/tracks").map((entry) => entry.query)).toContainEqual({
      time_range: "short_term",
      limit: "5",
      offset: "20",
    });
  });

  it("recentlyPlayed: newest first; the after cursor, passed back, returns only the plays added since", async () => {
    const spotify = client();
    const first = await spotify.recentlyPlayed();
    expect(first.items).toHaveLength(50);
    const times = first.items.map((item) => item.playedAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.after).toBe(times[0]);
    expect(first.items[0]?.track.album?.imageUrl).toMatch(imageOf("album"));

    const nothingYet = await spotify.recentlyPlayed({ after: first.after ?? 0 });
    expect(nothingYet).toEqual({ items: [], after: null });

    const catalog = fakeWorld().catalog.tracks;
    const heard = [catalog[10], catalog[20]].map((track) => fake.state.recordPlay({ trackId: track?.id }));
    // Too short to count as a listen: never listed.
    fake.state.recordPlay({ trackId: catalog[30]?.id, msPlayed: 12_000 });
    const viaAdmin = (await admin("/__admin/plays", { plays: [{ uri: `spotify:track:${catalog[40]?.id}` }] })) as {
      plays: Array<{ trackId: string; playedAtMs: number }>;
    };

    const newer = await spotify.recentlyPlayed({ after: first.after ?? 0 });
    expect(newer.items.map((item) => item.track.id)).toEqual([catalog[40]?.id, catalog[20]?.id, catalog[10]?.id]);
    expect(newer.items.map((item) => item.playedAt.getTime())).toEqual([
      viaAdmin.plays[0]?.playedAtMs,
      heard[1]?.playedAt,
      heard[0]?.playedAt,
    ]);
    expect(newer.after).toBe(viaAdmin.plays[0]?.playedAtMs);
    expect(apiCalls("GET", "/v1/me/player/recently-played").at(-1)?.query).toEqual({ limit: "50", after: String(first.after) });

    expect((await spotify.recentlyPlayed({ after: newer.after ?? 0 })).items).toEqual([]);
    expect((await spotify.recentlyPlayed({ limit: 2 })).items.map((item) => item.track.id)).toEqual([catalog[40]?.id, catalog[20]?.id]);
  });

  it("savedTracks, saveToLibrary (90 URIs: three PUTs of at most 40) and removeFromLibrary", async () => {
    const spotify = client();
    const before = await spotify.savedTracks({ limit: 50 });
    expect(before.items).toHaveLength(50);
    expect(before.items[0]?.addedAt).toBeInstanceOf(Date);
    expect(before.items[0]?.track.name).not.toBe("");
    const added = before.items.map((item) => item.addedAt.getTime());
    expect([...added].sort((a, b) => b - a)).toEqual(added);

    const uris = unsavedTrackUris(90);
    await spotify.saveToLibrary(uris);
    const puts = apiCalls("PUT", "/v1/me/library");
    expect(puts.map((entry) => entry.query.uris?.split(",").length)).toEqual([40, 40, 10]);
    expect(puts.flatMap((entry) => entry.query.uris?.split(",") ?? [])).toEqual(uris);
    expect(puts.every((entry) => entry.status === 200)).toBe(true);

    const after = await spotify.savedTracks({ limit: 50 });
    expect(after.total).toBe(before.total + 90);
    expect(after.items.every((item) => uris.includes(item.track.uri))).toBe(true);

    await spotify.removeFromLibrary(uris);
    expect(apiCalls("DELETE", "/v1/me/library").map((entry) => entry.query.uris?.split(",").length)).toEqual([40, 40, 10]);
    expect((await spotify.savedTracks()).total).toBe(before.total);
  });

  it("search: finds a catalog track by title and artist; at most 10 per type whatever the caller asks", async () => {
    const spotify = client();
    const { catalog } = fakeWorld();
    const track = catalog.tracks[123];
    const artist = catalog.artistsById.get(track?.artistIds[0] ?? "");
    const found = await spotify.search(`track:"${track?.name}" artist:"${artist?.name}"`);
    expect(found.tracks.map((candidate) => candidate.id)).toContain(track?.id);
    expect(found.tracks[0]).toMatchObject({ name: track?.name, artists: expect.arrayContaining([{ id: artist?.id, name: artist?.name }]) });
    expect(apiCalls("GET", "/v1/search").at(-1)?.query.limit).toBe("5");

    const wide = await spotify.search("a", { types: ["track", "artist", "album"], limit: 25 });
    expect(apiCalls("GET", "/v1/search").at(-1)?.query).toMatchObject({ limit: "10", type: "track,artist,album" });
    expect(wide.tracks).toHaveLength(10);
    expect(wide.artists).toHaveLength(10);
    expect(wide.albums).toHaveLength(10);
    expect(wide.albums[0]?.imageUrl).toMatch(imageOf("album"));
    expect(wide.artists[0]?.genres.length).toBeGreaterThan(0);
  });

  it("track, artist, artistAlbums, albumTracks: real values; an unknown or malformed id is null", async () => {
    const spotify = client();
    const { catalog, appearsOn } = fakeWorld();
    const demo = catalog.tracks[500];
    const track = await spotify.track(demo?.id ?? "");
    expect(track).toMatchObject({ id: demo?.id, name: demo?.name, durationMs: demo?.durationMs, trackNumber: demo?.trackNumber });
    expect(track?.album?.id).toBe(demo?.albumId);
    expect(track?.album?.imageUrl).toMatch(imageOf("album"));

    const artistId = [...appearsOn.keys()][0] ?? "";
    const artist = await spotify.artist(artistId);
    expect(artist).toMatchObject({ id: artistId, name: catalog.artistsById.get(artistId)?.name, uri: `spotify:artist:${artistId}` });
    expect(artist?.genres).toEqual(catalog.artistsById.get(artistId)?.genres);

    const albums = await spotify.artistAlbums(artistId);
    expect(apiCalls("GET", `/v1/artists/${artistId}/albums`).at(-1)?.query).toEqual({
      include_groups: "album,single",
      limit: "10",
      offset: "0",
    });
    expect(albums.items.length).toBeGreaterThan(0);
    for (const album of albums.items) {
      expect(["album", "single"]).toContain(album.albumType);
      expect(album.artists.map((one) => one.id)).toContain(artistId);
      expect(album.imageUrl).toMatch(imageOf("album"));
    }

    const albumId = demo?.albumId ?? "";
    const tracks = await spotify.albumTracks(albumId);
    expect(tracks.items.map((one) => one.id)).toEqual(catalog.tracksByAlbum.get(albumId)?.map((one) => one.id));
    expect(tracks.items.every((one) => one.album?.id === albumId && one.name !== "")).toBe(true);

    expect(await spotify.track("0000000000000000000000")).toBeNull();
    expect(await spotify.track("not-a-spotify-id")).toBeNull();
    expect(await spotify.artist("0000000000000000000000")).toBeNull();
  });

  it("a 429 or a 500 on a track lookup throws, never reads as missing, and is not cached", async () => {
    const cache = new MemoryCache();
    const id = fakeWorld().catalog.tracks[7]?.id ?? "";
    fake.state.faults.push({ path: `/v1/tracks/${id}`, status: 429, times: 1, retryAfter: 7_200 });
    await expect(client(cache).track(id)).rejects.toBeInstanceOf(SpotifyRateLimitedError);
    fake.state.faults.push({ path: `/v1/tracks/${id}`, status: 500, times: 3 });
    await expect(client(cache).track(id)).rejects.toBeInstanceOf(SpotifyUnavailableError);
    expect(await cache.get(`spotify:track:${id}`)).toBeUndefined();
    expect((await client(cache).track(id))?.id).toBe(id);
  });

  it("catalogue lookups are shared: a second client on the same cache makes no request", async () => {
    const cache = new MemoryCache();
    const { catalog } = fakeWorld();
    const demo = catalog.tracks[42];
    const lookups = (spotify: WebApiSpotifyClient) =>
      Promise.all([
        spotify.track(demo?.id ?? ""),
        spotify.artist(demo?.artistIds[0] ?? ""),
        spotify.artistAlbums(demo?.artistIds[0] ?? ""),
        spotify.albumTracks(demo?.albumId ?? ""),
        spotify.search(demo?.name ?? ""),
      ]);
    const first = await lookups(client(cache));
    const calls = apiCalls().length;
    expect(calls).toBe(5);
    const second = await lookups(client(cache));
    expect(apiCalls()).toHaveLength(calls);
    expect(second).toEqual(first);
    // A client without the shared cache asks again.
    await lookups(client());
    expect(apiCalls()).toHaveLength(calls + 5);
  });

  it("playlists: createPlaylist then addToPlaylist with 250 URIs (three POSTs), playlistItems lists all 250 in order", async () => {
    const spotify = client();
    const before = await spotify.myPlaylists();
    expect(before.items.length).toBe(4);
    expect(before.items[0]).toMatchObject({ ownerId: "nova-listener", trackCount: expect.any(Number) });

    const playlist = await spotify.createPlaylist({ name: "EchoTune: Rainy Sunday", description: "Made by EchoTune" });
    expect(playlist).toMatchObject({
      name: "EchoTune: Rainy Sunday",
      description: "Made by EchoTune",
      public: false,
      ownerId: "nova-listener",
      trackCount: 0,
    });
    expect(playlist.id).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(playlist.url).toBe(`https://open.spotify.com/playlist/${playlist.id}`);

    const uris = fakeWorld()
      .catalog.tracks.slice(1_000, 1_250)
      .map((track) => `spotify:track:${track.id}`);
    const { snapshotId } = await spotify.addToPlaylist(playlist.id, uris);
    expect(snapshotId).not.toBe("");
    const posts = apiCalls("POST", `/v1/playlists/${playlist.id}/items`);
    expect(posts).toHaveLength(3);
    expect(posts.every((entry) => entry.status === 201)).toBe(true);

    const listed: string[] = [];
    for (let offset = 0; ; offset += 50) {
      const page = await spotify.playlistItems(playlist.id, { offset });
      expect(page.total).toBe(250);
      listed.push(...page.items.map((track) => track.uri));
      if (!page.hasMore) break;
    }
    expect(listed).toEqual(uris);

    const after = await spotify.myPlaylists();
    expect(after.items[0]).toMatchObject({ id: playlist.id, trackCount: 250, imageUrl: expect.stringMatching(imageOf("album")) });
  });

  it("replacePlaylistItems (one PUT, at most 100) and changePlaylistDetails rewrite the same playlist", async () => {
    const spotify = client();
    const playlist = await spotify.createPlaylist({ name: "Draft" });
    const uris = unsavedTrackUris(120);
    await spotify.addToPlaylist(playlist.id, uris.slice(0, 30));
    await spotify.replacePlaylistItems(playlist.id, uris.slice(30, 130));
    expect(apiCalls("PUT", `/v1/playlists/${playlist.id}/items`)).toHaveLength(1);
    const page = await spotify.playlistItems(playlist.id, { limit: 50, offset: 50 });
    expect(page.total).toBe(90);
    expect(page.items.map((track) => track.uri)).toEqual(uris.slice(80, 120));
    await expect(spotify.replacePlaylistItems(playlist.id, uris.concat(uris))).rejects.toBeInstanceOf(RangeError);
    await spotify.changePlaylistDetails(playlist.id, { name: "Final", description: "Kept" });
    expect((await spotify.myPlaylists()).items[0]).toMatchObject({ id: playlist.id, name: "Final", description: "Kept", trackCount: 90 });
  });

  it("addToPlaylist is not retried after a 500 (Spotify may have added the tracks); a replace is", async () => {
    const spotify = client();
    const playlist = await spotify.createPlaylist({ name: "Once" });
    const uris = unsavedTrackUris(3);
    await admin("/__admin/fault", { path: `/v1/playlists/${playlist.id}/items`, method: "POST", status: 500, times: 1 });
    await expect(spotify.addToPlaylist(playlist.id, uris)).rejects.toBeInstanceOf(SpotifyUnavailableError);
    expect(apiCalls("POST", `/v1/playlists/${playlist.id}/items`)).toHaveLength(1);
    await admin("/__admin/fault", { path: `/v1/playlists/${playlist.id}/items`, method: "PUT", status: 500, times: 1 });
    await spotify.replacePlaylistItems(playlist.id, uris);
    expect(apiCalls("PUT", `/v1/playlists/${playlist.id}/items`).map((entry) => entry.status)).toEqual([500, 200]);
  });

  it("playlistItems of a followed playlist the listener neither owns nor collaborates on is a 403", async () => {
    const spotify = client();
    const { items } = await spotify.myPlaylists();
    const followed = items.find((playlist) => playlist.ownerId !== "nova-listener" && playlist.name === "Mira's Finds");
    const error = await spotify.playlistItems(followed?.id ?? "").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRequestError);
    expect(error).toMatchObject({ status: 403 });
  });

  it("the player: no playback without a device, then play, queue, next, pause on a chosen device", async () => {
    const spotify = client();
    expect(await spotify.playback()).toBeNull();
    const devices = await spotify.devices();
    expect(devices.map((device) => device.isActive)).toEqual([false, false]);
    expect(devices[0]).toMatchObject({ id: DEVICE, name: "Nova's MacBook", type: "Computer", volumePercent: 64, isRestricted: false });

    const [first, second] = fakeWorld().catalog.tracks.slice(300, 302);
    await spotify.play({ uris: [`spotify:track:${first?.id}`], deviceId: DEVICE });
    const playing = await spotify.playback();
    expect(playing).toMatchObject({
      isPlaying: true,
      shuffle: false,
      repeat: "off",
      device: { id: DEVICE, isActive: true },
      track: { id: first?.id },
    });
    expect(playing?.progressMs).toEqual(expect.any(Number));

    await spotify.queue(`spotify:track:${second?.id}`);
    await spotify.next();
    expect((await spotify.playback())?.track?.id).toBe(second?.id);
    await spotify.pause();
    expect(await spotify.playback()).toMatchObject({ isPlaying: false, track: { id: second?.id } });
    await spotify.play({});
    expect((await spotify.playback())?.isPlaying).toBe(true);
    await spotify.play({ contextUri: `spotify:album:${first?.albumId}` });
    expect((await spotify.playback())?.track?.album?.id).toBe(first?.albumId);
  });

  it("player commands without an active device reject with NO_ACTIVE_DEVICE", async () => {
    const spotify = client();
    const uri = `spotify:track:${fakeWorld().catalog.tracks[0]?.id}`;
    for (const command of [() => spotify.play({ uris: [uri] }), () => spotify.pause(), () => spotify.next(), () => spotify.queue(uri)]) {
      const error = await command().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SpotifyRequestError);
      expect(error).toMatchObject({ status: 404, reason: "NO_ACTIVE_DEVICE", message: "Player command failed: No active device found" });
    }
  });

  it("a free-tier listener gets PREMIUM_REQUIRED, even with an active device", async () => {
    await admin("/__admin/devices", { product: "free", activeDeviceId: DEVICE });
    const spotify = client();
    expect((await spotify.me()).product).toBe("free");
    expect((await spotify.devices()).find((device) => device.id === DEVICE)?.isActive).toBe(true);
    const error = await spotify
      .play({ uris: [`spotify:track:${fakeWorld().catalog.tracks[0]?.id}`], deviceId: DEVICE })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SpotifyRequestError);
    expect(error).toMatchObject({ status: 403, reason: "PREMIUM_REQUIRED", message: "Player command failed: Premium required" });
    await expect(spotify.queue(`spotify:track:${fakeWorld().catalog.tracks[0]?.id}`)).rejects.toMatchObject({ reason: "PREMIUM_REQUIRED" });
  });
});
