import { describe, expect, it } from "vitest";
import { IndexBuilder } from "@/lib/listening";
import { contextById, contextMatch, contextsMatch, parseContexts } from "./context";
import { NO_FEEDBACK, recommend, spacedByArtist, type CatalogPort, type CatalogTrack, type Feedback } from "./engine";
import { followers, trackProfile } from "./profile";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 5, 1);

/** A listener: heavy on "Old Love" in 2021 (then never), a nightly pair "A" then "B", and some recent favourites. */
function history() {
  const builder = new IndexBuilder("u", 1);
  const play = (at: number, artist: string, name: string, ms = 200_000) =>
    builder.add({
      playedAt: at,
      msPlayed: ms,
      trackKey: `spotify:track:${name.replace(/\W/g, "").padEnd(22, "x").slice(0, 22)}`,
      trackId: name.replace(/\W/g, "").padEnd(22, "x").slice(0, 22),
      trackName: name,
      artistName: artist,
      albumName: `${artist} LP`,
      platform: "android",
      flags: 0,
    });
  for (let day = 0; day < 40; day++) play(Date.UTC(2021, 2, 1) + day * DAY, "The Olds", "Old Love");
  for (let day = 0; day < 20; day++) {
    const at = NOW - (200 - day) * DAY;
    play(at, "Pair", "First Half");
    play(at + 210_000, "Pair Two", "Second Half");
  }
  for (let day = 0; day < 30; day++) play(NOW - (day + 1) * DAY, "Now Band", `Hit ${day % 3}`);
  for (let day = 0; day < 12; day++) play(NOW - (day + 2) * DAY + 3_600_000, "Now Band", "First Half");
  return builder.build();
}

const track = (artist: string, name: string, extra: Partial<CatalogTrack> = {}): CatalogTrack => ({
  trackId: name.replace(/\W/g, "").padEnd(22, "y").slice(0, 22),
  name,
  artist,
  album: null,
  imageUrl: null,
  releaseYear: 2015,
  durationMs: 200_000,
  explicit: false,
  families: ["rock"],
  popularity: 50,
  previewUrl: null,
  ...extra,
});

const catalog: CatalogPort = {
  async tracks() {
    return new Map();
  },
  async artistTracks(artistName) {
    if (artistName === "Now Band")
      return [
        track("Now Band", "Hit 0"),
        track("Now Band", "Deep Cut", { releaseYear: 1984 }),
        track("Now Band", "B-Side", { explicit: true }),
      ];
    if (artistName === "Stranger") return [track("Stranger", "Hello", { releaseYear: 1986 })];
    return [];
  },
};

const feedback = (overrides: Partial<Feedback>): Feedback => ({ ...NO_FEEDBACK, ...overrides });

