/**
 * Item-KNN with cosine similarity and shrinkage: sim(i, j) = <x_i, x_j> / (|x_i| |x_j| + shrink),
 * where x_i is item i's column of the interaction matrix (binary by default). Each item keeps its
 * `k` most similar items; a user's score for j is Σ over their items i of x_ui · sim(i, j).
 */
import { ItemItemModel, topKPerRow } from "./item-item";
import { binarize, mapValues, transpose, type Csr } from "./sparse";

export interface ItemKnnOptions {
  /** Neighbours kept per item (default 1000). */
  k?: number;
  /** Shrinkage added to the cosine denominator (default 5). */
  shrink?: number;
  /** Input weighting: "binary" (default) or "log" (log(1 + value)). */
  weighting?: "binary" | "log";
}

export function weighted(train: Csr, weighting: "binary" | "log" | "raw"): Csr {
  if (weighting === "binary") return binarize(train);
  if (weighting === "log") return mapValues(train, (v) => Math.log1p(v));
  return train;
}

export function trainItemKnn(train: Csr, options: ItemKnnOptions = {}): ItemItemModel {
  const k = options.k ?? 1000;
  const shrink = options.shrink ?? 5;
  const weighting = options.weighting ?? "binary";
  const x = weighted(train, weighting);
  const xt = transpose(x);
  const norms = new Float64Array(x.cols);
  for (let j = 0; j < xt.rows; j++) {
    let s = 0;
    for (let p = xt.indptr[j]!; p < xt.indptr[j + 1]!; p++) s += xt.data[p]! * xt.data[p]!;
    norms[j] = Math.sqrt(s);
  }
  const mark = new Uint8Array(x.cols);
  // Row j of the selection holds the k best sources for target j; W is stored by source.
  const byTarget = topKPerRow(x.cols, x.cols, k, (j, acc, touched) => {
    for (let p = xt.indptr[j]!; p < xt.indptr[j + 1]!; p++) {
      const u = xt.indices[p]!;
      const xuj = xt.data[p]!;
      for (let q = x.indptr[u]!; q < x.indptr[u + 1]!; q++) {
        const i = x.indices[q]!;
        if (!mark[i]) {
          mark[i] = 1;
          touched.push(i);
        }
        acc[i]! += xuj * x.data[q]!;
      }
    }
    const nj = norms[j]!;
    for (const i of touched) {
      mark[i] = 0;
      acc[i] = acc[i]! / (nj * norms[i]! + shrink + 1e-9);
    }
  });
  return new ItemItemModel(`itemknn(k=${k},shrink=${shrink},${weighting})`, x, transpose(byTarget));
}
