/**
 * RP3beta (Paudel et al. 2017; as in Dacrema et al. 2019): a 3-step random walk item → user → item
 * with transition probabilities raised to `alpha`, the arrival item's score divided by its
 * popularity^`beta`, keeping each source item's `k` strongest targets:
 *   W[i][j] = pop_j^-β · Σ_u (x_ui / n_i)^α (x_uj / n_u)^α.
 */
import { ItemItemModel, topKPerRow } from "./item-item";
import { binarize, transpose, type Csr } from "./sparse";

export interface Rp3betaOptions {
  alpha?: number;
  beta?: number;
  k?: number;
  /** Scale each source item's row of W to sum 1 (default false). */
  normalize?: boolean;
}

export function trainRp3beta(train: Csr, options: Rp3betaOptions = {}): ItemItemModel {
  const alpha = options.alpha ?? 0.6;
  const beta = options.beta ?? 0.3;
  const k = options.k ?? 300;
  const x = binarize(train);
  const xt = transpose(x);
  const userDeg = new Float64Array(x.rows);
  for (let u = 0; u < x.rows; u++) userDeg[u] = x.indptr[u + 1]! - x.indptr[u]!;
  const itemDeg = new Float64Array(x.cols);
  for (let i = 0; i < x.cols; i++) itemDeg[i] = xt.indptr[i + 1]! - xt.indptr[i]!;
  const mark = new Uint8Array(x.cols);
  const w = topKPerRow(x.cols, x.cols, k, (i, acc, touched) => {
    if (itemDeg[i] === 0) return;
    const piu = (1 / itemDeg[i]!) ** alpha;
    for (let p = xt.indptr[i]!; p < xt.indptr[i + 1]!; p++) {
      const u = xt.indices[p]!;
      const pu = piu * (1 / userDeg[u]!) ** alpha;
      for (let q = x.indptr[u]!; q < x.indptr[u + 1]!; q++) {
        const j = x.indices[q]!;
        if (!mark[j]) {
          mark[j] = 1;
          touched.push(j);
        }
        acc[j]! += pu;
      }
    }
    for (const j of touched) {
      mark[j] = 0;
      acc[j] = acc[j]! / itemDeg[j]! ** beta;
    }
  });
  if (options.normalize) {
    for (let i = 0; i < w.rows; i++) {
      let s = 0;
      for (let p = w.indptr[i]!; p < w.indptr[i + 1]!; p++) s += w.data[p]!;
      if (s > 0) for (let p = w.indptr[i]!; p < w.indptr[i + 1]!; p++) w.data[p] = w.data[p]! / s;
    }
  }
  return new ItemItemModel(`rp3beta(a=${alpha},b=${beta},k=${k}${options.normalize ? ",norm" : ""})`, x, w);
}
