/**
 * Temporal evaluation on listening histories: for each listener, everything before a cut is what
 * the recommender may learn from; the tracks they listened to in the 30 days after it are the
 * truth (all of them, and only those new to the listener), and so are their artists. Recall@50
 * and NDCG@20 for the engine at three settings of the familiar-to-new slider, against three
 * baselines: replaying the listener's top tracks, what was popular lately, and the listener's own
 * last 30 days. And how much the listening contexts change the list.
 */
import { IndexBuilder, normaliseName, type ListeningIndex, type PlayRow } from "@/lib/listening";
import { NO_FEEDBACK, recommend, type CatalogPort, type CatalogTrack, type CollaborativeSignal } from "./engine";
import { matrixFromRows, type ArtistRow } from "./matrix";
import { collaborativeFor, fuseSignals, historyIn, servedModel, trainDeploymentModel, type ServedModel } from "./collaborative";
import { RECENT_DAYS, trackProfile, type TrackProfile } from "./profile";
import { contextOverlaps, type ContextOverlap } from "./temporal-contexts";

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

/** The four measures of one list: tracks and artists, all of them and only those new to the listener. */
export interface TemporalRow {
  tracks: TemporalScores;
  newTracks: TemporalScores;
  artists: TemporalScores;
  newArtists: TemporalScores;
}

/** The slider's two ends and its middle. */
export const NOVELTY_LEVELS = [
  { name: "familiar", novelty: 0 },
  { name: "middle", novelty: 0.5 },
  { name: "new", novelty: 1 },
] as const;

export const BASELINES = ["replay top tracks", "recent popularity", "your last 30 days"] as const;

export interface TemporalResult {
  listeners: number;
  /** Rows by method: `engine familiar (0)`, `engine middle (0.5)`, `engine new (1)`, then the baselines. */
  rows: Record<string, TemporalRow>;
  /** Listeners with at least one new track (artist) in the window: the "new" averages are over them. */
  newTrackListeners: number;
  newArtistListeners: number;
  contexts: ContextOverlap[];
  /** With a public model: how many of the listeners' artists it knows (by normalised name), summed over listeners. */
  publicMatch?: { listeners: number; matched: number; played: number };
}

export const engineRowName = (level: (typeof NOVELTY_LEVELS)[number]) => `engine ${level.name} (${level.novelty})`;

/**
 * Whether the engine wins at both ends of the slider: at familiar it beats every baseline on
 * recall@50 over all tracks; at new it beats every baseline on recall@50 of new tracks and of
 * new artists. The reasons it does not, when it does not.
 */
