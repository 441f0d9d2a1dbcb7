/**
 * The save algorithm against an in-memory Spotify (a SpotifyClient object, not one of our
 * modules): the calls it makes for a first save, a resumed one, a lost record, later edits and
 * Spotify's failures. The same paths run over HTTP against the fake Spotify in sync.int.test.ts.
 */
import { describe, expect, it } from "vitest";
import {
  ReconnectRequiredError,
  SpotifyRateLimitedError,
  SpotifyRequestError,
  SpotifyUnavailableError,
  type Page,
  type Playlist,
  type SpotifyClient,
  type Track,
} from "@/lib/spotify";
import { pushToSpotify, spotifyDescription, spotifyMarker, type PushedContent, type PushTarget } from "./push";
import { spotifyStateOf, STALE_PENDING_MS } from "./spotify-state";
import type { SpotifySync } from "./types";

type Call = [string, ...unknown[]];

/** An in-memory Spotify account: playlists with items, a log of calls, and scripted failures. */
function memorySpotify() {
  const playlists = new Map<string, Playlist & { uris: string[] }>();
  const calls: Call[] = [];
  const failures: Array<{ method: string; error: Error; after: number }> = [];
  let next = 0;
  const fail = (method: string) => {
    const index = failures.findIndex((failure) => failure.method === method);
    const failure = failures[index];
    if (!failure) return;
    if (failure.after > 0) failure.after -= 1;
    else {
      failures.splice(index, 1);
      throw failure.error;
    }
  };
  const find = (id: string) => {
    const playlist = playlists.get(id);
    if (!playlist) throw new SpotifyRequestError(404, "Resource not found");
    return playlist;
  };
  const page = <T>(items: T[], offset = 0, limit = 20): Page<T> => ({
    items: items.slice(offset, offset + limit),
    total: items.length,
    offset,
    limit,
    hasMore: offset + limit < items.length,
  });
  const client = {
    kind: "web",
    async myPlaylists(options: { limit?: number; offset?: number } = {}) {
      calls.push(["myPlaylists"]);
      fail("myPlaylists");
      return page(
        [...playlists.values()].reverse().map(({ uris: _uris, ...playlist }) => playlist),
        options.offset,
        options.limit,
      );
    },
    async createPlaylist(input: { name: string; description?: string }) {
      calls.push(["createPlaylist", input.name]);
      fail("createPlaylist");
      const id = `sp${++next}`;
      const playlist = {
        id,
        uri: `spotify:playlist:${id}`,
        name: input.name,
        description: input.description ?? "",
        public: false,
        ownerId: "me",
        trackCount: 0,
        imageUrl: null,
        url: `https://open.spotify.com/playlist/${id}`,
        uris: [],
      };
      playlists.set(id, playlist);
      const { uris: _uris, ...created } = playlist;
      return created;
    },
    async playlistItems(id: string, options: { limit?: number; offset?: number } = {}) {
      calls.push(["playlistItems", options.offset ?? 0]);
      fail("playlistItems");
      return page(
        find(id).uris.map((uri) => ({ uri }) as Track),
        options.offset,
        Math.min(50, options.limit ?? 50),
      );
    },
    async addToPlaylist(id: string, uris: string[]) {
      calls.push(["addToPlaylist", uris.length]);
      expect(uris.length).toBeLessThanOrEqual(100);
      fail("addToPlaylist");
      find(id).uris.push(...uris);
      return { snapshotId: "s" };
    },
    async replacePlaylistItems(id: string, uris: string[]) {
      calls.push(["replacePlaylistItems", uris.length]);
      expect(uris.length).toBeLessThanOrEqual(100);
      fail("replacePlaylistItems");
      find(id).uris = [...uris];
      return { snapshotId: "s" };
    },
    async changePlaylistDetails(id: string, details: { name?: string; description?: string }) {
      calls.push(["changePlaylistDetails", details.name]);
      fail("changePlaylistDetails");
      Object.assign(find(id), details);
    },
  };
  return {
    client: client as unknown as SpotifyClient,
    playlists,
    calls,
    failOn: (method: string, error: Error, after = 0) => failures.push({ method, error, after }),
    names: () => calls.map((call) => call[0]),
  };
}

