/**
 * Collaborative filtering for EchoTune's recommender: pure TypeScript over typed arrays, no I/O.
 *
 * Data: implicit feedback as (user, item, value) triples (`Interactions`, values e.g. play counts)
 * or a CSR matrix users × items (`Csr`). Models implement `ImplicitModel`: `scoreUser(user, out)`
 * fills one score per item (higher = better); `recommend` turns that into a top-N list without the
 * user's own items. Training is deterministic (seeded).
 *
 * The served model is `trainArtistModel` / `scoreHistory` (artist-model.ts): the one class of model
 * `npm run eval:reco` measures and the app serves, from a listening history alone.
 * `trainRecommender` is the earlier blend (iALS with a pruned tag KNN and a friends model over
 * user links), kept for the evaluation's comparison rows; both share the iALS settings.
 */
import { ARTIST_MODEL } from "./artist-model";
import { BlendModel, type BlendNormalization } from "./blend";
import { trainIals, type IalsOptions } from "./ials";
import { topN, type ImplicitModel, type ScoredItem } from "./model";
import { trainContentKnn, trainSocial, type ContentKnnOptions, type SocialOptions } from "./side";
import { csrFromInteractions, type Csr, type Interactions } from "./sparse";

export {
  ARTIST_MODEL,
  assembleArtistModel,
  factorCosine,
  scoreHistory,
  similarTo,
  strongestSupport,
  trainArtistModel,
  type ArtistModel,
  type ArtistModelConfig,
  type TrainArtistModelOptions,
} from "./artist-model";
export { decodeArtistModel, encodeArtistModel, type ArtistModelMeta } from "./artist-model-codec";
export { BlendModel, normalizeScores, type BlendNormalization, type BlendOptions } from "./blend";
export { confidences, IalsModel, trainIals, type IalsFoldIn, type IalsOptions } from "./ials";
export { ItemItemModel, topKPerRow } from "./item-item";
export { trainItemKnn, type ItemKnnOptions } from "./item-knn";
export { topN, type ImplicitModel, type ScoredItem } from "./model";
export { trainPopular } from "./popular";
export { trainRp3beta, type Rp3betaOptions } from "./rp3beta";
export { trainContentKnn, trainSocial, type ContentKnnOptions, type SocialOptions } from "./side";
export { createRng } from "./random";
export {
  binarize,
  colCounts,
  csrFromInteractions,
  csrFromTriples,
  hasEntry,
  mapValues,
  rowCounts,
  transpose,
  type Csr,
  type Interactions,
} from "./sparse";

/** The tuned iALS settings (HetRec Last.fm 2K, see lib/reco/eval): the served model's. */
export const DEFAULT_IALS: Readonly<IalsOptions> = ARTIST_MODEL.ials;

export interface RecommenderOptions {
  /** Overrides of `DEFAULT_IALS`. */
  ials?: IalsOptions;
  /** items × features (e.g. tag counts per artist): adds a content item-KNN component. */
  itemFeatures?: Csr;
  /** users × users (e.g. friendships, both directions): adds a friends component. */
  userLinks?: Csr;
  /** Blend weights relative to iALS = 1 (defaults: content 0.15, social 0.05). */
  weights?: { content?: number; social?: number };
  content?: ContentKnnOptions;
  social?: SocialOptions;
  normalization?: BlendNormalization;
  seed?: number;
}

const isCsr = (data: Interactions | Csr): data is Csr => "indptr" in data;

/**
 * Trains the best configuration on users × items implicit feedback. Values are play counts (or any
 * positive engagement measure): each user's items are weighted by their plays relative to the
 * user's own (geometric) mean, so heavy and light listeners count alike.
 */
export function trainRecommender(data: Interactions | Csr, options: RecommenderOptions = {}): ImplicitModel {
  const train = isCsr(data) ? data : csrFromInteractions(data);
  const ials = trainIals(train, { ...DEFAULT_IALS, seed: options.seed ?? 42, ...options.ials });
  const parts: Array<{ model: ImplicitModel; weight: number }> = [{ model: ials, weight: 1 }];
  const contentWeight = options.weights?.content ?? 0.15;
  const socialWeight = options.weights?.social ?? 0.05;
  if (options.itemFeatures && contentWeight > 0)
    parts.push({ model: trainContentKnn(train, options.itemFeatures, options.content), weight: contentWeight });
  if (options.userLinks && socialWeight > 0)
    parts.push({ model: trainSocial(train, options.userLinks, options.social), weight: socialWeight });
  if (parts.length === 1) return ials;
  return new BlendModel(parts, {
    normalization: options.normalization ?? "zscore",
    seen: train,
    name: `best(${parts.map((p) => `${p.weight}*${p.model.name}`).join(" + ")})`,
  });
}

/**
 * The user's top `n` items, best first, without the items in `seen` (by default none; pass the
 * training matrix to drop what the user already has).
 */
export function recommend(model: ImplicitModel, user: number, n: number, seen?: Csr): ScoredItem[] {
  const scores = new Float64Array(model.items);
  model.scoreUser(user, scores);
  let exclude: Uint8Array | undefined;
  if (seen) {
    exclude = new Uint8Array(model.items);
    for (let p = seen.indptr[user]!; p < seen.indptr[user + 1]!; p++) exclude[seen.indices[p]!] = 1;
  }
  return topN(scores, n, exclude);
}