export function engineWins(result: TemporalResult): { wins: boolean; failures: string[] } {
  const familiar = result.rows[engineRowName(NOVELTY_LEVELS[0])]!;
  const fresh = result.rows[engineRowName(NOVELTY_LEVELS[2])]!;
  const failures: string[] = [];
  for (const baseline of BASELINES) {
    const row = result.rows[baseline]!;
    if (!(familiar.tracks.recallAt50 > row.tracks.recallAt50)) failures.push(`familiar: recall@50 all tracks not above ${baseline}`);
    if (!(fresh.newTracks.recallAt50 > row.newTracks.recallAt50)) failures.push(`new: recall@50 new tracks not above ${baseline}`);
    if (!(fresh.newArtists.recallAt50 > row.newArtists.recallAt50)) failures.push(`new: recall@50 new artists not above ${baseline}`);
  }
  return { wins: failures.length === 0, failures };
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
          previewUrl: null,
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
 * The collaborative signal the app would serve the listener at the cut: the served artist model
 * (`trainDeploymentModel`) trained on everyone's listens before it, and for real listeners the
 * pretrained public model too, fused as in lib/reco/models.ts; the listener's artists weigh by
 * listens, those of the last 90 days counting more. Null when neither knows enough of them.
 */
export function collaborativeBefore(
  world: History[],
  cut: number,
  publicModel?: ServedModel | null,
): { signal: CollaborativeSignal | null; publicMatch: { matched: number; played: number } | null } {
  const artistRows: ArtistRow[] = world.map((history) =>
    history.rows.filter((row) => row.playedAt < cut && row.msPlayed >= THRESHOLD).map((row) => row.artistName),
  );
  const matrix = matrixFromRows(artistRows);
  const served = servedModel(trainDeploymentModel(matrix), { keys: matrix.artists, names: matrix.names }, "deployment", "temporal");
  const recent = new Map<string, number>();
  for (const row of world[world.length - 1]!.rows)
    if (row.playedAt >= cut - RECENT_DAYS * DAY_MS && row.playedAt < cut && row.msPlayed >= THRESHOLD)
      recent.set(normaliseName(row.artistName), (recent.get(normaliseName(row.artistName)) ?? 0) + 1);
  const keys: string[] = [];
  const listens: number[] = [];
  const recentListens: number[] = [];
  for (const [artist, count] of matrix.rows[matrix.rows.length - 1]!) {
    keys.push(matrix.artists[artist]!);
    listens.push(count);
    recentListens.push(recent.get(matrix.artists[artist]!) ?? 0);
  }
  const artists = { keys, listens, recentListens };
  const signal = fuseSignals([publicModel ? collaborativeFor(publicModel, artists) : null, collaborativeFor(served, artists)]);
  return { signal, publicMatch: publicModel ? historyIn(publicModel, artists) : null };
}

const artistKey = (name: string) => name.trim().toLowerCase();
const emptyScores = (): TemporalScores => ({ recallAt50: 0, ndcgAt20: 0 });
const emptyRow = (): TemporalRow => ({
  tracks: emptyScores(),
  newTracks: emptyScores(),
  artists: emptyScores(),
  newArtists: emptyScores(),
});

/** A ranked list of tracks (key and artist), first 50: the tracks, and their artists in order of first appearance. */
interface Ranked {
  tracks: string[];
  artists: string[];
}

function ranked(items: ReadonlyArray<{ key: string; artist: string }>): Ranked {
  const top = items.slice(0, 50);
  return { tracks: top.map((item) => item.key), artists: [...new Set(top.map((item) => artistKey(item.artist)))] };
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
  /** The pretrained public model, for real listeners' histories (as served to Spotify listeners). */
  publicModel?: ServedModel | null;
}): Promise<TemporalResult> {
  const methods = [...NOVELTY_LEVELS.map(engineRowName), ...BASELINES];
  const rows: Record<string, TemporalRow> = Object.fromEntries(methods.map((method) => [method, emptyRow()]));
  const overlaps = new Map<string, Array<{ overlap: number; picks: number }>>();
  let counted = 0;
  let newTrackListeners = 0;
  let newArtistListeners = 0;
  const publicMatch = { listeners: 0, matched: 0, played: 0 };

  for (const listener of input.listeners) {
    const last = listener.rows.reduce((latest, row) => Math.max(latest, row.playedAt), 0);
    const cut = last - WINDOW_MS;
    const before = buildIndex(listener.name, listener.rows, cut);
    if (before.count === 0) continue;
    const known = new Set(before.tracks.map((track) => track.key));
    // An artist is known once listened to (30 s or more), as the truth counts them: a skip within
    // seconds is not knowing them.
    const knownArtists = new Set<string>();
    for (const row of listener.rows) if (row.playedAt < cut && row.msPlayed >= THRESHOLD) knownArtists.add(artistKey(row.artistName));
    const truthTracks = new Set<string>();
    const truthArtists = new Set<string>();
    for (const row of listener.rows)
      if (row.playedAt >= cut && row.playedAt < cut + WINDOW_MS && row.msPlayed >= THRESHOLD) {
        truthTracks.add(row.trackKey);
        truthArtists.add(artistKey(row.artistName));
      }
    if (truthTracks.size === 0) continue;
    const truthNewTracks = new Set([...truthTracks].filter((key) => !known.has(key)));
    const truthNewArtists = new Set([...truthArtists].filter((artist) => !knownArtists.has(artist)));

    // The world before the cut: the collaborative model and what was popular in the 30 days before it.
    const world = [...input.others.filter((other) => other.name !== listener.name), listener];
    const learnt = collaborativeBefore(world, cut, input.publicModel);
    const collaborative = learnt.signal ?? undefined;
    if (learnt.publicMatch) {
      publicMatch.listeners += 1;
      publicMatch.matched += learnt.publicMatch.matched;
      publicMatch.played += learnt.publicMatch.played;
    }
    const profile = trackProfile(before, { now: cut, timeZone: "UTC", listenThresholdMs: THRESHOLD });

    const lists = new Map<string, Ranked>();
    for (const level of NOVELTY_LEVELS) {
      const items = await recommend({
        index: before,
        profile,
        feedback: NO_FEEDBACK,
        catalog: input.catalog,
        collaborative,
        request: { limit: 50, novelty: level.novelty, recentDays: 0, allowExplicit: true },
      });
      lists.set(engineRowName(level), ranked(items));
    }
    const historyItem = (id: number) => ({ key: before.tracks[id]!.key, artist: before.artists[before.tracks[id]!.artist]?.name ?? "" });
    const byListens = (counts: Int32Array) =>
      [...before.tracks.keys()]
        .filter((id) => counts[id]! > 0)
        .sort((a, b) => counts[b]! - counts[a]! || a - b)
        .map(historyItem);
    lists.set("replay top tracks", ranked(byListens(profile.listens)));
    lists.set("your last 30 days", ranked(byListens(listensSince(profile, cut - WINDOW_MS))));
    const popularity = new Map<string, { plays: number; artist: string }>();
    for (const history of world)
      for (const row of history.rows)
        if (row.playedAt >= cut - WINDOW_MS && row.playedAt < cut && row.msPlayed >= THRESHOLD) {
          const entry = popularity.get(row.trackKey) ?? { plays: 0, artist: row.artistName };
          entry.plays += 1;
          popularity.set(row.trackKey, entry);
        }
    const popular = [...popularity]
      .sort((a, b) => b[1].plays - a[1].plays || a[0].localeCompare(b[0]))
      .map(([key, entry]) => ({ key, artist: entry.artist }));
    lists.set("recent popularity", ranked(popular));
    // For the "new" measures each method's list keeps only what is new to the listener; the
    // popularity baseline then reaches further down its ranking to fill its 50.
    const popularNew = ranked(popular.filter((item) => !known.has(item.key)));
    const popularNewArtists = [...new Set(popular.map((item) => artistKey(item.artist)).filter((artist) => !knownArtists.has(artist)))];

    counted += 1;
    if (truthNewTracks.size > 0) newTrackListeners += 1;
    if (truthNewArtists.size > 0) newArtistListeners += 1;
    for (const method of methods) {
      const list = lists.get(method)!;
      const row = rows[method]!;
      const isPopularity = method === "recent popularity";
      add(row.tracks, score(list.tracks, truthTracks));
      add(row.artists, score(list.artists, truthArtists));
      if (truthNewTracks.size > 0)
        add(
          row.newTracks,
          score(
            (isPopularity ? popularNew.tracks : list.tracks).filter((key) => !known.has(key)),
            truthNewTracks,
          ),
        );
      if (truthNewArtists.size > 0)
        add(
          row.newArtists,
          score(
            isPopularity ? popularNewArtists.slice(0, 50) : list.artists.filter((artist) => !knownArtists.has(artist)),
            truthNewArtists,
          ),
        );
    }

    for (const [label, value] of await contextOverlaps({ index: before, profile, catalog: input.catalog, collaborative })) {
      const values = overlaps.get(label) ?? [];
      values.push(...value);
      overlaps.set(label, values);
    }
  }
  for (const method of methods) {
    const row = rows[method]!;
    divide(row.tracks, counted);
    divide(row.artists, counted);
    divide(row.newTracks, newTrackListeners);
    divide(row.newArtists, newArtistListeners);
  }
  const contexts = [...overlaps].map(([label, values]) => ({
    label,
    overlap: values.reduce((sum, value) => sum + value.overlap, 0) / Math.max(1, values.length),
    min: Math.min(...values.map((value) => value.overlap)),
    max: Math.max(...values.map((value) => value.overlap)),
    picks: values.reduce((sum, value) => sum + value.picks, 0) / Math.max(1, values.length),
  }));
  return {
    listeners: counted,
    rows,
    newTrackListeners,
    newArtistListeners,
    contexts,
    ...(input.publicModel ? { publicMatch } : {}),
  };
}

function add(total: TemporalScores, scores: TemporalScores) {
  total.recallAt50 += scores.recallAt50;
  total.ndcgAt20 += scores.ndcgAt20;
}

function divide(total: TemporalScores, count: number) {
  total.recallAt50 /= Math.max(1, count);
  total.ndcgAt20 /= Math.max(1, count);
}

/** Listens per track since `from` (up to the profile's `now`). */
function listensSince(profile: TrackProfile, from: number): Int32Array {
  const { index } = profile;
  const counts = new Int32Array(index.tracks.length);
  for (let row = 0; row < index.count; row++) {
    const at = index.playedAt[row]!;
    if (at >= profile.now) break;
    if (at >= from && index.msPlayed[row]! >= THRESHOLD && (index.flags[row]! & 1) === 0) counts[index.track[row]!]! += 1;
  }
  return counts;
}
