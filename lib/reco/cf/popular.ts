/** Most popular: every user gets the items with the most training users. */
import type { ImplicitModel } from "./model";
import { colCounts, type Csr } from "./sparse";

export function trainPopular(train: Csr): ImplicitModel {
  const popularity = colCounts(train);
  return {
    name: "popular",
    users: train.rows,
    items: train.cols,
    scoreUser(_user: number, out: Float64Array) {
      for (let i = 0; i < popularity.length; i++) out[i] = popularity[i]!;
    },
    toJSON: () => ({ name: "popular", popularity: Array.from(popularity) }),
  };
}
