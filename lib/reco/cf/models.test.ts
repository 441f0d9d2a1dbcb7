import { describe, expect, it } from "vitest";
import { BlendModel } from "./blend";
import { trainIals } from "./ials";
import { recommend, trainRecommender } from "./index";
import { trainItemKnn } from "./item-knn";
import { topN, type ImplicitModel } from "./model";
import { trainPopular } from "./popular";
import { trainRp3beta } from "./rp3beta";
import { trainContentKnn, trainSocial } from "./side";
import { csrFromTriples, type Csr } from "./sparse";

/**
 * Two taste clusters: users 0-5 listen to items 0-5, users 6-11 to items 6-11. User u misses the two
 * in-cluster items (u % 6) and ((u + 1) % 6) of its cluster, which every good model should rank first.
 */
function clusters(): { train: Csr; missing: (u: number) => number[] } {
  const r: number[] = [];
  const c: number[] = [];
  const v: number[] = [];
  const missing = (u: number) => {
    const base = u < 6 ? 0 : 6;
    return [base + (u % 6), base + ((u + 1) % 6)].sort((a, b) => a - b);
  };
  for (let u = 0; u < 12; u++) {
    const base = u < 6 ? 0 : 6;
    for (let k = 0; k < 6; k++) {
      const i = base + k;
      if (missing(u).includes(i)) continue;
      r.push(u);
      c.push(i);
      v.push(1 + ((u * 7 + i * 3) % 5) * 10); // play counts, irrelevant to the pattern
    }
  }
  return { train: csrFromTriples(12, 12, r, c, v), missing };
}

const top2 = (model: ImplicitModel, train: Csr, u: number) =>
  recommend(model, u, 2, train)
    .map((s) => s.item)
    .sort((a, b) => a - b);

function expectRecovers(model: ImplicitModel, data: ReturnType<typeof clusters>) {
  for (let u = 0; u < 12; u++) expect(top2(model, data.train, u), `${model.name}, user ${u}`).toEqual(data.missing(u));
}

