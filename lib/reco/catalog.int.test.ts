/**
 * A Spotify listener's catalogue through the real Web API client against the fake Spotify: an
 * artist's tracks by search, with genre families from the public listener tags where the artist is
 * known (Spotify gives new apps none), and none where it is not.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeSpotify, type FakeSpotify } from "@/e2e/fakes/spotify/server";
import { fakeWorld } from "@/e2e/fakes/spotify/world";
import { defaultTransportSettings, spotifyScopes, WebApiSpotifyClient } from "@/lib/spotify";
import { spotifyCatalogPort } from "./catalog";

let fake: FakeSpotify;

beforeAll(async () => {
  fake = await startFakeSpotify();
  fakeWorld();
});
afterAll(() => fake.close());

function client() {
  const { access_token: token } = fake.state.issueTokens(fake.state.user.id, spotifyScopes.join(" "), false);
  return new WebApiSpotifyClient(
    { userId: `catalog-${Math.random()}`, getToken: async () => token, pausedUntil: async () => null, pauseUntil: async () => {} },
    { ...defaultTransportSettings(fake.apiUrl), baseBackoffMs: 5 },
  );
}

describe("the Spotify catalogue port", () => {
  it("gives an artist's tracks with families from public tags, and unknown families for artists the tags do not know", async () => {
    const port = spotifyCatalogPort(client());
    const radiohead = await port.artistTracks("Radiohead", null);
    expect(radiohead.length).toBeGreaterThan(0);
    expect(radiohead.every((track) => track.artist === "Radiohead")).toBe(true);
    // Radiohead's listener tags: alternative, rock, alternative rock.
    expect(radiohead[0]!.families).toEqual(["rock"]);
    const byId = await port.tracks([radiohead[0]!.trackId]);
    expect(byId.get(radiohead[0]!.trackId)?.families).toEqual(["rock"]);

    const generated = fakeWorld().catalog.artists[0]!;
    const theirs = await port.artistTracks(generated.name, null);
    expect(theirs.length).toBeGreaterThan(0);
    expect(theirs.every((track) => track.families.length === 0)).toBe(true);
  });
});