const uris = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `spotify:track:t${from + index}`);
const target = (overrides: Partial<PushTarget> = {}): PushTarget => ({
  id: "pl_ours_123",
  version: 1,
  name: "Rainy evening",
  description: "Trip-hop",
  uris: uris(150),
  ...overrides,
});

/** Runs one push the way sync.ts does, keeping every recorded state. */
async function push(
  spotify: ReturnType<typeof memorySpotify>,
  options: {
    target?: PushTarget;
    previous?: SpotifySync | null;
    pushed?: PushedContent | null;
    record?: (sync: SpotifySync) => Promise<void>;
  } = {},
) {
  const recorded: SpotifySync[] = [];
  const outcome = await pushToSpotify({
    client: spotify.client,
    target: options.target ?? target(),
    previous: options.previous ?? null,
    pushed: options.pushed ?? null,
    record: options.record ?? (async (sync) => void recorded.push(sync)),
    readAt: new Date(),
  });
  return { outcome, recorded };
}

describe("pushToSpotify", () => {
  it("first save of 150 tracks: one playlist, exactly 2 add-items calls (100 + 50), no replace; the id is recorded at once", async () => {
    const spotify = memorySpotify();
    const { outcome, recorded } = await push(spotify);
    expect(spotify.calls).toEqual([
      ["createPlaylist", "Rainy evening"],
      ["addToPlaylist", 100],
      ["addToPlaylist", 50],
    ]);
    expect(recorded.map((sync) => [sync.status, sync.playlistId])).toEqual([
      ["pending", null],
      ["pending", "sp1"],
      ["synced", "sp1"],
    ]);
    expect(outcome).toMatchObject({ tracksOnSpotify: 150, trackCount: 150 });
    expect(outcome.spotify).toMatchObject({
      status: "synced",
      syncedVersion: 1,
      targetVersion: 1,
      error: null,
      url: "https://open.spotify.com/playlist/sp1",
    });
    const saved = spotify.playlists.get("sp1")!;
    expect(saved.uris).toEqual(uris(150));
    expect(saved.description).toBe(`Trip-hop · Made with ${spotifyMarker("pl_ours_123")}`);
  });

  it("a 500 on the second batch fails with counts; the retry reads Spotify back and adds only the other 50", async () => {
    const spotify = memorySpotify();
    spotify.failOn("addToPlaylist", new SpotifyUnavailableError("HTTP 500"), 1);
    const first = await push(spotify);
    expect(first.outcome.spotify).toMatchObject({ status: "failed", playlistId: "sp1", syncedVersion: null });
    expect(first.outcome.spotify.error).toContain("100 of 150 tracks are on Spotify so far");
    expect(first.outcome.spotify.error).toContain("Retry");
    expect(first.outcome.tracksOnSpotify).toBe(100);

    spotify.calls.length = 0;
    const retry = await push(spotify, { previous: first.outcome.spotify });
    expect(spotify.calls).toEqual([
      ["playlistItems", 0],
      ["playlistItems", 50],
      ["changePlaylistDetails", "Rainy evening"],
      ["addToPlaylist", 50],
    ]);
    expect(retry.outcome.spotify).toMatchObject({ status: "synced", playlistId: "sp1", syncedVersion: 1 });
    expect(spotify.playlists.size).toBe(1);
    expect(spotify.playlists.get("sp1")!.uris).toEqual(uris(150));
  });

  it("a 500 after Spotify applied the batch anyway: the retry sees all 150 and adds nothing", async () => {
    const spotify = memorySpotify();
    const add = spotify.client.addToPlaylist.bind(spotify.client);
    let adds = 0;
    spotify.client.addToPlaylist = async (id, batch) => {
      const result = await add(id, batch);
      // Spotify added the second batch, but its answer was lost.
      if (++adds === 2) throw new SpotifyUnavailableError("HTTP 502");
      return result;
    };
    const first = await push(spotify);
    spotify.client.addToPlaylist = add;
    expect(first.outcome.spotify.status).toBe("failed");
    spotify.calls.length = 0;
    await push(spotify, { previous: first.outcome.spotify });
    expect(spotify.names().filter((name) => name === "addToPlaylist" || name === "replacePlaylistItems")).toEqual([]);
    expect(spotify.playlists.get("sp1")!.uris).toEqual(uris(150));
  });

  it("a lost record of the created playlist: the retry finds it by its marker and never creates a second", async () => {
    const spotify = memorySpotify();
    let writes = 0;
    const first = await push(spotify, {
      record: async () => {
        writes += 1;
        if (writes === 2) throw new Error("store down");
      },
    }).catch((error: unknown) => error);
    expect(first).toBeInstanceOf(Error);
    expect(spotify.playlists.size).toBe(1);
    const previous: SpotifySync = {
      playlistId: null,
      url: null,
      targetVersion: 1,
      syncedVersion: null,
      status: "pending",
      error: null,
      updatedAt: new Date(),
    };
    spotify.calls.length = 0;
    const retry = await push(spotify, { previous });
    expect(spotify.names()).not.toContain("createPlaylist");
    expect(retry.outcome.spotify).toMatchObject({ status: "synced", playlistId: "sp1" });
    expect(spotify.playlists.get("sp1")!.uris).toEqual(uris(150));
  });

  it("items that are not a prefix of the target (edited on Spotify) are replaced: PUT 100, then POST the rest", async () => {
    const spotify = memorySpotify();
    spotify.failOn("addToPlaylist", new SpotifyUnavailableError("HTTP 500"), 1);
    const first = await push(spotify);
    spotify.playlists.get("sp1")!.uris.reverse();
    spotify.calls.length = 0;
    await push(spotify, { previous: first.outcome.spotify });
    expect(spotify.calls.slice(-2)).toEqual([
      ["replacePlaylistItems", 100],
      ["addToPlaylist", 50],
    ]);
    expect(spotify.playlists.get("sp1")!.uris).toEqual(uris(150));
  });

  it("a later edit syncs to the same playlist: details when they changed, items replaced; unchanged items are left alone", async () => {
    const spotify = memorySpotify();
    const first = await push(spotify);
    const pushed = { name: "Rainy evening", description: "Trip-hop", uris: uris(150) };

    spotify.calls.length = 0;
    const edited = target({ version: 3, name: "Rainy night", uris: uris(120, 10) });
    const second = await push(spotify, { target: edited, previous: first.outcome.spotify, pushed });
    expect(spotify.calls).toEqual([
      ["playlistItems", 0],
      ["changePlaylistDetails", "Rainy night"],
      ["replacePlaylistItems", 100],
      ["addToPlaylist", 20],
    ]);
    expect(second.outcome.spotify).toMatchObject({ status: "synced", playlistId: "sp1", syncedVersion: 3 });
    expect(spotify.playlists.get("sp1")).toMatchObject({ name: "Rainy night", uris: uris(120, 10) });

    spotify.calls.length = 0;
    const renamedOnly = target({ version: 4, name: "Late rain", uris: uris(120, 10) });
    await push(spotify, {
      target: renamedOnly,
      previous: second.outcome.spotify,
      pushed: { ...pushed, name: "Rainy night", uris: uris(120, 10) },
    });
    expect(spotify.calls).toEqual([
      ["playlistItems", 0],
      ["changePlaylistDetails", "Late rain"],
    ]);
    expect(spotify.playlists.size).toBe(1);
  });

  it("a playlist deleted on Spotify since is created again, with every track", async () => {
    const spotify = memorySpotify();
    const first = await push(spotify, { target: target({ uris: uris(3) }) });
    spotify.playlists.clear();
    const again = await push(spotify, { target: target({ version: 2, uris: uris(4) }), previous: first.outcome.spotify });
    expect(again.outcome.spotify).toMatchObject({ status: "synced", playlistId: "sp2", syncedVersion: 2 });
    expect(spotify.playlists.get("sp2")!.uris).toEqual(uris(4));
  });

  it("Spotify's refusals end as a failed state that says what to do; our own bugs are recorded and rethrown", async () => {
    const cases: Array<[Error, RegExp]> = [
      [new SpotifyRequestError(403, "Insufficient client scope"), /sign in with Spotify again/],
      [new ReconnectRequiredError(), /reconnect Spotify in Settings/],
      [new SpotifyRequestError(401, "The access token expired"), /reconnect Spotify in Settings/],
      [new SpotifyRateLimitedError(new Date(Date.now() + 3_600_000), true), /asked EchoTune to wait until \d\d:\d\d UTC/],
      [new SpotifyUnavailableError("HTTP 503"), /did not answer/],
    ];
    for (const [error, message] of cases) {
      const spotify = memorySpotify();
      spotify.failOn("createPlaylist", error);
      const { outcome } = await push(spotify);
      expect(outcome.spotify.status).toBe("failed");
      expect(outcome.spotify.error).toMatch(message);
      expect(outcome.tracksOnSpotify).toBe(0);
    }
    const spotify = memorySpotify();
    spotify.failOn("addToPlaylist", new TypeError("bug"));
    const recorded: SpotifySync[] = [];
    await expect(push(spotify, { record: async (sync) => void recorded.push(sync) })).rejects.toBeInstanceOf(TypeError);
    expect(recorded.at(-1)).toMatchObject({ status: "failed", playlistId: "sp1" });
  });
});

