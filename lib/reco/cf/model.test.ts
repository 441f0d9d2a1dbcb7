import { describe, expect, it } from "vitest";
import { topN } from "./model";

describe("topN", () => {
  it("keeps the best n, best first, ties to the lower index, skipping excluded and non-finite scores", () => {
    const scores = Float64Array.from([0.5, 2, NaN, 2, -1, 3, Infinity, 0.5]);
    expect(topN(scores, 3).map((s) => s.item)).toEqual([5, 1, 3]);
    const exclude = new Uint8Array(8);
    exclude[5] = 1;
    expect(topN(scores, 4, exclude)).toEqual([
      { item: 1, score: 2 },
      { item: 3, score: 2 },
      { item: 0, score: 0.5 },
      { item: 7, score: 0.5 },
    ]);
    expect(topN(scores, 20).length).toBe(6);
    expect(topN(scores, 0)).toEqual([]);
  });
});

describe("selectTopK", () => {
  it("matches a full sort, ties to the lower column", async () => {
    const { selectTopK, kthLargest } = await import("./item-item");
    const { createRng } = await import("./random");
    const rng = createRng(3);
    for (let trial = 0; trial < 50; trial++) {
      const n = 1 + Math.floor(rng.next() * 60);
      const acc = new Float64Array(n).map(() => Math.floor(rng.next() * 8));
      const cands = [...Array(n).keys()];
      const k = 1 + Math.floor(rng.next() * n);
      const expected = [...cands].sort((a, b) => acc[b]! - acc[a]! || a - b).slice(0, k);
      expect(selectTopK(cands, acc, k).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
      const sorted = Array.from(acc).sort((a, b) => b - a);
      expect(kthLargest(Float64Array.from(acc), k)).toBe(sorted[k - 1]);
    }
  });
});
