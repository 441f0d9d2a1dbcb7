import { describe, expect, it } from "vitest";
import { coverage, meanRows, novelty, rankingMetrics } from "./metrics";

const dcg = (ranks: number[]) => ranks.reduce((s, r) => s + 1 / Math.log2(r + 1), 0);

describe("rankingMetrics", () => {
  it("computes P, R and NDCG with binary gains on a hand example", () => {
    // Hits at ranks 2 and 4 (1-based); 3 test items, one never retrieved.
    const ranked = [10, 11, 12, 13, 14];
    const test = new Set([11, 13, 99]);
    const at5 = rankingMetrics(ranked, test, 5);
    expect(at5.precision).toBeCloseTo(2 / 5);
    expect(at5.recall).toBeCloseTo(2 / 3);
    // DCG = 1/log2(3) + 1/log2(5) = 0.63093 + 0.43068; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.13093.
    expect(at5.ndcg).toBeCloseTo((0.6309297535714575 + 0.43067655807339306) / 2.1309297535714578, 10);
    const at2 = rankingMetrics(ranked, test, 2);
    expect(at2.precision).toBeCloseTo(1 / 2);
    expect(at2.recall).toBeCloseTo(1 / 3);
    // IDCG uses min(|test|, N) = 2 hits.
    expect(at2.ndcg).toBeCloseTo(dcg([2]) / dcg([1, 2]), 10);
  });

  it("uses min(|test|, N) for IDCG, so a perfect short list scores 1, and divides P by N even for short lists", () => {
    const m = rankingMetrics([7], new Set([7]), 10);
    expect(m.ndcg).toBe(1);
    expect(m.recall).toBe(1);
    expect(m.precision).toBeCloseTo(0.1);
    expect(rankingMetrics([1, 2, 3], new Set([4]), 3)).toEqual({ precision: 0, recall: 0, ndcg: 0 });
    expect(() => rankingMetrics([1], new Set(), 10)).toThrow();
  });

  it("only looks at the first N entries", () => {
    const m = rankingMetrics([1, 2, 3, 4], new Set([4]), 3);
    expect(m.precision).toBe(0);
    expect(m.ndcg).toBe(0);
  });
});

describe("coverage and novelty", () => {
  it("coverage is the share of the catalogue in some list's first N", () => {
    expect(
      coverage(
        [
          [0, 1, 2],
          [2, 3, 9],
        ],
        10,
        2,
      ),
    ).toBeCloseTo(4 / 10);
    expect(
      coverage(
        [
          [0, 1, 2],
          [2, 3, 9],
        ],
        10,
        3,
      ),
    ).toBeCloseTo(5 / 10);
    expect(coverage([], 10, 3)).toBe(0);
  });

  it("novelty is the mean of -log2(popularity / interactions) over the first N", () => {
    const popularity = [8, 4, 2, 0];
    // 16 training interactions: items 0, 1, 2 have self-information 1, 2, 3 bits.
    expect(novelty([0, 1, 2], popularity, 16, 3)).toBeCloseTo(2);
    expect(novelty([0, 1, 2], popularity, 16, 2)).toBeCloseTo(1.5);
    // An item without training interactions counts as popularity 1.
    expect(novelty([3], popularity, 16, 10)).toBeCloseTo(4);
    expect(novelty([], popularity, 16, 10)).toBe(0);
  });

  it("meanRows averages every metric", () => {
    const a = { p10: 0.1, r10: 0.2, ndcg10: 0.3, p20: 0.4, r20: 0.5, ndcg20: 0.6, cov10: 0.7, nov10: 8 };
    const b = { p10: 0.3, r10: 0.4, ndcg10: 0.5, p20: 0.6, r20: 0.7, ndcg20: 0.8, cov10: 0.9, nov10: 10 };
    const m = meanRows([a, b]);
    expect(m.ndcg10).toBeCloseTo(0.4);
    expect(m.nov10).toBeCloseTo(9);
    expect(m.cov10).toBeCloseTo(0.8);
  });
});
