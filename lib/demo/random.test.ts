import { describe, expect, it } from "vitest";
import { base62Id, createRandom, hashString, weightedSampler } from "./random";

const draws = (seed: number | string, count = 50) => {
  const random = createRandom(seed);
  return Array.from({ length: count }, () => random.next());
};

describe("createRandom", () => {
  it("repeats itself for a seed and differs between seeds", () => {
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    expect(draws("7")).not.toEqual(draws(7));
  });

  it("keeps every helper inside its range", () => {
    const random = createRandom(1);
    const ints = Array.from({ length: 5_000 }, () => random.int(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5, 6]));
    for (let index = 0; index < 1_000; index++) {
      const value = random.next();
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThan(1);
      expect(random.logNormal(10, 1)).toBeGreaterThan(0);
    }
  });

  it("picks in proportion to the weights", () => {
    const random = createRandom(2);
    const counts = { rare: 0, common: 0 };
    for (let index = 0; index < 10_000; index++) counts[random.weighted(["rare", "common"] as const, [1, 9])]++;
    expect(counts.rare / 10_000).toBeGreaterThan(0.08);
    expect(counts.rare / 10_000).toBeLessThan(0.12);
    const sample = weightedSampler(["a", "b", "c"], [0, 1, 3]);
    const sampled = Array.from({ length: 4_000 }, () => sample(random));
    expect(sampled).not.toContain("a");
    expect(sampled.filter((letter) => letter === "c").length / 4_000).toBeGreaterThan(0.7);
  });

  it("shuffles into a permutation", () => {
    const items = Array.from({ length: 100 }, (_, index) => index);
    const shuffled = createRandom(3).shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
  });

  it("gives forks their own stream that does not depend on the parent's position", () => {
    const parent = createRandom(4);
    const early = parent.fork("songs").next();
    parent.next();
    parent.next();
    expect(parent.fork("songs").next()).toBe(early);
    expect(parent.fork("albums").next()).not.toBe(early);
  });

  it("averages a normal draw near its mean", () => {
    const random = createRandom(5);
    const values = Array.from({ length: 5_000 }, () => random.normal(10, 2));
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(9.8);
    expect(mean).toBeLessThan(10.2);
  });
});

describe("ids and hashes", () => {
  it("makes Spotify-shaped ids from seed, kind and index", () => {
    expect(base62Id(1, "track", 0)).toMatch(/^[0-9A-Za-z]{22}$/);
    expect(base62Id(1, "track", 0)).toBe(base62Id(1, "track", 0));
    expect(base62Id(1, "track", 0)).not.toBe(base62Id(1, "track", 1));
    expect(base62Id(1, "track", 0)).not.toBe(base62Id(1, "album", 0));
    expect(base62Id(1, "track", 0)).not.toBe(base62Id(2, "track", 0));
  });

  it("hashes strings to unsigned 32-bit numbers", () => {
    expect(hashString("echo")).toBe(hashString("echo"));
    expect(hashString("echo")).not.toBe(hashString("echoes"));
    expect(hashString("echo")).toBeGreaterThanOrEqual(0);
    expect(hashString("echo")).toBeLessThan(2 ** 32);
  });
});
