/**
 * Models from side information, meant to be blended with the collaborative ones:
 *  - `trainSocial`: a user's friends' items, score(u, i) = Σ_{f friend of u} x_fi / n_f^γ;
 *  - `trainContentKnn`: item-item cosine over item features (e.g. tag counts, TF-IDF weighted).
 */
import { ItemItemModel, topKPerRow } from "./item-item";
import type { ImplicitModel } from "./model";
import { binarize, transpose, type Csr } from "./sparse";

export interface SocialOptions {
  /** Damping of prolific friends: each friend's items count 1 / n_f^gamma (default 0.5). */
  gamma?: number;
}

/** `links` is users × users (friendships, both directions), `train` users × items. */
export function trainSocial(train: Csr, links: Csr, options: SocialOptions = {}): ImplicitModel {
  if (links.rows !== train.rows || links.cols !== train.rows) throw new Error("trainSocial: links must be users × users");
  const gamma = options.gamma ?? 0.5;
  const x = binarize(train);
  const scale = new Float64Array(x.rows);
  for (let u = 0; u < x.rows; u++) {
    const n = x.indptr[u + 1]! - x.indptr[u]!;
    scale[u] = n > 0 ? 1 / n ** gamma : 0;
  }
  const name = `social(gamma=${gamma})`;
  return {
    name,
    users: x.rows,
    items: x.cols,
    scoreUser(user: number, out: Float64Array) {
      out.fill(0);
      for (let p = links.indptr[user]!; p < links.indptr[user + 1]!; p++) {
        const f = links.indices[p]!;
        const w = links.data[p]! * scale[f]!;
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
