/**
 * The served collaborative artist model: one class of model, trained offline (HetRec in
 * `npm run eval:reco`, all of HetRec in `npm run reco:pretrain`) and scored for any listening
 * history by the same function, so the number the evaluation reports is the number of what the
 * app serves.
 *
 * API (stable; the app builds on it):
 *  - `ARTIST_MODEL`: the served configuration (tuned on HetRec folds 0-1, see docs/evaluation.md).
 *  - `trainArtistModel(train, { itemFeatures, seed })`: train = users × artists play counts,
 *    itemFeatures = artists × tags (how often each tag was applied).
 *  - `scoreHistory(model, items, values, out)`: THE scorer. One score per artist for a history
 *    given as artist indices with play counts; it needs no user index (fold-in), so a listener the
 *    model never saw is scored exactly like a training user's row in the evaluation.
 *  - `similarTo(model, item, k)` and `strongestSupport(model, items, candidate)`: item-factor
 *    cosine, to explain a pick ("listeners who play A also play B").
 *  - `encodeArtistModel` / `decodeArtistModel`: the compact artifact (lib/reco/pretrained).
 *
 * Scores blend, z-scored over the artists outside the history (so the listener's own artists do
 * not distort the statistics), an iALS fold-in with a tag-content cosine and a light popularity
 * prior. Every part is a function of item-level parameters and the history alone.
 */
import { trainIals, type IalsModel, type IalsOptions } from "./ials";
import type { ScoredItem } from "./model";
import type { Csr } from "./sparse";

export interface ArtistModelConfig {
  /** iALS on play counts (per-user relative confidences, popularity-weighted unobserved pairs). */
  ials: IalsOptions;
  /** Tag-content cosine (TF-IDF over log tag counts, L2-normalised rows), blend weight vs iALS = 1. */
  content: { weight: number };
  /** log(1 + listeners) per artist, blend weight vs iALS = 1: a light pull towards known artists. */
  popularity: { weight: number };
}

/**
 * The served configuration, tuned on HetRec folds 0-1 only (docs/evaluation.md): iALS d = 128 (its
 * settings sit on a narrow optimum: L2 0.008 or 0.018 lose 0.007-0.018 NDCG@10) plus the parts
 * any listener's history gives, tags 0.6 and popularity 0.1 (+0.003 NDCG@10 over tags 0.15
 * alone; popularity 0.2 scores 0.0003 more but drops coverage@10 below 0.10). No friends part: the app has no friend graph. Item-KNN, RP3beta, EASE and pruned tag
 * KNN parts, seed bagging, d = 192/256 and tags as extra iALS rows or columns were measured and
 * did not help; nor did user-KNN parts, a per-listener popularity weight or a learned re-ranker of
 * the top 200 (logistic or boosted trees).
 */
export const ARTIST_MODEL: Readonly<ArtistModelConfig> = {
  ials: {
    factors: 128,
    unobservedWeight: 0.05,
    unobservedExponent: 0.3,
    regularization: 0.012,
    regExponent: 1,
    confidence: "user",
    alpha: 0.5,
    iterations: 10,
  },
  content: { weight: 0.6 },
  popularity: { weight: 0.1 },
};

export interface ArtistModel {
  readonly items: number;
  readonly config: ArtistModelConfig;
  /** Item factors and fold-in parameters (user factors are not kept: scoring folds in). */
  readonly ials: IalsModel;
  /** artists × tags, TF-IDF rows with unit norm (undefined without tags or with content weight 0). */
  readonly tags: Csr | undefined;
  /** Training listeners per artist (the popularity part). */
  readonly listeners: Float32Array;
  /** |h_i| per artist, for the cosine explanations. */
  readonly factorNorms: Float64Array;
}

export interface TrainArtistModelOptions {
  /** artists × tags counts (e.g. HetRec user_taggedartists.dat without hidden pairs). */
  itemFeatures?: Csr;
  seed?: number;
  /** Overrides of `ARTIST_MODEL` (for tuning). */
  config?: ArtistModelConfig;
}

export function trainArtistModel(train: Csr, options: TrainArtistModelOptions = {}): ArtistModel {
  const config = options.config ?? ARTIST_MODEL;
  const ials = trainIals(train, { ...config.ials, seed: options.seed ?? 42 });
  const tags = options.itemFeatures && config.content.weight > 0 ? tagProfiles(options.itemFeatures, train.cols) : undefined;
  const listeners = new Float32Array(train.cols);
  for (let p = 0; p < train.indices.length; p++) listeners[train.indices[p]!]! += 1;
  return assembleArtistModel(config, ials, tags, listeners);
}

/** A model from its parts (training and decoding share it). */
export function assembleArtistModel(
  config: ArtistModelConfig,
  ials: IalsModel,
  tags: Csr | undefined,
  listeners: Float32Array,
): ArtistModel {
  const d = ials.factors;
  const h = ials.itemFactors;
  const factorNorms = new Float64Array(ials.items);
  for (let i = 0; i < ials.items; i++) {
    let s = 0;
    for (let f = 0; f < d; f++) s += h[i * d + f]! ** 2;
    factorNorms[i] = Math.sqrt(s);
  }
  return { items: ials.items, config, ials, tags, listeners, factorNorms };
}

/**
 * TF-IDF over log(1 + count) per artist row, rows scaled to unit norm: the content score of an
 * artist is then the cosine of its row with each history artist's row, summed, computed as one
 * dot product with the history's tag profile (no neighbour pruning, nothing per artist pair stored).
 */
