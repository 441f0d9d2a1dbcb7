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
    for (let q = t.indptr[item]!; q < t.indptr[item + 1]!; q++)
      if (t.indices[q] !== item) found.push({ item: t.indices[q]!, score: t.data[q]! });
    found.sort((a, b) => b.score - a.score || a.item - b.item);
    return found.slice(0, k);
  }

  toJSON() {
    return { name: this.name, items: this.items, neighbours: this.weights.indices.length };
  }
}

/**
 * Builds an n-row sparse matrix keeping, per row r, the `k` largest positive candidate weights
 * that `fill(r, acc, touched)` writes into the dense accumulator `acc` (listing written columns in
 * `touched`; a column may be listed more than once). The diagonal is dropped. Ties go to the lower
 * column.
 */
export function topKPerRow(
  n: number,
  cols: number,
  k: number,
  fill: (r: number, acc: Float64Array, touched: number[]) => void,
  keepDiagonal = false,
): Csr {
  const acc = new Float64Array(cols);
  const touched: number[] = [];
  const seen = new Uint8Array(cols);
  const indptr = new Int32Array(n + 1);
  let idx = new Int32Array(1 << 16);
  let val = new Float32Array(1 << 16);
  let nnz = 0;
  for (let r = 0; r < n; r++) {
    touched.length = 0;
    fill(r, acc, touched);
    let kept: number[] = [];
    for (const c of touched) {
      if ((c === r && !keepDiagonal) || seen[c] || !(acc[c]! > 0)) continue;
      seen[c] = 1;
      kept.push(c);
    }
    for (const c of kept) seen[c] = 0;
    if (kept.length > k) kept = selectTopK(kept, acc, k);
    if (nnz + kept.length > idx.length) {
      const size = Math.max(idx.length * 2, nnz + kept.length);
      const i2 = new Int32Array(size);
      i2.set(idx);
      idx = i2;
      const v2 = new Float32Array(size);
      v2.set(val);
      val = v2;
    }
    kept.sort((a, b) => a - b);
    for (const c of kept) {
      idx[nnz] = c;
      val[nnz] = acc[c]!;
      nnz++;
    }
    indptr[r + 1] = nnz;
    for (const c of touched) acc[c] = 0;
  }
  return { rows: n, cols, indptr, indices: idx.slice(0, nnz), data: val.slice(0, nnz) };
}

/** The k-th largest value of `values` (1-based k <= length); reorders `values`. */
export function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    // Median-of-three pivot, then a three-way partition into > pivot | = pivot | < pivot.
    const mid = (lo + hi) >> 1;
    const a = values[lo]!;
    const b = values[mid]!;
    const c = values[hi]!;
    const pivot = a > b ? (b > c ? b : a > c ? c : a) : a > c ? a : b > c ? c : b;
    let lt = lo;
    let i = lo;
    let gt = hi;
    while (i <= gt) {
      const v = values[i]!;
      if (v > pivot) {
        values[i] = values[lt]!;
        values[lt] = v;
        lt++;
        i++;
      } else if (v < pivot) {
        values[i] = values[gt]!;
        values[gt] = v;
        gt--;
      } else i++;
    }
    if (target < lt) hi = lt - 1;
    else if (target > gt) lo = gt + 1;
    else return pivot;
  }
  return values[lo]!;
}

/**
 * The `k` columns of `candidates` with the largest `acc` values (ties to the lower column), in
 * linear expected time.
 */
export function selectTopK(candidates: number[], acc: Float64Array, k: number): number[] {
  if (candidates.length <= k) return candidates;
  const values = new Float64Array(candidates.length);
  for (let q = 0; q < candidates.length; q++) values[q] = acc[candidates[q]!]!;
  const threshold = kthLargest(values, k);
  const out: number[] = [];
  const ties: number[] = [];
  for (const c of candidates) {
    const v = acc[c]!;
    if (v > threshold) out.push(c);
    else if (v === threshold) ties.push(c);
  }
  ties.sort((a, b) => a - b);
  for (let q = 0; out.length < k && q < ties.length; q++) out.push(ties[q]!);
  return out;
}
