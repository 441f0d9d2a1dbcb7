/**
 * The served collaborative model seen from one listener: their artists matched to the model's by
 * normalised name, folded in with recency weighting, and the artists it expects them to like, each
 * with the listener's artist that supports it most ("listeners who play A also play B"). Pure: the
 * registry (`models.ts`) and the temporal evaluation call the same code, and `scoreHistory` is the
 * function `eval:reco` measures (`SERVED_SCORER`).
 */
import type { ListeningIndex } from "@/lib/listening";
import { csrFromTriples, scoreHistory, strongestSupport, trainArtistModel, type ArtistModel } from "./cf";
import type { TrackProfile } from "./profile";
import type { CollaborativeSignal } from "./types";

/** Where the pretrained public model lives in the repository (and, traced by next.config.ts, in the deployment). */
export const PRETRAINED_PATH = "lib/reco/pretrained/hetrec-lastfm.bin";

/** The scorer the app serves: the same function the HetRec evaluation scores its main row with. */
export const SERVED_SCORER = scoreHistory;

/** A collaborative model ready to serve: the model, its artists' identities, and where it was learnt. */
export interface ServedModel {
  model: ArtistModel;
  /** Normalised artist names, one per model artist. */
  keys: readonly string[];
  names: readonly string[];
  /** Model artist by `matchKey` of the normalised name. */
  byKey: ReadonlyMap<string, number>;
  /** Who taught it: "public" (the pretrained public co-listening model) or "deployment" (this deployment's listeners). */
  origin: "public" | "deployment";
  /** e.g. `cf-artist@3` or `hetrec-lastfm-2k/1`. */
  version: string;
}

/** How names meet: normalised, and without a leading "the" ("The Beatles" and "Beatles" are one artist). */
export function matchKey(normalisedName: string): string {
  return normalisedName.startsWith("the ") ? normalisedName.slice(4) : normalisedName;
}

export function servedModel(
  model: ArtistModel,
  meta: { keys: readonly string[]; names: readonly string[] },
  origin: ServedModel["origin"],
  version: string,
): ServedModel {
  const byKey = new Map<string, number>();
  meta.keys.forEach((key, index) => {
    const match = matchKey(key);
    if (!byKey.has(match)) byKey.set(match, index);
  });
  return { model, keys: meta.keys, names: meta.names, byKey, origin, version };
}

/** One listener's artists with their listens, all time and recent (e.g. the last 90 days), by normalised name. */
export interface ListenerArtists {
  keys: readonly string[];
  listens: ArrayLike<number>;
  recentListens: ArrayLike<number>;
}

/** Recent listens count this much more than old ones: taste moves, and the model should follow it. */
const RECENT_WEIGHT = 3;
/** An artist the listener has listened to at all is theirs already: the collaborative source is for artists new to them. */
const KNOWN_LISTENS = 1;

/** The listener's artists as the collaborative models read them. */
export function listenerArtists(index: ListeningIndex, profile: TrackProfile): ListenerArtists {
  return { keys: index.artists.map((artist) => artist.key), listens: profile.artistListens, recentListens: profile.artistRecentListens };
}

/**
 * The listener's history in the model's terms: matched artists with recency-weighted listens, and
 * how many of the listener's artists (with at least one listen) the model knows.
 */
export function historyIn(served: ServedModel, artists: ListenerArtists) {
  const items: number[] = [];
  const values: number[] = [];
  const seen = new Map<number, number>();
  const own = new Set<number>();
  let played = 0;
  for (let id = 0; id < artists.keys.length; id++) {
    const listens = artists.listens[id]!;
    if (listens <= 0) continue;
    played += 1;
    const position = served.byKey.get(matchKey(artists.keys[id]!));
    if (position === undefined) continue;
    const value = listens + RECENT_WEIGHT * artists.recentListens[id]!;
    if (listens >= KNOWN_LISTENS) own.add(position);
    // Two spellings of one artist in the history fold into one model artist.
    const at = seen.get(position);
    if (at !== undefined) values[at] = values[at]! + value;
    else {
      seen.set(position, items.length);
      items.push(position);
      values.push(value);
    }
  }
  return { items, values, own, matched: items.length, played };
}

/**
 * The artists the model expects this listener to like, best first (at most `limit`), leaving out
 * artists they already play; with the basis of the guess. Null when fewer than `minMatched` of
 * their artists are in the model: too little to go on.
 */
export function collaborativeFor(
  served: ServedModel,
  artists: ListenerArtists,
  options: { limit?: number; minMatched?: number } = {},
): CollaborativeSignal | null {
  const { items, values, own, matched, played } = historyIn(served, artists);
  if (matched < (options.minMatched ?? 2)) return null;
  const scores = new Float64Array(served.model.items);
  SERVED_SCORER(served.model, items, values, scores);
  const limit = options.limit ?? 20;
  const ranked: number[] = [];
  const order = [...scores.keys()].filter((item) => !own.has(item) && Number.isFinite(scores[item]!));
  order.sort((a, b) => scores[b]! - scores[a]! || a - b);
  for (const item of order) {
    if (ranked.length >= limit) break;
    ranked.push(item);
  }
  // Scores are blended z-scores: shift them positive for the sources' relative strengths.
  const floor = ranked.length > 0 ? scores[ranked[ranked.length - 1]!]! : 0;
  return {
    artists: ranked.map((item) => {
      const support = strongestSupport(served.model, items, item, 1)[0];
      return {
        key: served.keys[item]!,
        name: served.names[item]!,
        score: scores[item]! - floor + 1e-3,
        because: support ? served.names[support.item]! : null,
      };
    }),
    basis: { matched, played, origin: served.origin, version: served.version },
  };
}

