import { describe, expect, it } from "vitest";
import { perArtistOf, pickBlended, sourceQuotas } from "./blend";
import type { RecoSource } from "./types";

const candidate = (source: RecoSource, artistKey: string, name: string) => ({ source, artistKey, name });

describe("sourceQuotas", () => {
  it("caps every source at half the list in the middle, keeps two places for forgotten favourites at familiar, none at new or with a seed", () => {
    expect(sourceQuotas({ novelty: 0.3, limit: 20 }).forgotten).toEqual({ min: 0, max: 10 });
    expect(sourceQuotas({ novelty: 0.5, limit: 7 }).collaborative).toEqual({ min: 0, max: 3 });
    expect(sourceQuotas({ novelty: 0, limit: 20 })).toEqual({ forgotten: { min: 2, max: 20 } });
    expect(sourceQuotas({ novelty: 1, limit: 20 })).toEqual({});
    expect(sourceQuotas({ novelty: 0.5, limit: 20, seed: "spotify:track:x" })).toEqual({});
  });

  it("lets an artist have a tenth of the list, twice that at familiar", () => {
    expect(perArtistOf({ novelty: 0.3, limit: 20 })).toBe(2);
    expect(perArtistOf({ novelty: 0.3, limit: 50 })).toBe(5);
    expect(perArtistOf({ novelty: 0, limit: 20 })).toBe(4);
    expect(perArtistOf({ novelty: 0.5, limit: 20, perArtist: 3 })).toBe(3);
  });
});

describe("pickBlended", () => {
  const ranked = [
    candidate("forgotten", "a", "1"),
    candidate("forgotten", "b", "2"),
    candidate("forgotten", "c", "3"),
    candidate("forgotten", "a", "4"),
    candidate("session", "d", "5"),
    candidate("catalogue", "e", "6"),
    candidate("rotation", "f", "7"),
  ];

  it("takes the best within each source's cap and the per-artist cap, in rank order", () => {
    const picked = pickBlended(ranked, { quotas: sourceQuotas({ novelty: 0.5, limit: 4 }), perArtist: 2, limit: 4 });
    expect(picked.map((each) => each.name)).toEqual(["1", "2", "5", "6"]);
    const uncapped = pickBlended(ranked, { quotas: {}, perArtist: 1, limit: 4 });
    expect(uncapped.map((each) => each.name)).toEqual(["1", "2", "3", "5"]);
  });

  it("gives a source its minimum from its best, even below better picks of others", () => {
    const picked = pickBlended([...ranked].reverse(), { quotas: { forgotten: { min: 2, max: 4 } }, perArtist: 2, limit: 3 });
    expect(picked.map((each) => each.name)).toEqual(["7", "4", "3"]);
  });
});