describe("recommend", () => {
  const index = history();
  const profile = trackProfile(index, { now: NOW, timeZone: "UTC", listenThresholdMs: 30_000 });
  const base = { limit: 20, novelty: 0.5, recentDays: 30, allowExplicit: true };

  it("finds forgotten favourites, session neighbours and unheard tracks of favourites, each with its evidence", async () => {
    const items = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: base });
    const byName = new Map(items.map((item) => [item.name, item]));
    expect(byName.get("Old Love")?.source).toBe("forgotten");
    expect(byName.get("Old Love")?.explanation).toBe("You played “Old Love” 40 times in 2021 and not since Apr 2021.");
    expect(byName.get("Second Half")?.source).toBe("session");
    expect(byName.get("Second Half")?.explanation).toMatch(/^Often played right after “First Half” \(\d+ times\)\.$/);
    expect(byName.get("Deep Cut")?.explanation).toBe("New to you, by Now Band, whom you've played 42 times.");
    // Played in the last 30 days: left out.
    expect(byName.has("Hit 0")).toBe(false);
  });

  it("keeps “more like X” near X: its session neighbours and its artist's neighbours, never unrelated favourites", async () => {
    const seed = index.tracks.find((entry) => entry.name === "First Half")!.key;
    const items = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...base, seed } });
    expect(items.map((item) => item.name)).toContain("Second Half");
    expect(items.map((item) => item.name)).not.toContain("Old Love");
    for (const item of items) expect(item.explanation).toMatch(/“First Half”|Pair|same sessions/);
  });

  it("leaves out disliked tracks and artists, snoozed tracks, and explicit tracks when asked", async () => {
    const all = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: base });
    expect(all.some((item) => item.name === "B-Side")).toBe(true);
    const filtered = await recommend({
      index,
      profile,
      catalog,
      feedback: feedback({
        dislikedArtists: new Set(["the olds"]),
        snoozedTracks: new Set([all.find((item) => item.name === "Second Half")!.key]),
      }),
      request: { ...base, allowExplicit: false },
    });
    const names = filtered.map((item) => item.name);
    expect(names).not.toContain("Old Love");
    expect(names).not.toContain("Second Half");
    expect(names).not.toContain("B-Side");
    expect(names).toContain("Deep Cut");
  });

  it("weighs familiar against new with the slider, and keeps at most two tracks per artist", async () => {
    const familiar = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...base, novelty: 0 } });
    const fresh = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...base, novelty: 1 } });
    expect(["forgotten", "session"]).toContain(familiar[0]!.source);
    expect(fresh[0]!.source).toBe("catalogue");
    const perArtist = new Map<string, number>();
    for (const item of fresh) perArtist.set(item.artist, (perArtist.get(item.artist) ?? 0) + 1);
    expect(Math.max(...perArtist.values())).toBeLessThanOrEqual(2);
  });

  it("narrows to a context and says why", async () => {
    const eighties = await recommend({
      index,
      profile,
      feedback: NO_FEEDBACK,
      catalog,
      request: { ...base, novelty: 1, contexts: [contextById("1980s")!] },
    });
    expect(eighties.map((item) => item.name)).toEqual(["Deep Cut"]);
    expect(eighties[0]!.explanation).toContain("Released in 1984.");
  });

  it("at familiar keeps what they play now and some forgotten favourites; at new, only what is new", async () => {
    const request = { ...base, recentDays: 0 };
    const familiar = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...request, novelty: 0 } });
    const sources = familiar.map((item) => item.source);
    expect(sources).toContain("rotation");
    expect(sources).toContain("forgotten");
    // The most played of late first: "Hit 0" to "Hit 2" and "First Half" are this month's.
    expect(familiar[0]!.source).toBe("rotation");
    // At new, what is new ranks first (here only two unheard tracks; the rest of the list is familiar).
    const fresh = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...request, novelty: 1 } });
    const best = [...fresh].sort((a, b) => b.score - a.score);
    expect(best.slice(0, 2).map((item) => item.name)).toEqual(["Deep Cut", "B-Side"]);
    expect(best.slice(2).every((item) => item.source !== "catalogue")).toBe(true);
  });

  it("blends its sources in the middle: none gives more than half the list", async () => {
    const items = await recommend({ index, profile, feedback: NO_FEEDBACK, catalog, request: { ...base, recentDays: 0, limit: 6 } });
    const bySource = new Map<string, number>();
    for (const item of items) bySource.set(item.source, (bySource.get(item.source) ?? 0) + 1);
    expect(bySource.size).toBeGreaterThan(1);
    expect(Math.max(...bySource.values())).toBeLessThanOrEqual(3);
  });

  it("combines contexts: a track must fit every one", async () => {
    const energeticEighties = await recommend({
      index,
      profile,
      feedback: NO_FEEDBACK,
      catalog,
      request: { ...base, novelty: 1, contexts: [contextById("energetic")!, contextById("1980s")!] },
    });
    expect(energeticEighties.map((item) => item.name)).toEqual(["Deep Cut"]);
    // "Deep Cut" is rock: it fits the 80s but not "chill", and nothing else fits both.
    const chillEighties = await recommend({
      index,
      profile,
      feedback: NO_FEEDBACK,
      catalog,
      request: { ...base, novelty: 1, contexts: [contextById("chill")!, contextById("1980s")!] },
    });
    expect(chillEighties).toEqual([]);
  });

  it("uses the collaborative signal with its evidence", async () => {
    const items = await recommend({
      index,
      profile,
      feedback: NO_FEEDBACK,
      catalog,
      request: { ...base, novelty: 1 },
      collaborative: { artists: [{ key: "stranger", name: "Stranger", score: 2, because: "Now Band" }] },
    });
    const hello = items.find((item) => item.name === "Hello");
    expect(hello?.source).toBe("collaborative");
    expect(hello?.explanation).toBe("Listeners who play Now Band also play Stranger.");
  });
});

