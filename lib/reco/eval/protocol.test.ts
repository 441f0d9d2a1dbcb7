import { describe, expect, it } from "vitest";
import type { ImplicitModel } from "../cf/model";
import { hasEntry } from "../cf/sparse";
import { evaluateFold, foldOfRow, makeFold, type RowData } from "./protocol";

// 3 users × 6 items, 12 rows in file order.
const data: RowData = {
  users: 3,
  items: 6,
  user: [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 2, 2],
  item: [0, 1, 2, 3, 4, 0, 2, 4, 5, 1, 3, 5],
  count: [50, 40, 30, 20, 10, 9, 8, 7, 6, 5, 2, 1],
};

describe("makeFold", () => {
  it("assigns data row i to fold i % 5 and trains on the rest", () => {
    expect([0, 1, 4, 5, 9, 10].map((i) => foldOfRow(i, 5))).toEqual([0, 1, 4, 0, 4, 0]);
    const fold = makeFold(data, 0);
    // Rows 0, 5, 10 are the test fold: (0,0), (1,0), (2,3).
    expect(Array.from(fold.testRows)).toEqual([0, 5, 10]);
    expect(hasEntry(fold.test, 0, 0) && hasEntry(fold.test, 1, 0) && hasEntry(fold.test, 2, 3)).toBe(true);
    expect(fold.test.indices.length).toBe(3);
    expect(fold.train.indices.length).toBe(9);
    expect(hasEntry(fold.train, 0, 0)).toBe(false);
    expect(hasEntry(fold.train, 0, 1)).toBe(true);
    // Play counts are kept as training weights; test weights are binary.
    expect(fold.train.data[fold.train.indptr[0]!]).toBe(40);
    expect(Array.from(fold.test.data)).toEqual([1, 1, 1]);
    expect(Array.from(fold.testUsers)).toEqual([0, 1, 2]);

    const fold4 = makeFold(data, 4);
    expect(Array.from(fold4.testRows)).toEqual([4, 9]);
    expect(Array.from(fold4.testUsers)).toEqual([0, 1]);
  });

  it("every row is tested exactly once over the folds", () => {
    const seen = new Array(12).fill(0);
    for (let f = 0; f < 5; f++) for (const r of makeFold(data, f).testRows) seen[r]++;
    expect(seen).toEqual(new Array(12).fill(1));
  });

  it("rejects bad fold numbers", () => {
    expect(() => makeFold(data, 5)).toThrow();
    expect(() => makeFold(data, 0, 1)).toThrow();
  });
});

describe("evaluateFold", () => {
  // Scores items by index descending: item 5 first. Training items score highest of all.
  const model = (train: ReturnType<typeof makeFold>["train"]): ImplicitModel => ({
    name: "fixed",
    users: 3,
    items: 6,
    scoreUser(user, out) {
      for (let i = 0; i < 6; i++) out[i] = hasEntry(train, user, i) ? 100 : i;
    },
    toJSON: () => ({}),
  });

  it("ranks all items, drops training items and averages over users with test items", () => {
    const fold = makeFold(data, 0);
    const result = evaluateFold(model(fold.train), fold);
    // User 0 trains on 1,2,3,4 → ranked [5, 0]; test {0}: hit at rank 2.
    expect(result.lists.get(0)).toEqual([5, 0]);
    // User 1 trains on 2,4,5,1 → [3, 0]; test {0}: hit at rank 2.
    expect(result.lists.get(1)).toEqual([3, 0]);
    // User 2 trains on 5 → [4, 3, 2, 1, 0]; test {3}: hit at rank 2.
    expect(result.lists.get(2)).toEqual([4, 3, 2, 1, 0]);
    for (const [u, list] of result.lists) for (const i of list) expect(hasEntry(fold.train, u, i)).toBe(false);
    expect(result.users).toBe(3);
    const ndcg = 1 / Math.log2(3);
    expect(result.metrics.ndcg10).toBeCloseTo(ndcg);
    expect(result.metrics.p10).toBeCloseTo(0.1);
    expect(result.metrics.r10).toBeCloseTo(1);
    expect(result.metrics.p20).toBeCloseTo(0.05);
    // Top-10 lists cover items {0,1,2,3,4,5}.
    expect(result.metrics.cov10).toBeCloseTo(1);
  });

  it("skips users without test items and can evaluate a subset", () => {
    const fold = makeFold(data, 4);
    const result = evaluateFold(model(fold.train), fold, { users: [1, 2] });
    expect([...result.lists.keys()]).toEqual([1]);
    expect(result.users).toBe(1);
  });
});