/**
 * Two signals as one list: reciprocal-rank fusion (each list's rank r adds 1 / (60 + r)), so the
 * public model and the deployment's own neither drown the other; an artist keeps the evidence of
 * the list that ranks it higher.
 */
export function fuseSignals(signals: ReadonlyArray<CollaborativeSignal | null>, limit = 20): CollaborativeSignal | null {
  const present = signals.filter((signal): signal is CollaborativeSignal => signal !== null && signal.artists.length > 0);
  if (present.length === 0) return null;
  if (present.length === 1) return present[0]!;
  const fused = new Map<string, { entry: CollaborativeSignal["artists"][number]; score: number; best: number }>();
  for (const signal of present)
    signal.artists.forEach((entry, rank) => {
      const found = fused.get(entry.key);
      const add = 1 / (60 + rank + 1);
      if (!found) fused.set(entry.key, { entry, score: add, best: rank });
      else {
        found.score += add;
        if (rank < found.best) {
          found.best = rank;
          found.entry = entry;
        }
      }
    });
  const artists = [...fused.values()]
    .sort((a, b) => b.score - a.score || a.entry.key.localeCompare(b.entry.key))
    .slice(0, limit)
    .map(({ entry, score }) => ({ ...entry, score }));
  // The basis that matters for the explanation: the public model's, whose coverage is partial.
  const basis = present.find((signal) => signal.basis?.origin === "public")?.basis ?? present[0]!.basis;
  return { artists, ...(basis ? { basis } : {}) };
}

/** Listener × artist listens from listening indexes (normalised artist names), before a cut if given. */
export function matrixFrom(indexes: Array<{ index: ListeningIndex; before?: number }>, listenThresholdMs = 30_000) {
  const artistIds = new Map<string, number>();
  const names: string[] = [];
  const rows: Array<Map<number, number>> = [];
  for (const { index, before } of indexes) {
    const counts = new Map<number, number>();
    const local = new Int32Array(index.artists.length).fill(-1);
    index.artists.forEach((artist, id) => {
      let global = artistIds.get(artist.key);
      if (global === undefined) {
        global = names.push(artist.name) - 1;
        artistIds.set(artist.key, global);
      }
      local[id] = global;
    });
    for (let row = 0; row < index.count; row++) {
      if (before !== undefined && index.playedAt[row]! >= before) break;
      if (index.msPlayed[row]! < listenThresholdMs) continue;
      const artist = local[index.artist[row]!]!;
      counts.set(artist, (counts.get(artist) ?? 0) + 1);
    }
    rows.push(counts);
  }
  return { artists: [...artistIds.keys()], names, rows };
}

/** Trains the served model class on listener × artist listens: the same code as the public model's. */
export function trainDeploymentModel(matrix: ReturnType<typeof matrixFrom>, seed = 42) {
  const users: number[] = [];
  const items: number[] = [];
  const values: number[] = [];
  matrix.rows.forEach((row, user) => {
    for (const [artist, listens] of row) {
      users.push(user);
      items.push(artist);
      values.push(listens);
    }
  });
  const train = csrFromTriples(matrix.rows.length, matrix.artists.length, users, items, values);
  return trainArtistModel(train, { seed });
}

const HOLDOUT_MS = 60 * 86_400_000;

/**
 * Held-out time: each listener's last 60 days are hidden, the model is trained on everything
 * before, and the listener's signal (exactly as served) ranks the artists they had not played;
 * the artists they did start playing in those days are the hits. Recall@50 and NDCG@20, averaged
 * over listeners with any.
 */
export function evaluateHeldOut(
  indexes: ListeningIndex[],
  listenThresholdMs = 30_000,
): { recallAt50: number; ndcgAt20: number; users: number } {
  const cuts = indexes.map((index) => (index.count > 0 ? index.playedAt[index.count - 1]! : 0) - HOLDOUT_MS);
  const matrix = matrixFrom(
    indexes.map((index, at) => ({ index, before: cuts[at] })),
    listenThresholdMs,
  );
  const model = trainDeploymentModel(matrix);
  const served = servedModel(model, { keys: matrix.artists, names: matrix.names }, "deployment", "held-out");
  const byKey = new Map(matrix.artists.map((key, at) => [key, at]));
  let recall = 0;
  let ndcg = 0;
  let users = 0;
  indexes.forEach((index, user) => {
    const before = matrix.rows[user]!;
    const truth = new Set<string>();
    for (let row = 0; row < index.count; row++) {
      if (index.playedAt[row]! < cuts[user]! || index.msPlayed[row]! < listenThresholdMs) continue;
      const key = index.artists[index.artist[row]!]!.key;
      const at = byKey.get(key);
      if (at === undefined || !before.has(at)) truth.add(key);
    }
    if (truth.size === 0 || before.size === 0) return;
    const keys = [...before.keys()].map((at) => matrix.artists[at]!);
    const listens = [...before.values()];
    const signal = collaborativeFor(served, { keys, listens, recentListens: listens.map(() => 0) }, { limit: 50, minMatched: 1 });
    // Only artists new to the listener count (the signal leaves out those they listened to).
    const ranked = (signal?.artists ?? []).filter((artist) => !byKey.has(artist.key) || !before.has(byKey.get(artist.key)!));
    recall += ranked.filter((artist) => truth.has(artist.key)).length / Math.min(truth.size, 50);
    let dcg = 0;
    ranked.slice(0, 20).forEach((artist, rank) => {
      if (truth.has(artist.key)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(truth.size, 20); rank++) ideal += 1 / Math.log2(rank + 2);
    ndcg += dcg / ideal;
    users += 1;
  });
  return { recallAt50: users > 0 ? recall / users : 0, ndcgAt20: users > 0 ? ndcg / users : 0, users };
}