describe("spacedByArtist", () => {
  const pick = (artist: string, name: string) => ({ artist, name });

  it("never puts two picks by one artist next to each other when another order exists, and keeps every pick", () => {
    const picks = [pick("A", "1"), pick("A", "2"), pick("B", "3"), pick("C", "4"), pick("C", "5"), pick("D", "6")];
    const spaced = spacedByArtist(picks);
    expect(spaced.map((each) => each.name)).toEqual(["1", "3", "2", "4", "6", "5"]);
    expect(new Set(spaced)).toEqual(new Set(picks));
    for (let at = 1; at < spaced.length; at++) expect(spaced[at]!.artist).not.toBe(spaced[at - 1]!.artist);
  });

  it("keeps the order when it already alternates, and keeps what cannot be spaced", () => {
    expect(spacedByArtist([pick("A", "1"), pick("B", "2"), pick("A", "3")]).map((each) => each.name)).toEqual(["1", "2", "3"]);
    expect(spacedByArtist([pick("A", "1"), pick("a", "2")]).map((each) => each.name)).toEqual(["1", "2"]);
  });
});

describe("profile", () => {
  it("counts listens, recency and the peak year, and what follows what", () => {
    const index = history();
    const profile = trackProfile(index, { now: NOW, timeZone: "UTC", listenThresholdMs: 30_000 });
    const old = index.tracks.findIndex((each) => each.name === "Old Love");
    expect(profile.listens[old]).toBe(40);
    expect(profile.peakYear[old]).toBe(2021);
    expect(profile.recentListens[old]).toBe(0);
    const first = index.tracks.findIndex((each) => each.name === "First Half");
    const second = index.tracks.findIndex((each) => each.name === "Second Half");
    expect(
      followers(index, new Set([first]), { now: NOW })
        .get(first)
        ?.get(second),
    ).toBe(20);
  });
});

describe("context", () => {
  it("scores genre, era and time-of-day fit, neutral when nothing is known", () => {
    expect(contextMatch(contextById("1990s")!, { families: [], releaseYear: 1994, durationMs: null, bands: [] })).toEqual({
      score: 1,
      reason: "released in 1994",
    });
    expect(contextMatch(contextById("1990s")!, { families: [], releaseYear: 2004, durationMs: null, bands: [] }).score).toBe(0);
    const night = contextMatch(contextById("night")!, { families: [], releaseYear: null, durationMs: null, bands: [8, 0, 1, 1] });
    expect(night.score).toBeCloseTo(0.8);
    expect(night.reason).toBe("you usually play it late at night");
    expect(contextMatch(contextById("commute")!, { families: [], releaseYear: null, durationMs: null, bands: [] }).score).toBe(0.5);
  });
});

describe("contexts", () => {
  it("parse from ids, one per kind, in kind order, and say what to send when wrong", () => {
    expect(parseContexts("workout,chill").contexts?.map((context) => context.id)).toEqual(["chill", "workout"]);
    expect(parseContexts(["focus"]).contexts?.map((context) => context.id)).toEqual(["focus"]);
    expect(parseContexts(" night , 1980s,chill,focus").contexts?.map((context) => context.id)).toEqual([
      "chill",
      "focus",
      "1980s",
      "night",
    ]);
    expect(parseContexts(undefined).contexts).toEqual([]);
    expect(parseContexts("chill,chill").contexts?.map((context) => context.id)).toEqual(["chill"]);
    expect(parseContexts("chill,happy").error).toBe(
      "“chill” and “happy” are both moods: choose at most one per kind (mood, activity, era, time)",
    );
    expect(parseContexts("disco").error).toMatch(/^unknown context “disco”: use one of chill, energetic, .*, night, comma-separated/);
  });

  it("combine by multiplying the fits, with the first reason there is", () => {
    const facts = { families: ["folk"], releaseYear: 1985, durationMs: 200_000, bands: [] };
    expect(contextsMatch([contextById("chill")!, contextById("1980s")!], facts)).toEqual({ score: 1, reason: "fits chill" });
    // A context's families are graded, most typical first: jazz is chill's second.
    expect(contextMatch(contextById("chill")!, { ...facts, families: ["jazz"] }).score).toBeCloseTo(0.8);
    expect(contextMatch(contextById("chill")!, { ...facts, families: ["rock", "jazz", "folk"] }).score).toBe(1);
    const daytime = { ...facts, bands: [0, 5, 5, 0] };
    const chill = contextMatch(contextById("chill")!, daytime).score;
    expect(chill).toBeCloseTo(2 / 3.5);
    expect(contextsMatch([contextById("chill")!, contextById("commute")!], daytime).score).toBeCloseTo(chill * 1);
    expect(contextsMatch([contextById("workout")!, contextById("1990s")!], facts).score).toBe(0);
    expect(contextsMatch([], facts)).toEqual({ score: 1, reason: null });
  });
});
