import { describe, expect, it } from "vitest";
import { discoverSearch, readDiscoverParams, recoApiQuery, spotifyUrlOf, toggleContext } from "./client";

describe("Discover's chips", () => {
  it("combine one per kind: Chill then Evening keeps both, Happy replaces Chill, a chosen chip clears", () => {
    const chill = toggleContext([], "chill");
    expect(chill).toEqual(["chill"]);
    const evening = toggleContext(chill, "evening");
    expect(evening).toEqual(["chill", "evening"]);
    expect(toggleContext(evening, "happy")).toEqual(["happy", "evening"]);
    expect(toggleContext(evening, "chill")).toEqual(["evening"]);
    expect(toggleContext(toggleContext(evening, "workout"), "1980s")).toEqual(["chill", "workout", "1980s", "evening"]);
    expect(toggleContext(evening, "disco-inferno")).toEqual(["chill", "evening"]);
  });

  it("live in the URL with readable commas, and read back the same", () => {
    const params = { contexts: ["chill", "evening"], novelty: 30 };
    expect(discoverSearch(params)).toBe("context=chill,evening");
    expect(readDiscoverParams(new URLSearchParams(discoverSearch(params)))).toEqual(params);
    expect(discoverSearch({ contexts: [], seed: "a b|c", novelty: 70 })).toBe("seed=a%20b%7Cc&novelty=70");
    expect(readDiscoverParams({ seed: "a b|c", novelty: "70" })).toEqual({ contexts: [], seed: "a b|c", novelty: 70 });
  });

  it("read a hand-made URL forgivingly: unknown ids go, the first of a kind stays, order is CONTEXTS'", () => {
    expect(readDiscoverParams({ context: "evening,disco,chill,happy" }).contexts).toEqual(["chill", "evening"]);
    expect(readDiscoverParams({ context: "focus" }).contexts).toEqual(["focus"]);
    expect(readDiscoverParams({}).contexts).toEqual([]);
    expect(readDiscoverParams({ novelty: "oops" }).novelty).toBe(30);
  });

  it("ask the API for every chosen context in one comma-separated parameter", () => {
    expect(recoApiQuery({ contexts: ["chill", "evening"], novelty: 50 })).toEqual({
      context: "chill,evening",
      limit: 20,
      novelty: 0.5,
    });
    // At the familiar end this month's favourites are welcome; elsewhere the server leaves out the
    // days the listener's setting says, so the query names none.
    expect(recoApiQuery({ contexts: [], seed: "k", novelty: 0 })).toEqual({ seed: "k", limit: 20, novelty: 0, recentDays: 0 });
    expect(recoApiQuery({ contexts: [], novelty: 10 }).recentDays).toBe(0);
    expect(recoApiQuery({ contexts: [], novelty: 20 })).not.toHaveProperty("recentDays");
  });
});

describe("Open in Spotify", () => {
  const pick = { trackId: "4uLU6hMCjMI75M1A2tKUQC", name: "Never Gonna Give You Up", artist: "Rick Astley" };

  it("opens a real Spotify track's page", () => {
    expect(spotifyUrlOf(pick, "spotify")).toBe("https://open.spotify.com/track/4uLU6hMCjMI75M1A2tKUQC");
  });

  it("searches for artist and title when the id is the demo catalogue's, or there is none", () => {
    const search = "https://open.spotify.com/search/Rick%20Astley%20Never%20Gonna%20Give%20You%20Up";
    expect(spotifyUrlOf(pick, "demo")).toBe(search);
    expect(spotifyUrlOf({ ...pick, trackId: null }, "spotify")).toBe(search);
    expect(spotifyUrlOf({ ...pick, trackId: "not/an-id" }, "spotify")).toBe(search);
  });
});
