import { describe, expect, it } from "vitest";
import { describeMatch, matchScore, sharedItems, weightedJaccard, type TasteItem } from "./match";

const artist = (key: string, minutes: number): TasteItem => ({ key, name: key.toUpperCase(), msPlayed: minutes * 60_000 });

describe("weightedJaccard", () => {
  it("is 1 for the same taste, whatever each listener's total time", () => {
    const heavy = [artist("a", 600), artist("b", 300), artist("c", 100)];
    const light = [artist("a", 60), artist("b", 30), artist("c", 10)];
    expect(weightedJaccard(heavy, light)).toBeCloseTo(1, 12);
  });

  it("is 0 when nothing is shared or a side has no plays", () => {
    expect(weightedJaccard([artist("a", 10)], [artist("b", 10)])).toBe(0);
    expect(weightedJaccard([], [artist("b", 10)])).toBe(0);
    expect(weightedJaccard([artist("a", 0)], [artist("a", 0)])).toBe(0);
  });

  it("sums the smaller shares over the larger ones", () => {
    // Shares: first a 0.5, b 0.5; second a 0.25, c 0.75. min: a 0.25; max: a 0.5, b 0.5, c 0.75.
    const value = weightedJaccard([artist("a", 50), artist("b", 50)], [artist("a", 25), artist("c", 75)]);
    expect(value).toBeCloseTo(0.25 / 1.75, 12);
  });

  it("is symmetric", () => {
    const first = [artist("a", 40), artist("b", 35), artist("d", 5)];
    const second = [artist("b", 10), artist("a", 3), artist("e", 30)];
    expect(weightedJaccard(first, second)).toBeCloseTo(weightedJaccard(second, first), 12);
  });
});

describe("matchScore", () => {
  it("compares the top 50 artists of each side and rounds to a percentage", () => {
    const first = Array.from({ length: 60 }, (_, index) => artist(`a${index}`, 100 - index));
    const second = Array.from({ length: 30 }, (_, index) => artist(`a${index * 2}`, 100 - index));
    const score = matchScore(first, second);
    expect(score.compared).toEqual([50, 30]);
    // Artists a0 … a48 (even) are shared: 25 of them within the first's top 50.
    expect(score.sharedArtists).toBe(25);
    expect(score.value).toBeCloseTo(weightedJaccard(first.slice(0, 50), second), 12);
    expect(score.percent).toBe(Math.round(score.value * 100));
  });

  it("says how the score is computed", () => {
    const score = { value: 0.3412, percent: 34, compared: [50, 50] as [number, number], sharedArtists: 12 };
    expect(describeMatch(score, "Last 4 weeks")).toBe(
      "Weighted Jaccard of your top 50 artists by listening time (last 4 weeks): 0.34 → 34% match",
    );
    expect(describeMatch({ ...score, compared: [50, 21] }, "All time")).toMatch(
      /^Weighted Jaccard of your top 50 and their top 21 artists/,
    );
  });
});

describe("sharedItems", () => {
  it("lists only items in both lists, the biggest shared share first, with each side's rank", () => {
    const first = [artist("a", 50), artist("b", 30), artist("c", 20)];
    const second = [artist("c", 60), artist("x", 30), artist("b", 10)];
    const shared = sharedItems(first, second);
    expect(shared.map((item) => item.key)).toEqual(["c", "b"]);
    expect(shared[0]).toMatchObject({ name: "C", ranks: [3, 1] });
    expect(shared[0]!.weight).toBeCloseTo(0.2, 12);
    expect(shared[1]).toMatchObject({ ranks: [2, 3] });
  });
});
