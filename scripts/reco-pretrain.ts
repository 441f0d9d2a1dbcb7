/**
 * `npm run reco:pretrain [-- --data <dir>] [--out <file>] [--no-check]`: trains the served artist
 * model (`ARTIST_MODEL`) on ALL of HetRec 2011 Last.fm 2K and writes the compact artifact the app
 * ships (lib/reco/pretrained/hetrec-lastfm.bin, see its README for the licence).
 *
 * Data: `--data`, else HETREC_DIR, else data/hetrec2011-lastfm-2k (`npm run data:hetrec`).
 * Before that, unless `--no-check`, it measures what the compact encoding costs: the model trained
 * on fold 0's training rows, scored through `scoreHistory` in float and after an encode/decode
 * round trip, NDCG@10 on fold 0 for both (they must stay within 0.002).
 * Prints the artifact's size, artists, training seconds, cold decode seconds and the decoded
 * model's resident memory.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { parseArgs } from "node:util";

import { buildPublicGenres } from "@/lib/genres";
import { normaliseName } from "@/lib/listening";
import {
  ARTIST_MODEL,
  csrFromTriples,
  decodeArtistModel,
  encodeArtistModel,
  evaluateFold,
  hetrecSideInformation,
  loadHetrec,
  makeFold,
  scoreHistory,
  servedModelForFold,
  trainArtistModel,
  type ArtistModelMeta,
  type HetrecDataset,
} from "@/lib/reco";

const DOWNLOADED = "data/hetrec2011-lastfm-2k";
const OUT = "lib/reco/pretrained/hetrec-lastfm.bin";
const MAX_DRIFT = 0.002;
const GENRES_OUT = "lib/genres/public-artist-genres.json";
const GENRE_SOURCE = "HetRec 2011 Last.fm 2K v1.0 (GroupLens / Last.fm): listener-applied tags. Non-commercial research use only.";

const { values } = parseArgs({
  options: {
    data: { type: "string" },
    out: { type: "string", default: OUT },
    "no-check": { type: "boolean", default: false },
  },
});
const data = resolve(values.data ?? (process.env.HETREC_DIR?.trim() || DOWNLOADED));
if (!existsSync(join(data, "user_artists.dat"))) {
  console.error(`reco:pretrain: ${data} has no user_artists.dat. Pass --data <dir>, set HETREC_DIR, or run npm run data:hetrec.`);
  process.exit(2);
}

const ds = loadHetrec(data);
const rows = { users: ds.userIds.length, items: ds.artistIds.length, user: ds.plays.user, item: ds.plays.item, count: ds.plays.count };
console.log(`HetRec Last.fm 2K from ${data}: ${rows.users} users, ${rows.items} artists, ${ds.plays.user.length} listening rows`);

/** Each artist's most applied tags (lowercase, most applied first, ties by name), at most 5. */
function topTags(ds: HetrecDataset): string[][] {
  const counts = Array.from({ length: ds.artistIds.length }, () => new Map<string, number>());
  const ta = ds.tagAssignments;
  for (let k = 0; k < ta.item.length; k++) {
    const name = (ds.tagNames[ta.tag[k]!] ?? "").trim().toLowerCase();
    if (!name) continue;
    const m = counts[ta.item[k]!]!;
    m.set(name, (m.get(name) ?? 0) + 1);
  }
  return counts.map((m) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, 5)
      .map(([name]) => name),
  );
}

if (!values["no-check"]) {
  const fold = makeFold(rows, 0, 5);
  const side = hetrecSideInformation(ds, fold.test);
  const served = servedModelForFold(fold, side.itemTags);
  const float = evaluateFold(served, fold).metrics.ndcg10;
  const placeholder: ArtistModelMeta = {
    keys: ds.artistIds.map(() => ""),
    names: ds.artistIds.map(() => ""),
    tags: ds.artistIds.map(() => []),
    source: "check",
    version: "check",
    trainedAt: new Date(0).toISOString(),
  };
  const { model: compact } = decodeArtistModel(encodeArtistModel(served.model, placeholder));
  const train = fold.train;
  const quantised = evaluateFold(
    {
      items: train.cols,
      scoreUser: (u, out) =>
        scoreHistory(
          compact,
          train.indices.subarray(train.indptr[u]!, train.indptr[u + 1]!),
          train.data.subarray(train.indptr[u]!, train.indptr[u + 1]!),
          out,
        ),
    },
    fold,
  ).metrics.ndcg10;
  const drift = Math.abs(float - quantised);
  console.log(
    `encoding check (fold 0): NDCG@10 float ${float.toFixed(4)}, compact ${quantised.toFixed(4)}, drift ${drift.toFixed(4)} (limit ${MAX_DRIFT})`,
  );
  if (drift > MAX_DRIFT) {
    console.error("reco:pretrain: the compact encoding moves NDCG@10 too much; not writing the artifact.");
    process.exit(1);
  }
}

// Every row is training data here (duplicate pairs summed, as the folds do).
const everything = csrFromTriples(rows.users, rows.items, rows.user, rows.item, rows.count);
const t0 = performance.now();
const model = trainArtistModel(everything, { itemFeatures: hetrecSideInformation(ds).itemTags });
const trainSeconds = (performance.now() - t0) / 1000;
const meta: ArtistModelMeta = {
  keys: ds.artistNames.map((name) => normaliseName(name)),
  names: ds.artistNames,
  tags: topTags(ds),
  source:
    "HetRec 2011 Last.fm 2K v1.0 (GroupLens / Last.fm): 1,892 listeners' top-50 artists with play counts and tags. Non-commercial research use only.",
  version: "hetrec-lastfm-2k/1",
  trainedAt: new Date().toISOString(),
};
const bytes = encodeArtistModel(model, meta);
const out = resolve(values.out);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, bytes);

const before = process.memoryUsage();
const t1 = performance.now();
const decoded = decodeArtistModel(readFileSync(out));
const decodeSeconds = (performance.now() - t1) / 1000;
const after = process.memoryUsage();
const resident = after.arrayBuffers - before.arrayBuffers + Math.max(0, after.heapUsed - before.heapUsed);
console.log(
  `wrote ${values.out}: ${(bytes.length / 1e6).toFixed(2)} MB, ${decoded.model.items} artists, d = ${decoded.model.ials.factors}; ` +
    `train ${trainSeconds.toFixed(1)} s (all rows), decode ${decodeSeconds.toFixed(3)} s cold, decoded model ≈ ${(resident / 1e6).toFixed(0)} MB in memory`,
);
console.log(`configuration: ${JSON.stringify(ARTIST_MODEL)}`);

// The public genre table (lib/genres): each artist's listener tags read as genres, for listeners
// Spotify gives no genres for.
const table = buildPublicGenres(
  {
    artists: readFileSync(join(data, "artists.dat"), "utf8"),
    tags: readFileSync(join(data, "tags.dat"), "latin1"),
    taggings: readFileSync(join(data, "user_taggedartists.dat"), "utf8"),
  },
  GENRE_SOURCE,
);
writeFileSync(GENRES_OUT, JSON.stringify(table));
console.log(`wrote ${GENRES_OUT}: ${Object.keys(table.artists).length.toLocaleString("en")} artists with genres`);
