import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { MemoryCache } from "@/lib/cache";
import { EmbeddedStore } from "@/lib/db";
import { ensureIndexes } from "@/lib/db";
import { getDemoCatalog } from "@/lib/demo";
import { defaultTransportSettings, resetSpotifyBreakers, type SpotifyAccount } from "@/lib/spotify";
import { WebApiSpotifyClient } from "@/lib/spotify";
import { storeRows } from "./import";
import { matchConfidence, resolveAccountPlays } from "./resolve";
import { accountRow as baseAccountRow } from "./testing/rows";

const accountRow = (minute: string, trackName: string, artistName: string) => baseAccountRow(minute, trackName, artistName, 180_000);

let fake: FakeSpotify;
let store: EmbeddedStore;
let dir: string;

beforeAll(async () => {
  fake = await startFakeSpotify();
  dir = mkdtempSync(join(tmpdir(), "echotune-resolve-"));
  store = new EmbeddedStore(dir);
  await ensureIndexes(store);
});

afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  await fake.close();
});

function client(): WebApiSpotifyClient {
  const tokens = fake.state.issueTokens(fake.state.user.id, "user-read-private", true);
  const account: SpotifyAccount = {
    userId: `resolver-${Math.random()}`,
    getToken: async () => tokens.access_token,
    pausedUntil: async () => null,
    pauseUntil: async () => undefined,
  };
  return new WebApiSpotifyClient(account, { ...defaultTransportSettings(fake.apiUrl), baseBackoffMs: 10 }, new MemoryCache());
}

describe("resolving account-data plays to Spotify tracks", () => {
  it("scores matches by title and artist, suffixes aside", () => {
    const track = {
      id: "x",
      uri: "",
      name: "Halcyon - Remastered 2011",
      durationMs: 1,
      explicit: false,
      trackNumber: 1,
      previewUrl: null,
      album: null,
      artists: [{ id: "a", name: "Orbital" }],
    };
    expect(matchConfidence("Halcyon", "Orbital", track)).toBe(1);
    expect(matchConfidence("Halcyon", "Someone Else", track)).toBe(0);
    expect(matchConfidence("Halcyon On and On", "Orbital", track)).toBeLessThan(0.85);
  });

  it("resolves names the catalogue knows, leaves the rest unresolved, and pauses on a 429 without marking anything missing", async () => {
    const catalog = getDemoCatalog(1);
    const [first, second] = catalog.tracks;
    const artistOf = (trackArtistIds: string[]) => catalog.artistsById.get(trackArtistIds[0] ?? "")?.name ?? "";
    const user = "resolve-listener";
    await storeRows(store, user, "imp", "c0", [
      accountRow("2025-01-01T10:00", first!.name, artistOf(first!.artistIds)),
      accountRow("2025-01-02T10:00", first!.name, artistOf(first!.artistIds)),
      accountRow("2025-01-03T10:00", "A Song Nobody Wrote", "The Invented Band"),
      accountRow("2025-01-04T10:00", second!.name, artistOf(second!.artistIds)),
    ]);

    // Spotify is rate limiting: nothing is resolved and nothing is written off.
    fake.state.faults.push({ path: "/v1/search", status: 429, retryAfter: 7_200, times: 1 });
    const paused = await resolveAccountPlays(user, client(), { store });
    expect(paused.pausedUntil).not.toBeNull();
    expect(paused).toMatchObject({ resolved: 0, unresolved: 0, playsUpdated: 0 });
    expect(await store.collection("resolutions").countDocuments()).toBe(0);

    resetSpotifyBreakers();
    const result = await resolveAccountPlays(user, client(), { store });
    expect(result).toMatchObject({ looked: 3, resolved: 2, unresolved: 1, playsUpdated: 3, pausedUntil: null });
    const plays = await store
      .collection<{ _id: string; trackName: string; trackId: string | null }>("plays")
      .find({ userId: user }, { sort: { playedAt: 1 } });
    expect(plays.map((play) => play.trackId)).toEqual([first!.id, first!.id, null, second!.id]);
    expect(await store.collection("resolutions").findOne({ status: "unresolved" })).toMatchObject({ trackId: null });

    // Resolutions are shared: a second run asks Spotify nothing new.
    const searches = fake.state.log.filter((entry) => entry.path === "/v1/search").length;
    await resolveAccountPlays(user, client(), { store });
    expect(fake.state.log.filter((entry) => entry.path === "/v1/search").length).toBe(searches);
  });
});
