/**
 * Temporal evaluation on listening histories: for each listener, everything before a cut is what
 * the recommender may learn from; the tracks they listened to in the 30 days after it are the
 * truth (all of them, and only those new to the listener). Recall@50 and NDCG@20 for the engine,
 * against two baselines: replaying the listener's top tracks, and what was popular lately.
 */
import { IndexBuilder, type ListeningIndex, type PlayRow } from "@/lib/listening";
import { NO_FEEDBACK, recommend, type CatalogPort, type CatalogTrack } from "./engine";
import { matrixFromRows, type ArtistRow } from "./matrix";
import { artistNeighbours, scoreArtists } from "./neighbours";
import { trackProfile } from "./profile";

const DAY_MS = 86_400_000;
const WINDOW_MS = 30 * DAY_MS;
const THRESHOLD = 30_000;

export interface History {
  name: string;
  rows: PlayRow[];
}

export interface TemporalScores {
  recallAt50: number;
  ndcgAt20: number;
}

export interface TemporalResult {
  listeners: number;
  all: Record<string, TemporalScores>;
  fresh: Record<string, TemporalScores>;
  /** Listeners with at least one new track in the window (the "new only" average is over them). */
  freshListeners: number;
}

function buildIndex(name: string, rows: PlayRow[], before = Number.POSITIVE_INFINITY): ListeningIndex {
  const builder = new IndexBuilder(name, 1);
  for (const row of rows) if (row.playedAt < before) builder.add(row);
  return builder.build();
}

function score(ranked: string[], truth: ReadonlySet<string>): TemporalScores {
  if (truth.size === 0) return { recallAt50: 0, ndcgAt20: 0 };
  const top = ranked.slice(0, 50);
  const hits = top.filter((key) => truth.has(key)).length;
  let dcg = 0;
  top.slice(0, 20).forEach((key, rank) => {
    if (truth.has(key)) dcg += 1 / Math.log2(rank + 2);
  });
  let ideal = 0;
  for (let rank = 0; rank < Math.min(truth.size, 20); rank++) ideal += 1 / Math.log2(rank + 2);
  return { recallAt50: hits / Math.min(truth.size, 50), ndcgAt20: dcg / ideal };
}

/**
 * A catalogue made of the histories themselves, for exports without one: an artist's tracks are
 * the tracks anyone here played by them, most played first.
 */
export function historyCatalog(histories: History[]): CatalogPort {
  const byArtist = new Map<string, Map<string, { track: CatalogTrack; plays: number }>>();
  const byId = new Map<string, CatalogTrack>();
  for (const history of histories) {
    for (const row of history.rows) {
      if (!row.trackId) continue;
      const artist = row.artistName.toLowerCase();
      let tracks = byArtist.get(artist);
      if (!tracks) {
        tracks = new Map();
        byArtist.set(artist, tracks);
      }
      let entry = tracks.get(row.trackId);
      if (!entry) {
        const track: CatalogTrack = {
          trackId: row.trackId,
          name: row.trackName,
          artist: row.artistName,
          album: row.albumName,
          imageUrl: null,
          releaseYear: null,
          durationMs: null,
          explicit: null,
          families: [],
          popularity: null,
        };
        entry = { track, plays: 0 };
        tracks.set(row.trackId, entry);
        byId.set(row.trackId, track);
      }
      entry.plays += 1;
    }
  }
  return {
    async tracks(ids) {
      return new Map(ids.flatMap((id) => (byId.has(id) ? [[id, byId.get(id)!] as const] : [])));
    },
    async artistTracks(artistName) {
      return [...(byArtist.get(artistName.toLowerCase())?.values() ?? [])]
        .sort((a, b) => b.plays - a.plays)
        .slice(0, 40)
        .map((entry) => entry.track);
    },
  };
}

/**
 * Evaluates `listeners` (each with its own cut: 30 days before its last play), with `others` as
 * the rest of the world (collaborative model and recent popularity). `catalog` answers artists'
 * tracks (the demo catalogue, or `historyCatalog` for real exports).
 */
