/**
 * The served artist model on one HetRec fold: trained on the fold's training rows only (tag
 * features without the fold's hidden pairs, see `hetrecSideInformation`), and every test user
 * scored by `EVALUATED_SCORER` from their training row alone, exactly as the app scores a
 * listener's history. A unit test asserts `EVALUATED_SCORER === scoreHistory`, so the number the
 * evaluation prints is the number of the function the app calls.
 */
import { scoreHistory, trainArtistModel, type ArtistModel, type ArtistModelConfig } from "../cf/artist-model";
import type { ImplicitModel } from "../cf/model";
import type { Csr } from "../cf/sparse";
import type { Fold } from "./protocol";

/** The scorer the evaluation measures: the served one. */
export const EVALUATED_SCORER: typeof scoreHistory = scoreHistory;

export interface ServedFoldModel extends ImplicitModel {
  readonly model: ArtistModel;
}

/**
 * `trainArtistModel` on `fold.train` with `itemTags` (items × tags, already without the fold's test
 * pairs), wrapped so the protocol's `scoreUser(u)` calls `EVALUATED_SCORER` with u's training row.
 */
export function servedModelForFold(
  fold: Fold,
  itemTags: Csr | undefined,
  options: { config?: ArtistModelConfig; seed?: number } = {},
): ServedFoldModel {
  const train = fold.train;
  const model = trainArtistModel(train, { itemFeatures: itemTags, ...options });
  const { content, popularity } = model.config;
  const name = `served(${model.ials.name}${model.tags ? ` + ${content.weight}*tags` : ""}${popularity.weight ? ` + ${popularity.weight}*popularity` : ""})`;
  return {
    name,
    users: train.rows,
    items: train.cols,
    model,
    scoreUser(user: number, out: Float64Array) {
      const start = train.indptr[user]!;
      const end = train.indptr[user + 1]!;
      EVALUATED_SCORER(model, train.indices.subarray(start, end), train.data.subarray(start, end), out);
    },
    toJSON: () => ({ name, config: model.config }),
  };
}