describe("models recover an obvious cluster pattern", () => {
  const data = clusters();

  it("item-KNN", () => expectRecovers(trainItemKnn(data.train, { k: 10, shrink: 0 }), data));
  it("RP3beta", () => expectRecovers(trainRp3beta(data.train, { k: 10 }), data));
  it("iALS", () => expectRecovers(trainIals(data.train, { factors: 4, iterations: 8, unobservedExponent: 0.3 }), data));
  it("blend and the default recommender", () => {
    const blend = new BlendModel(
      [
        { model: trainItemKnn(data.train), weight: 1 },
        { model: trainRp3beta(data.train), weight: 0.5 },
      ],
      { seen: data.train },
    );
    expectRecovers(blend, data);
    expectRecovers(trainRecommender(data.train, { ials: { factors: 4 } }), data);
  });

  it("content KNN through item features", () => {
    // Feature 0 for cluster A, feature 1 for cluster B, plus one noise feature on two items.
    const features = csrFromTriples(
      12,
      3,
      [...Array(12).keys(), 0, 7],
      [...Array(12).keys()].map((i): number => (i < 6 ? 0 : 1)).concat([2, 2]),
      new Array(14).fill(1),
    );
    const model = trainContentKnn(data.train, features, { k: 20 });
    for (let u = 0; u < 12; u++) for (const s of recommend(model, u, 2, data.train)) expect(s.item < 6).toBe(u < 6);
  });

  it("friends model", () => {
    // Each user is friends with the next user of the same cluster.
    const a: number[] = [];
    const b: number[] = [];
    for (let u = 0; u < 12; u++) {
      const f = u < 6 ? (u + 1) % 6 : 6 + ((u - 6 + 1) % 6);
      a.push(u, f);
      b.push(f, u);
    }
    const links = csrFromTriples(12, 12, a, b);
    for (const weighting of ["similarity", "uniform"] as const) {
      const model = trainSocial(data.train, links, { weighting });
      for (let u = 0; u < 12; u++) for (const s of recommend(model, u, 2, data.train)) expect(s.item < 6).toBe(u < 6);
    }
    const full = trainRecommender(data.train, { ials: { factors: 4 }, userLinks: links });
    expect(full.name).toMatch(/^best\(/);
    expectRecovers(full, data);
  });

  it("most popular ranks by number of users", () => {
    const r = [0, 1, 2, 0, 1, 0];
    const c = [3, 3, 3, 1, 1, 2];
    const train = csrFromTriples(4, 5, r, c);
    expect(recommend(trainPopular(train), 3, 3).map((s) => s.item)).toEqual([3, 1, 2]);
  });

  it("is deterministic for a seed and exposes similar items", () => {
    const a = trainIals(data.train, { factors: 4, iterations: 3, seed: 5 });
    const b = trainIals(data.train, { factors: 4, iterations: 3, seed: 5 });
    expect(Array.from(a.itemFactors)).toEqual(Array.from(b.itemFactors));
    const knn = trainItemKnn(data.train);
    expect(knn.similarItems(0, 5).every((s) => s.item < 6)).toBe(true);
    const ials = trainIals(data.train, { factors: 4, iterations: 8, unobservedExponent: 0.3 });
    expect(ials.similarItems(7, 3).every((s) => s.item >= 6)).toBe(true);
  });
});

describe("confidences", () => {
  it("\"user\" weighs a user's items by plays relative to the user's geometric mean", async () => {
    const { confidences } = await import("./ials");
    const train = csrFromTriples(2, 3, [0, 0, 0, 1, 1], [0, 1, 2, 0, 1], [0, 9, 99, 5000, 5000]);
    const c = confidences(train, "user", 0.5);
    const u0 = Array.from(c.data.subarray(0, 3));
    expect(u0[0]! < u0[1]! && u0[1]! < u0[2]!).toBe(true);
    expect(u0.reduce((a, b) => a * b, 1)).toBeCloseTo(1, 5);
    // Equal plays: weight 1 whatever the volume.
    expect(Array.from(c.data.subarray(3))).toEqual([1, 1]);
    expect(Array.from(confidences(train, "binary", 0.5).data)).toEqual([1, 1, 1, 1, 1]);
    expect(confidences(train, "log", 1).data[2]).toBeCloseTo(1 + Math.log(100), 5);
  });
});

describe("content KNN reaches items nobody has played yet", () => {
  it("recommends a cold item through its features", () => {
    const { train } = clusters();
    // 13 items: item 12 has no listener but shares feature 0 with cluster A.
    const wide = { ...train, cols: 13 };
    const features = csrFromTriples(
      13,
      2,
      [...Array(13).keys()],
      [...Array(13).keys()].map((i) => (i < 6 || i === 12 ? 0 : 1)),
    );
    const model = trainContentKnn(wide, features, { k: 20 });
    const scores = new Float64Array(13);
    model.scoreUser(0, scores);
    expect(scores[12]).toBeGreaterThan(0);
    expect(scores[12]).toBeGreaterThan(scores[7]!);
  });
});

describe("iALS fold-in", () => {
  it("solves a new listener's vector from their history", () => {
    const data = clusters();
    const model = trainIals(data.train, { factors: 4, iterations: 8, unobservedExponent: 0.3, confidence: "user" });
    const scores = new Float64Array(12);
    // A new listener with items 0, 1, 2 of cluster A: the rest of cluster A comes first.
    model.scoreHistory([0, 1, 2], [30, 20, 10], scores);
    const exclude = Uint8Array.from({ length: 12 }, (_, i) => (i < 3 ? 1 : 0));
    const best = topN(scores, 3, exclude).map((s) => s.item);
    expect(best.sort((a, b) => a - b)).toEqual([3, 4, 5]);
    // Folding in a training user's own history gives (nearly) their trained vector.
    const items = Array.from(data.train.indices.subarray(data.train.indptr[3], data.train.indptr[4]));
    const values = Array.from(data.train.data.subarray(data.train.indptr[3], data.train.indptr[4]));
    const v = model.foldIn(items, values);
    const w = model.userFactors.subarray(3 * 4, 4 * 4);
    const norm = Math.hypot(...w);
    for (let k = 0; k < 4; k++) expect(Math.abs(v[k]! - w[k]!)).toBeLessThan(0.05 * norm + 1e-6);
  });
});