export async function temporalEvaluation(input: {
  listeners: History[];
  others: History[];
  catalog: CatalogPort;
  novelty?: number;
}): Promise<TemporalResult> {
  const methods = ["engine", "replay top tracks", "recent popularity"] as const;
  const all: Record<string, TemporalScores> = Object.fromEntries(methods.map((method) => [method, { recallAt50: 0, ndcgAt20: 0 }]));
  const fresh: Record<string, TemporalScores> = Object.fromEntries(methods.map((method) => [method, { recallAt50: 0, ndcgAt20: 0 }]));
  let counted = 0;
  let freshCounted = 0;

  for (const listener of input.listeners) {
    const last = listener.rows.reduce((latest, row) => Math.max(latest, row.playedAt), 0);
    const cut = last - WINDOW_MS;
    const before = buildIndex(listener.name, listener.rows, cut);
    if (before.count === 0) continue;
    const known = new Set(before.tracks.map((track) => track.key));
    const truthAll = new Set<string>();
    for (const row of listener.rows)
      if (row.playedAt >= cut && row.playedAt < cut + WINDOW_MS && row.msPlayed >= THRESHOLD) truthAll.add(row.trackKey);
    if (truthAll.size === 0) continue;
    const truthNew = new Set([...truthAll].filter((key) => !known.has(key)));

    // The world before the cut: the collaborative model and what was popular in the 30 days before it.
    const world = [...input.others.filter((other) => other.name !== listener.name), listener];
    const artistRows: ArtistRow[] = world.map((history) =>
      history.rows.filter((row) => row.playedAt < cut && row.msPlayed >= THRESHOLD).map((row) => row.artistName),
    );
    const matrix = matrixFromRows(artistRows);
    const model = artistNeighbours(matrix, { k: 40, shrink: 10 });
    const listenerRow = matrix.rows[matrix.rows.length - 1]!;
    const scores = scoreArtists(model, listenerRow);
    const profile = trackProfile(before, { now: cut, timeZone: "UTC", listenThresholdMs: THRESHOLD });
    const knownArtists = new Set([...listenerRow].filter(([, count]) => count >= 3).map(([artist]) => artist));
    const ranked = [...scores.keys()]
      .filter((artist) => scores[artist]! > 0 && !knownArtists.has(artist))
      .sort((a, b) => scores[b]! - scores[a]!)
      .slice(0, 20);
    const collaborative = {
      artists: ranked.map((artist) => ({
        key: matrix.artists[artist]!,
        name: matrix.names[artist]!,
        score: scores[artist]!,
        because: null,
      })),
    };

    const engine = await recommend({
      index: before,
      profile,
      feedback: NO_FEEDBACK,
      catalog: input.catalog,
      collaborative,
      request: { limit: 50, novelty: input.novelty ?? 0.35, recentDays: 0, allowExplicit: true, perArtist: 4 },
    });
    const engineKeys = engine.map((item) => item.key);
    // "Only new tracks": the engine asked for new music (the slider at the new end).
    const engineNew = await recommend({
      index: before,
      profile,
      feedback: NO_FEEDBACK,
      catalog: input.catalog,
      collaborative,
      request: { limit: 50, novelty: 1, recentDays: 0, allowExplicit: true, perArtist: 6 },
    });

    const topTracks = [...before.tracks.keys()]
      .sort((a, b) => profile.listens[b]! - profile.listens[a]!)
      .slice(0, 50)
      .map((id) => before.tracks[id]!.key);
    const popularity = new Map<string, number>();
    for (const history of world)
      for (const row of history.rows)
        if (row.playedAt >= cut - WINDOW_MS && row.playedAt < cut && row.msPlayed >= THRESHOLD)
          popularity.set(row.trackKey, (popularity.get(row.trackKey) ?? 0) + 1);
    const popular = [...popularity].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([key]) => key);
    const popularNew = popular.filter((key) => !known.has(key));

    const lists: Record<(typeof methods)[number], { all: string[]; fresh: string[] }> = {
      engine: { all: engineKeys, fresh: engineNew.map((item) => item.key).filter((key) => !known.has(key)) },
      "replay top tracks": { all: topTracks, fresh: [] },
      "recent popularity": { all: popular.slice(0, 50), fresh: popularNew.slice(0, 50) },
    };
    counted += 1;
    if (truthNew.size > 0) freshCounted += 1;
    for (const method of methods) {
      const a = score(lists[method].all, truthAll);
      all[method]!.recallAt50 += a.recallAt50;
      all[method]!.ndcgAt20 += a.ndcgAt20;
      if (truthNew.size > 0) {
        const f = score(lists[method].fresh, truthNew);
        fresh[method]!.recallAt50 += f.recallAt50;
        fresh[method]!.ndcgAt20 += f.ndcgAt20;
      }
    }
  }
  for (const method of methods) {
    all[method] = { recallAt50: all[method]!.recallAt50 / Math.max(1, counted), ndcgAt20: all[method]!.ndcgAt20 / Math.max(1, counted) };
    fresh[method] = {
      recallAt50: fresh[method]!.recallAt50 / Math.max(1, freshCounted),
      ndcgAt20: fresh[method]!.ndcgAt20 / Math.max(1, freshCounted),
    };
  }
  return { listeners: counted, all, fresh, freshListeners: freshCounted };
}
