import { describe, expect, it } from "vitest";
import { IndexBuilder } from "@/lib/listening";
import { csrFromTriples, scoreHistory, trainArtistModel } from "./cf";
import { collaborativeFor, evaluateHeldOut, fuseSignals, matchKey, SERVED_SCORER, servedModel } from "./collaborative";
import { EVALUATED_SCORER } from "./eval";

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 1);

/** 40 listeners: the first 20 play rock artists 0-4, the others electronic artists 5-9, with a little spill. */
function twoScenes() {
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  for (let user = 0; user < 40; user++) {
    const base = user < 20 ? 0 : 5;
    for (let k = 0; k < 5; k++) {
      if ((user + k) % 4 === 0) continue;
      users.push(user);
      items.push(base + k);
      values.push(5 + ((user * 7 + k) % 20));
    }
  }
  const keys = [
    "the rockers",
    "stone age",
    "loud band",
    "riff club",
    "guitar gods",
    "synth one",
    "bass line",
    "four floor",
    "drum loop",
    "night drive",
  ];
  const names = [
    "The Rockers",
    "Stone Age",
    "Loud Band",
    "Riff Club",
    "Guitar Gods",
    "Synth One",
    "Bass Line",
    "Four Floor",
    "Drum Loop",
    "Night Drive",
  ];
  const model = trainArtistModel(csrFromTriples(40, 10, users, items, values), { seed: 7 });
  return servedModel(model, { keys, names }, "public", "test/1");
}

describe("the served collaborative model", () => {
  it("serves the function the HetRec evaluation measures", () => {
    expect(SERVED_SCORER).toBe(scoreHistory);
    expect(SERVED_SCORER).toBe(EVALUATED_SCORER);
  });

  it("folds a new listener in by name and recommends their scene, with the artist that supports it", () => {
    const served = twoScenes();
    // "Rockers" without "The", another spelling of a known artist, and one the model never saw.
    const signal = collaborativeFor(served, {
      keys: ["rockers", "stone age", "loud band", "somebody unknown"],
      listens: [40, 12, 2, 9],
      recentListens: [10, 0, 0, 0],
    });
    expect(signal).not.toBeNull();
    expect(signal!.basis).toEqual({ matched: 3, played: 4, origin: "public", version: "test/1" });
    const keys = signal!.artists.map((artist) => artist.key);
    // Every artist they have listened to is theirs already, even one played twice: left out.
    for (const own of ["the rockers", "stone age", "loud band"]) expect(keys).not.toContain(own);
    expect(keys.slice(0, 2).sort()).toEqual(["guitar gods", "riff club"]);
    for (const artist of signal!.artists.slice(0, 2)) expect(["The Rockers", "Stone Age", "Loud Band"]).toContain(artist.because);
    expect(signal!.artists[0]!.score).toBeGreaterThan(signal!.artists.at(-1)!.score);
  });

  it("says nothing when too few of the listener's artists are known", () => {
    const served = twoScenes();
    expect(collaborativeFor(served, { keys: ["nobody", "synth one"], listens: [5, 5], recentListens: [0, 0] })).toBeNull();
    expect(matchKey("the beatles")).toBe("beatles");
    expect(matchKey("theatre of tragedy")).toBe("theatre of tragedy");
  });

  it("fuses two models' lists by rank, keeping the better-ranked evidence", () => {
    const a = {
      artists: [0, 1, 2].map((n) => ({ key: `a${n}`, name: `A${n}`, score: 3 - n, because: "X" })),
      basis: { matched: 4, played: 9, origin: "public" as const, version: "p" },
    };
    const b = {
      artists: [
        { key: "a2", name: "A2", score: 9, because: "Y" },
        { key: "b1", name: "B1", score: 8, because: "Y" },
      ],
    };
    const fused = fuseSignals([a, b, null])!;
    expect(fused.artists[0]!.key).toBe("a2");
    expect(fused.artists[0]!.because).toBe("Y");
    expect(fused.artists.map((artist) => artist.key).sort()).toEqual(["a0", "a1", "a2", "b1"]);
    expect(fused.basis?.origin).toBe("public");
    expect(fuseSignals([null, null])).toBeNull();
    expect(fuseSignals([b])).toBe(b);
  });
});

describe("held-out evaluation of the deployment model", () => {
  it("finds the artists listeners start playing when co-listeners play them", () => {
    const play = (builder: IndexBuilder, at: number, artist: string) =>
      builder.add({
        playedAt: at,
        msPlayed: 100_000,
        trackKey: `${artist}|t`,
        trackId: null,
        trackName: "t",
        artistName: artist,
        albumName: null,
        platform: null,
        flags: 0,
      });
    const indexes = [];
    // Listeners 0-5 played A and B for months, then started C in their last 60 days.
    for (let user = 0; user < 6; user++) {
      const builder = new IndexBuilder(`l${user}`, 1);
      for (let day = 0; day < 100; day++) play(builder, NOW - (300 - day) * DAY, day % 2 === 0 ? "A" : "B");
      play(builder, NOW - 10 * DAY, "C");
      indexes.push(builder.build());
    }
    // Listeners 6-17 played A, B and C long ago; others play D and E.
    for (let user = 6; user < 24; user++) {
      const builder = new IndexBuilder(`l${user}`, 1);
      const scene = user < 18 ? ["A", "B", "C"] : ["D", "E", "F"];
      for (let day = 0; day < 30; day++) play(builder, NOW - (500 - day) * DAY, scene[day % 3]!);
      play(builder, NOW - 100 * DAY, scene[0]!);
      indexes.push(builder.build());
    }
    const result = evaluateHeldOut(indexes);
    expect(result.users).toBe(6);
    expect(result.recallAt50).toBe(1);
    expect(result.ndcgAt20).toBe(1);
  });
});