export function tagProfiles(features: Csr, items: number): Csr {
  if (features.rows !== items) throw new Error("trainArtistModel: itemFeatures must have one row per artist");
  const df = new Int32Array(features.cols);
  for (let p = 0; p < features.indices.length; p++) df[features.indices[p]!]! += 1;
  const data = new Float32Array(features.data.length);
  for (let i = 0; i < features.rows; i++) {
    let norm = 0;
    for (let p = features.indptr[i]!; p < features.indptr[i + 1]!; p++) {
      const v = Math.max(0, Math.log1p(features.data[p]!) * Math.log(features.rows / (1 + df[features.indices[p]!]!)));
      data[p] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let p = features.indptr[i]!; p < features.indptr[i + 1]!; p++) data[p] = data[p]! / norm;
  }
  return { rows: features.rows, cols: features.cols, indptr: features.indptr, indices: features.indices, data };
}

/**
 * Fills `out` (length `model.items`) with one score per artist for a listening history: artist
 * indices `items` with their play counts (or any positive weights) `values`. Higher is better; the
 * history's own artists are scored too (callers drop them). Needs no user index: iALS folds the
 * history in against the item factors, the other parts are item-level sums over the history.
 */
export function scoreHistory(model: ArtistModel, items: ArrayLike<number>, values: ArrayLike<number>, out: Float64Array): void {
  const n = model.items;
  if (out.length !== n) throw new Error(`scoreHistory: out must have ${n} entries`);
  const mask = new Uint8Array(n);
  for (let k = 0; k < items.length; k++) mask[items[k]!] = 1;
  out.fill(0);
  if (items.length === 0) return;
  const part = new Float64Array(n);
  model.ials.scoreVector(model.ials.foldIn(items, values), part);
  addZscored(out, part, mask, 1);
  const { content, popularity } = model.config;
  if (model.tags && content.weight > 0) {
    contentScores(model.tags, items, part);
    addZscored(out, part, mask, content.weight);
  }
  if (popularity.weight > 0) {
    for (let j = 0; j < n; j++) part[j] = Math.log1p(model.listeners[j]!);
    addZscored(out, part, mask, popularity.weight);
  }
}

/** Σ over the history of cosine(tags(i), tags(j)) for every artist j, into `out`. */
function contentScores(tags: Csr, items: ArrayLike<number>, out: Float64Array): void {
  const profile = new Float64Array(tags.cols);
  for (let k = 0; k < items.length; k++) {
    const i = items[k]!;
    for (let p = tags.indptr[i]!; p < tags.indptr[i + 1]!; p++) profile[tags.indices[p]!]! += tags.data[p]!;
  }
  for (let j = 0; j < tags.rows; j++) {
    let s = 0;
    for (let p = tags.indptr[j]!; p < tags.indptr[j + 1]!; p++) s += tags.data[p]! * profile[tags.indices[p]!]!;
    out[j] = s;
  }
}

/** out += weight · zscore(part), the statistics over the artists with mask 0 (outside the history). */
function addZscored(out: Float64Array, part: Float64Array, mask: Uint8Array, weight: number): void {
  let sum = 0;
  let sq = 0;
  let m = 0;
  for (let i = 0; i < part.length; i++) {
    if (mask[i]) continue;
    sum += part[i]!;
    sq += part[i]! * part[i]!;
    m++;
  }
  const mean = m ? sum / m : 0;
  const std = Math.sqrt(Math.max(0, (m ? sq / m : 0) - mean * mean));
  if (!(std > 0)) return;
  const scale = weight / std;
  for (let i = 0; i < part.length; i++) out[i]! += (part[i]! - mean) * scale;
}

/** Cosine of two artists' factor vectors (0 when either has none, e.g. never played in training). */
export function factorCosine(model: ArtistModel, a: number, b: number): number {
  const na = model.factorNorms[a]!;
  const nb = model.factorNorms[b]!;
  if (na === 0 || nb === 0) return 0;
  const d = model.ials.factors;
  const h = model.ials.itemFactors;
  let s = 0;
  for (let f = 0; f < d; f++) s += h[a * d + f]! * h[b * d + f]!;
  return s / (na * nb);
}

/** The `k` artists most similar to `item` by factor cosine, best first (itself excluded). */
export function similarTo(model: ArtistModel, item: number, k: number): ScoredItem[] {
  if (!(k > 0) || model.factorNorms[item] === 0) return [];
  const found: ScoredItem[] = [];
  for (let j = 0; j < model.items; j++) {
    if (j === item || model.factorNorms[j] === 0) continue;
    found.push({ item: j, score: factorCosine(model, item, j) });
  }
  found.sort((a, b) => b.score - a.score || a.item - b.item);
  return found.slice(0, k);
}

/**
 * Which of the listener's artists most supports `candidate` ("listeners who play A also play B"):
 * the history artists ranked by factor cosine with the candidate, best first, at most `k`.
 */
export function strongestSupport(model: ArtistModel, items: ArrayLike<number>, candidate: number, k = 1): ScoredItem[] {
  const found: ScoredItem[] = [];
  for (let q = 0; q < items.length; q++) {
    const i = items[q]!;
    if (i === candidate) continue;
    const score = factorCosine(model, i, candidate);
    if (score > 0) found.push({ item: i, score });
  }
  found.sort((a, b) => b.score - a.score || a.item - b.item);
  return found.slice(0, k);
}
