/**
 * Models whose scores are `x_u · W` for a sparse item-item matrix W (item-KNN, RP3beta):
 * `W` is stored by source item (row i lists the target items j that i votes for, with weight W[i][j]),
 * `x_u` is the user's row of the (weighted) interaction matrix.
 */
import type { ImplicitModel, ScoredItem } from "./model";
import { transpose, type Csr } from "./sparse";

export class ItemItemModel implements ImplicitModel {
  readonly name: string;
  readonly users: number;
  readonly items: number;
  /** Source item → target items. */
  readonly weights: Csr;
  /** User profiles the scores are computed from (users × items). */
  readonly profiles: Csr;
  private byTarget: Csr | undefined;

  constructor(name: string, profiles: Csr, weights: Csr) {
    if (weights.rows !== profiles.cols || weights.cols !== profiles.cols) throw new Error("ItemItemModel: W must be items × items");
    this.name = name;
    this.users = profiles.rows;
    this.items = profiles.cols;
    this.profiles = profiles;
    this.weights = weights;
  }

  scoreUser(user: number, out: Float64Array): void {
    out.fill(0);
    const { profiles: x, weights: w } = this;
    for (let p = x.indptr[user]!; p < x.indptr[user + 1]!; p++) {
      const i = x.indices[p]!;
      const xi = x.data[p]!;
      for (let q = w.indptr[i]!; q < w.indptr[i + 1]!; q++) out[w.indices[q]!]! += xi * w.data[q]!;
    }
  }

  /** Scores for an arbitrary history (items with weights), e.g. a listener not in the training data. */
  scoreHistory(items: ArrayLike<number>, values: ArrayLike<number> | undefined, out: Float64Array): void {
    out.fill(0);
    const w = this.weights;
    for (let k = 0; k < items.length; k++) {
      const i = items[k]!;
      const xi = values ? values[k]! : 1;
      for (let q = w.indptr[i]!; q < w.indptr[i + 1]!; q++) out[w.indices[q]!]! += xi * w.data[q]!;
    }
  }

  similarItems(item: number, k: number): ScoredItem[] {
    this.byTarget ??= transpose(this.weights);
    const t = this.byTarget;
    const found: ScoredItem[] = [];
    for (let q = t.indptr[item]!; q < t.indptr[item + 1]!; q++) if (t.indices[q] !== item) found.push({ item: t.indices[q]!, score: t.data[q]! });
    found.sort((a, b) => b.score - a.score || a.item - b.item);
    return found.slice(0, k);
  }

  toJSON() {
    return { name: this.name, items: this.items, neighbours: this.weights.indices.length };
  }
}

/**
 * Keeps, for every target item j, the `k` largest of the candidate weights `(source i → j)` that
 * `column(j, acc, touched)` writes into `acc` (dense, by source item; `touched` lists the sources
 * written). Returns W by source item. Used by the neighbourhood models.
 */
export function topKByTarget(items: number, k: number, column: (j: number, acc: Float64Array, touched: number[]) => void): Csr {
  const acc = new Float64Array(items);
  const touched: number[] = [];
  const seen = new Uint8Array(items);
  const tIndptr = new Int32Array(items + 1);
  let tIdx = new Int32Array(1 << 16);
  let tVal = new Float32Array(1 << 16);
  let nnz = 0;
  for (let j = 0; j < items; j++) {
    touched.length = 0;
    column(j, acc, touched);
    // `touched` may repeat a source whose partial sum was still 0; keep each once.
    let kept: number[] = [];
    for (const i of touched) {
      if (i === j || seen[i] || !(acc[i]! > 0)) continue;
      seen[i] = 1;
      kept.push(i);
    }
    for (const i of kept) seen[i] = 0;
    if (kept.length > k) {
      kept.sort((a, b) => acc[b]! - acc[a]! || a - b);
      kept = kept.slice(0, k);
    }
    if (nnz + kept.length > tIdx.length) {
      const size = Math.max(tIdx.length * 2, nnz + kept.length);
      const i2 = new Int32Array(size);
      i2.set(tIdx);
      tIdx = i2;
      const v2 = new Float32Array(size);
      v2.set(tVal);
      tVal = v2;
    }
    kept.sort((a, b) => a - b);
    for (const i of kept) {
      tIdx[nnz] = i;
      tVal[nnz] = acc[i]!;
      nnz++;
    }
    tIndptr[j + 1] = nnz;
    for (const i of touched) acc[i] = 0;
  }
  const byTarget: Csr = { rows: items, cols: items, indptr: tIndptr, indices: tIdx.slice(0, nnz), data: tVal.slice(0, nnz) };
  return transpose(byTarget);
}