describe("spotifyDescription", () => {
  it("ends with the marker and stays within Spotify's 300 characters", () => {
    expect(spotifyDescription("", "abc")).toBe("Made with EchoTune #abc");
    const long = spotifyDescription("x".repeat(300), "abcdefghijklmnop");
    expect(long.length).toBeLessThanOrEqual(300);
    expect(long.endsWith("… · Made with EchoTune #abcdefghijklmnop")).toBe(true);
  });
});

describe("spotifyStateOf", () => {
  const at = (ms: number) => new Date(1_000_000 + ms);
  const sync = (overrides: Partial<SpotifySync>): SpotifySync => ({
    playlistId: "sp1",
    url: null,
    targetVersion: 2,
    syncedVersion: 2,
    status: "synced",
    error: null,
    updatedAt: at(100),
    ...overrides,
  });
  it("tells unsaved, saving, stale saving, failed, synced and changed apart", () => {
    expect(spotifyStateOf({ version: 1, updatedAt: at(0), spotify: null })).toBe("unsaved");
    expect(spotifyStateOf({ version: 2, updatedAt: at(0), spotify: sync({ status: "pending" }) }, at(200).getTime())).toBe("saving");
    expect(
      spotifyStateOf({ version: 2, updatedAt: at(0), spotify: sync({ status: "pending" }) }, at(100 + STALE_PENDING_MS + 1).getTime()),
    ).toBe("failed");
    expect(spotifyStateOf({ version: 2, updatedAt: at(0), spotify: sync({ status: "failed" }) })).toBe("failed");
    expect(spotifyStateOf({ version: 2, updatedAt: at(50), spotify: sync({}) })).toBe("synced");
    expect(spotifyStateOf({ version: 3, updatedAt: at(50), spotify: sync({}) })).toBe("changed");
    // Undo then edit: the same version number, written after the push read it.
    expect(
      spotifyStateOf({ version: 2, updatedAt: at(150).toISOString(), spotify: { ...sync({}), updatedAt: at(100).toISOString() } }),
    ).toBe("changed");
  });
});
