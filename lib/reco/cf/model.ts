/** The contract every collaborative-filtering model in `lib/reco/cf` implements. */
export interface ScoredItem {
  item: number;
  score: number;
}

export interface ImplicitModel {
  /** Short identifier with the configuration, e.g. `ials(d=128)`. */
  readonly name: string;
  readonly users: number;
  readonly items: number;
  /**
   * Fills `out` (length `items`) with a score per item for a training user: higher is better.
   * Items the user already has are scored too; callers drop them (see `recommend`).
   */
  scoreUser(user: number, out: Float64Array): void;
  /** The `k` items most similar to `item` (excluding itself), best first, when the model has item-item similarity. */
  similarItems?(item: number, k: number): ScoredItem[];
  /** A JSON-serialisable summary or parameters (for caching / inspection). */
  toJSON(): unknown;
}

/**
 * Top `n` items of a score vector, best first, skipping `exclude[item]` (non-zero) and
 * non-finite scores. Ties go to the lower item index, so results are deterministic.
 */
export function topN(scores: Float64Array, n: number, exclude?: Uint8Array): ScoredItem[] {
  if (!(n > 0)) return [];
  const items: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < scores.length; i++) {
    if (exclude && exclude[i]) continue;
    const s = scores[i]!;
    if (!Number.isFinite(s)) continue;
    if (items.length === n && s <= vals[n - 1]!) continue;
    // Insertion into the sorted (descending) buffer; equal scores keep the earlier (lower) index first.
    let at = items.length < n ? items.length : n - 1;
    if (items.length < n) {
      items.push(i);
      vals.push(s);
    }
    while (at > 0 && vals[at - 1]! < s) {
      items[at] = items[at - 1]!;
      vals[at] = vals[at - 1]!;
      at--;
    }
    items[at] = i;
    vals[at] = s;
  }
  return items.map((item, k) => ({ item, score: vals[k]! }));
}
