import { describe, expect, it } from "vitest";
import { ARTIST_MODEL, scoreHistory } from "../cf/artist-model";
import { transpose } from "../cf/sparse";
import { hetrecSideInformation, parseHetrec } from "./hetrec";
import { makeFold } from "./protocol";
import { EVALUATED_SCORER, servedModelForFold } from "./served";

const enc = (s: string) => new TextEncoder().encode(s);

/** 12 listeners × 8 artists in two clusters; every listener tags every artist they play. */
function dataset() {
  const plays = ["userID\tartistID\tweight"];
  const tagged = ["userID\tartistID\ttagID\tday\tmonth\tyear"];
  for (let u = 1; u <= 12; u++) {
    const base = u <= 6 ? 1 : 5;
    for (let k = 0; k < 4; k++) {
      plays.push(`${u}\t${base + k}\t${10 + u + k}`);
      tagged.push(`${u}\t${base + k}\t${u <= 6 ? 1 : 2}\t1\t1\t2011`);
    }
  }
  return parseHetrec({
    userArtists: enc(plays.join("\n")),
    artists: enc(["id\tname", ...[1, 2, 3, 4, 5, 6, 7, 8].map((a) => `${a}\tA${a}`)].join("\n")),
    tags: enc("tagID\ttagValue\n1\trock\n2\tjazz"),
    userTaggedArtists: enc(tagged.join("\n")),
  });
}

describe("the evaluated model is the served one", () => {
  it("scores with the very function the app calls", () => {
    expect(EVALUATED_SCORER).toBe(scoreHistory);
  });

  it("scores each test user from their training row through scoreHistory", () => {
    const ds = dataset();
    const rows = { users: ds.userIds.length, items: ds.artistIds.length, user: ds.plays.user, item: ds.plays.item, count: ds.plays.count };
    const fold = makeFold(rows, 0, 5);
    const side = hetrecSideInformation(ds, fold.test);
    const served = servedModelForFold(fold, side.itemTags, { config: { ...ARTIST_MODEL, ials: { ...ARTIST_MODEL.ials, factors: 4 } } });
    const u = fold.testUsers[0]!;
    const viaEval = new Float64Array(rows.items);
    served.scoreUser(u, viaEval);
    const direct = new Float64Array(rows.items);
    const { indptr, indices, data } = fold.train;
    scoreHistory(served.model, indices.subarray(indptr[u]!, indptr[u + 1]!), data.subarray(indptr[u]!, indptr[u + 1]!), direct);
    expect([...viaEval]).toEqual([...direct]);
  });

  it("builds each fold's tag features without the tags a test user put on a test artist", () => {
    const ds = dataset();
    const rows = { users: ds.userIds.length, items: ds.artistIds.length, user: ds.plays.user, item: ds.plays.item, count: ds.plays.count };
    const total = ds.tagAssignments.user.length;
    for (let f = 0; f < 5; f++) {
      const fold = makeFold(rows, f, 5);
      const { itemTags } = hetrecSideInformation(ds, fold.test);
      // Every tag assignment here is on a played pair, so exactly the test pairs' ones go.
      const kept = itemTags.data.reduce((a, b) => a + b, 0);
      expect(kept).toBe(total - fold.test.indices.length);
      // And per artist, the count left is the number of training listeners who tagged it.
      const byItem = transpose(fold.train);
      for (let i = 0; i < rows.items; i++) {
        const left = itemTags.data.subarray(itemTags.indptr[i]!, itemTags.indptr[i + 1]!).reduce((a, b) => a + b, 0);
        expect(left).toBe(byItem.indptr[i + 1]! - byItem.indptr[i]!);
      }
    }
  });
});
