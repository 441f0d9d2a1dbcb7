/**
 * Models from side information, meant to be blended with the collaborative ones:
 *  - `trainSocial`: a user's friends' items, score(u, i) = Σ_{f friend of u} s(u, f) · x_fi with
 *    s the cosine of u's and f's items plus a bonus (or 1 / n_f^γ);
 *  - `trainContentKnn`: item-item cosine over item features (e.g. tag counts, TF-IDF weighted).
 */
import { ItemItemModel, topKPerRow } from "./item-item";
import type { ImplicitModel } from "./model";
import { binarize, transpose, type Csr } from "./sparse";

export interface SocialOptions {
  /**
   * How much a friend counts: "similarity" (default) weighs friend f by the cosine of u's and f's
   * items plus `bonus`; "uniform" counts every friend 1 / n_f^gamma.
   */
  weighting?: "similarity" | "uniform";
  /** Added to every friend's similarity (default 0.05). */
  bonus?: number;
  /** Damping of prolific friends for "uniform" (default 0.5). */
  gamma?: number;
}

/**
 * Friends' items: score(u, i) = Σ_{f friend of u} s(u, f) · x_fi. `links` is users × users (both
 * directions of each friendship; stored values are ignored), `train` users × items.
 */
export function trainSocial(train: Csr, links: Csr, options: SocialOptions = {}): ImplicitModel {
  if (links.rows !== train.rows || links.cols !== train.rows) throw new Error("trainSocial: links must be users × users");
  const weighting = options.weighting ?? "similarity";
  const bonus = options.bonus ?? 0.05;
  const gamma = options.gamma ?? 0.5;
  const x = binarize(train);
  const n = (u: number) => x.indptr[u + 1]! - x.indptr[u]!;
  // Friend weights, aligned with links.indices.
  const weights = new Float64Array(links.indices.length);
  for (let u = 0; u < links.rows; u++) {
    for (let p = links.indptr[u]!; p < links.indptr[u + 1]!; p++) {
      const f = links.indices[p]!;
      if (f === u || n(f) === 0) continue;
      if (weighting === "uniform") {
        weights[p] = 1 / n(f) ** gamma;
        continue;
      }
      // |items(u) ∩ items(f)| by merging the sorted rows.
      let common = 0;
      let a = x.indptr[u]!;
      let b = x.indptr[f]!;
      const aEnd = x.indptr[u + 1]!;
      const bEnd = x.indptr[f + 1]!;
      while (a < aEnd && b < bEnd) {
        const ia = x.indices[a]!;
        const ib = x.indices[b]!;
        if (ia === ib) {
          common++;
          a++;
          b++;
        } else if (ia < ib) a++;
        else b++;
      }
      const cos = n(u) > 0 ? common / Math.sqrt(n(u) * n(f)) : 0;
      weights[p] = cos + bonus;
    }
  }
  const name = weighting === "uniform" ? `social(uniform,gamma=${gamma})` : `social(similarity,bonus=${bonus})`;
  return {
    name,
    users: x.rows,
    items: x.cols,
    scoreUser(user: number, out: Float64Array) {
      out.fill(0);
      for (let p = links.indptr[user]!; p < links.indptr[user + 1]!; p++) {
        const w = weights[p]!;
        if (w === 0) continue;
        const f = links.indices[p]!;
        for (let q = x.indptr[f]!; q < x.indptr[f + 1]!; q++) out[x.indices[q]!]! += w;
      }
    },
    toJSON: () => ({ name }),
  };
}

export interface ContentKnnOptions {
  k?: number;
  shrink?: number;
  /** Weight features by inverse document frequency (default true) and log-scale counts (default true). */
  idf?: boolean;
  logCounts?: boolean;
}

/**
 * Item-item cosine over `features` (items × features, e.g. how often each tag was applied to the
 * artist). Scores come from the users' (binary) training items like item-KNN.
 */
export function trainContentKnn(train: Csr, features: Csr, options: ContentKnnOptions = {}): ItemItemModel {
  if (features.rows !== train.cols) throw new Error("trainContentKnn: features must have one row per item");
  const k = options.k ?? 200;
  const shrink = options.shrink ?? 0;
  const idf = options.idf ?? true;
  const logCounts = options.logCounts ?? true;
  const f = { ...features, data: Float32Array.from(features.data) };
  const ft0 = transpose(features);
  for (let i = 0; i < f.rows; i++) {
    for (let p = f.indptr[i]!; p < f.indptr[i + 1]!; p++) {
      const t = f.indices[p]!;
      let v = f.data[p]!;
      if (logCounts) v = Math.log1p(v);
      if (idf) v *= Math.log(f.rows / (1 + ft0.indptr[t + 1]! - ft0.indptr[t]!));
      f.data[p] = Math.max(0, v);
    }
  }
  const ft = transpose(f);
  const norms = new Float64Array(f.rows);
  for (let i = 0; i < f.rows; i++) {
    let s = 0;
    for (let p = f.indptr[i]!; p < f.indptr[i + 1]!; p++) s += f.data[p]! ** 2;
    norms[i] = Math.sqrt(s);
  }
  const mark = new Uint8Array(f.rows);
  const byTarget = topKPerRow(f.rows, f.rows, k, (j, acc, touched) => {
    for (let p = f.indptr[j]!; p < f.indptr[j + 1]!; p++) {
      const t = f.indices[p]!;
      const v = f.data[p]!;
      for (let q = ft.indptr[t]!; q < ft.indptr[t + 1]!; q++) {
        const i = ft.indices[q]!;
        if (!mark[i]) {
          mark[i] = 1;
          touched.push(i);
        }
        acc[i]! += v * ft.data[q]!;
      }
    }
    for (const i of touched) {
      mark[i] = 0;
      acc[i] = acc[i]! / (norms[i]! * norms[j]! + shrink + 1e-9);
    }
  });
  return new ItemItemModel(`contentknn(k=${k},shrink=${shrink}${idf ? ",idf" : ""})`, binarize(train), transpose(byTarget));
}
