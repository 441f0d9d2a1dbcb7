/**
 * Ranking metrics of the HetRec protocol (docs/evaluation.md), binary relevance:
 * P@N = hits/N; R@N = hits/|test|; NDCG@N with DCG = Σ over hit ranks r (1-based) of 1/log2(r+1)
 * and IDCG the same for min(|test|, N) hits; coverage@N = share of all items in some user's top N;
 * novelty@N = mean over the list of -log2(train popularity / train interactions).
 */

export interface UserMetrics {
  precision: number;
  recall: number;
  ndcg: number;
}

/** P, R and NDCG at `n` for one ranked list (best first) against the user's test items. */
export function rankingMetrics(ranked: ArrayLike<number>, test: ReadonlySet<number>, n: number): UserMetrics {
  if (test.size === 0) throw new Error("rankingMetrics: a user needs at least one test item");
  let hits = 0;
  let dcg = 0;
  const depth = Math.min(n, ranked.length);
  for (let r = 0; r < depth; r++) {
    if (test.has(ranked[r]!)) {
      hits++;
      dcg += 1 / Math.log2(r + 2);
    }
  }
  let idcg = 0;
  const ideal = Math.min(test.size, n);
  for (let r = 0; r < ideal; r++) idcg += 1 / Math.log2(r + 2);
  return { precision: hits / n, recall: hits / test.size, ndcg: dcg / idcg };
}

/** Share of the `totalItems` catalogue that appears in at least one list's first `n` entries. */
export function coverage(lists: Iterable<ArrayLike<number>>, totalItems: number, n: number): number {
  const seen = new Set<number>();
  for (const list of lists) for (let r = 0; r < Math.min(n, list.length); r++) seen.add(list[r]!);
  return seen.size / totalItems;
}

/**
 * Mean self-information of a list's first `n` items: -log2(popularity[item] / interactions).
 * An item with no training interaction would be infinitely novel; it counts as popularity 1.
 */
export function novelty(list: ArrayLike<number>, popularity: ArrayLike<number>, interactions: number, n: number): number {
  const depth = Math.min(n, list.length);
  if (depth === 0) return 0;
  let sum = 0;
  for (let r = 0; r < depth; r++) sum += -Math.log2(Math.max(1, popularity[list[r]!]!) / interactions);
  return sum / depth;
}

/** The metric row the evaluator reports (each a mean over test users, coverage per fold). */
export interface MetricRow {
  p10: number;
  r10: number;
  ndcg10: number;
  p20: number;
  r20: number;
  ndcg20: number;
  cov10: number;
  nov10: number;
}

export const METRIC_KEYS = ["p10", "r10", "ndcg10", "p20", "r20", "ndcg20", "cov10", "nov10"] as const;

/** Mean of several rows (e.g. over folds). */
export function meanRows(rows: readonly MetricRow[]): MetricRow {
  const out: MetricRow = { p10: 0, r10: 0, ndcg10: 0, p20: 0, r20: 0, ndcg20: 0, cov10: 0, nov10: 0 };
  if (rows.length === 0) return out;
  for (const row of rows) for (const key of METRIC_KEYS) out[key] += row[key] / rows.length;
  return out;
}
