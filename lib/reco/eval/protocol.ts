/**
 * The HetRec offline protocol (docs/evaluation.md): data row `i` (0-based, header excluded)
 * belongs to fold `i % folds`; fold `f` trains on the other rows and tests on its own. Relevance is
 * binary. Every item is scored, the user's training items are dropped, the top N are kept. Metrics
 * are averaged over users with at least one test item (then, by the caller, over folds).
 */
import { csrFromTriples, colCounts, type Csr } from "../cf/sparse";
import { topN, type ImplicitModel } from "../cf/model";
import { coverage, novelty, rankingMetrics, type MetricRow } from "./metrics";

export interface RowData {
  users: number;
  items: number;
  /** Per data row, in file order. */
  user: ArrayLike<number>;
  item: ArrayLike<number>;
  /** Play count per row (the training input weight); relevance is binary regardless. */
  count: ArrayLike<number>;
}

export interface Fold {
  fold: number;
  folds: number;
  /** Training rows: users × items with play counts (duplicates summed). */
  train: Csr;
  /** Test rows: users × items, weight 1. */
  test: Csr;
  /** Users with at least one test item, ascending. */
  testUsers: Int32Array;
  /** Row indices (into the data) that are in the test fold. */
  testRows: Int32Array;
}

export const foldOfRow = (row: number, folds: number) => row % folds;

export function makeFold(data: RowData, fold: number, folds = 5): Fold {
  if (!Number.isInteger(folds) || folds < 2) throw new Error(`folds must be an integer >= 2, got ${folds}`);
  if (!Number.isInteger(fold) || fold < 0 || fold >= folds) throw new Error(`fold must be in [0, ${folds}), got ${fold}`);
  const n = data.user.length;
  const tr: { u: number[]; i: number[]; w: number[] } = { u: [], i: [], w: [] };
  const te: { u: number[]; i: number[] } = { u: [], i: [] };
  const testRows: number[] = [];
  for (let row = 0; row < n; row++) {
    if (foldOfRow(row, folds) === fold) {
      te.u.push(data.user[row]!);
      te.i.push(data.item[row]!);
      testRows.push(row);
    } else {
      tr.u.push(data.user[row]!);
      tr.i.push(data.item[row]!);
      tr.w.push(data.count[row]!);
    }
  }
  const train = csrFromTriples(data.users, data.items, tr.u, tr.i, tr.w);
  const test = csrFromTriples(data.users, data.items, te.u, te.i);
  test.data.fill(1);
  const testUsers: number[] = [];
  for (let u = 0; u < data.users; u++) if (test.indptr[u + 1]! > test.indptr[u]!) testUsers.push(u);
  return { fold, folds, train, test, testUsers: Int32Array.from(testUsers), testRows: Int32Array.from(testRows) };
}

export interface FoldResult {
  metrics: MetricRow;
  /** Top-`listLength` items per evaluated user (training items excluded), best first. */
  lists: Map<number, number[]>;
  users: number;
}

export interface EvaluateOptions {
  /** Evaluate only these users (default: all test users). */
  users?: ArrayLike<number>;
  /** Length of the stored lists (>= 20; default 20). */
  listLength?: number;
}

/** Full-ranking evaluation of `model` on `fold`. */
export function evaluateFold(model: Pick<ImplicitModel, "scoreUser" | "items">, fold: Fold, options: EvaluateOptions = {}): FoldResult {
  const { train, test } = fold;
  const listLength = Math.max(20, options.listLength ?? 20);
  const users = options.users ?? fold.testUsers;
  const scores = new Float64Array(train.cols);
  const exclude = new Uint8Array(train.cols);
  const popularity = colCounts(train);
  const interactions = train.indices.length;
  const lists = new Map<number, number[]>();
  const sum = { p10: 0, r10: 0, ndcg10: 0, p20: 0, r20: 0, ndcg20: 0, nov10: 0 };
  let count = 0;
  for (let k = 0; k < users.length; k++) {
    const u = users[k]!;
    if (test.indptr[u + 1]! === test.indptr[u]!) continue;
    const testItems = new Set<number>();
    for (let p = test.indptr[u]!; p < test.indptr[u + 1]!; p++) testItems.add(test.indices[p]!);
    scores.fill(0);
    model.scoreUser(u, scores);
    for (let p = train.indptr[u]!; p < train.indptr[u + 1]!; p++) exclude[train.indices[p]!] = 1;
    const list = topN(scores, listLength, exclude).map((s) => s.item);
    for (let p = train.indptr[u]!; p < train.indptr[u + 1]!; p++) exclude[train.indices[p]!] = 0;
    lists.set(u, list);
    const at10 = rankingMetrics(list, testItems, 10);
    const at20 = rankingMetrics(list, testItems, 20);
    sum.p10 += at10.precision;
    sum.r10 += at10.recall;
    sum.ndcg10 += at10.ndcg;
    sum.p20 += at20.precision;
    sum.r20 += at20.recall;
    sum.ndcg20 += at20.ndcg;
    sum.nov10 += novelty(list, popularity, interactions, 10);
    count++;
  }
  const d = Math.max(1, count);
  return {
    metrics: {
      p10: sum.p10 / d,
      r10: sum.r10 / d,
      ndcg10: sum.ndcg10 / d,
      p20: sum.p20 / d,
      r20: sum.r20 / d,
      ndcg20: sum.ndcg20 / d,
      cov10: coverage(lists.values(), train.cols, 10),
      nov10: sum.nov10 / d,
    },
    lists,
    users: count,
  };
}
