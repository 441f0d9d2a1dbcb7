/**
 * The recommender, in stages: candidate sources (`sources/`: the listener's deep history, session neighbours,
 * collaborative filtering across listeners, favourite artists' unheard tracks), features, a
 * scoring model, filters, re-ranking for diversity, and an explanation from real evidence for
 * every pick. Pure but for the catalogue port it is given.
 */
import { type ListeningIndex, normaliseName } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { perArtistOf, pickBlended, sourceQuotas } from "./blend";
import { contextsMatch } from "./context";
import type { TrackProfile } from "./profile";
import {
  collaborativeArtists,
  favouriteArtistsUnheard,
  forgottenFavourites,
  onRepeat,
  seedArtistNeighbours,
  sessionNeighbours,
  type Candidate,
  type SourceInput,
} from "./sources";
import type { CatalogPort, CatalogTrack, CollaborativeSignal, RecoRequest, RecoSource } from "./types";

export type { CatalogPort, CatalogTrack, CollaborativeSignal, RecoRequest, RecoSource } from "./types";

const DAY_MS = 86_400_000;
/** Tracks that fit the request's contexts less than this come after all that fit better. */
const MIN_CONTEXT_FIT = 0.3;
/** How much a track's fit to the contexts weighs against its source's strength. */
const CONTEXT_FIT_POWER = 3;

export interface Recommendation {
  /** `spotify:track:<id>` or the normalised `artist|title` key. */
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
  /** A 30-second clip, when the catalogue has one. */
  previewUrl: string | null;
  explicit: boolean | null;
  source: RecoSource;
  /** One sentence from real evidence: "You played X 212 times in 2019 and not since Mar 2021." */
  explanation: string;
  score: number;
}

export interface Feedback {
  likedTracks: ReadonlySet<string>;
  dislikedTracks: ReadonlySet<string>;
  likedArtists: ReadonlySet<string>;
  /** Normalised artist names. */
  dislikedArtists: ReadonlySet<string>;
  /** "Not now": left out for a week. */
  snoozedTracks: ReadonlySet<string>;
}

export const NO_FEEDBACK: Feedback = {
  likedTracks: new Set(),
  dislikedTracks: new Set(),
  likedArtists: new Set(),
  dislikedArtists: new Set(),
  snoozedTracks: new Set(),
};

const heardCache = perProcess(
  "reco.heard",
  () => new WeakMap<ListeningIndex, { keys: Map<string, number>; knownTrackOfArtist: Map<number, string> }>(),
);

/** Tracks of the index by key (for "have they heard it"), and a known track id per artist; once per index. */
function heardKeys(index: ListeningIndex) {
  let cached = heardCache.get(index);
  if (!cached) {
    const keys = new Map<string, number>();
    const knownTrackOfArtist = new Map<number, string>();
    index.tracks.forEach((track, id) => {
      keys.set(track.key, id);
      keys.set(`${normaliseName(index.artists[track.artist]?.name ?? "")}|${normaliseName(track.name)}`, id);
      if (track.trackId && !knownTrackOfArtist.has(track.artist)) knownTrackOfArtist.set(track.artist, track.trackId);
    });
    cached = { keys, knownTrackOfArtist };
    heardCache.set(index, cached);
  }
  return cached;
}

/**
 * The candidates of one listener's profile, before any per-request choice (context, novelty,
 * feedback): each source's tracks with their strength and evidence, in three lists by how new
 * they are to the listener (see `NEWNESS`), each sorted by strength. Built once per profile, seed,
 * rotation and collaborative signal and shared, in flight too, by every request that needs it: a
 * request then only merges, filters and ranks a few hundred candidates.
 */
interface CandidatePool {
  /** Candidates by newness: `byNewness[i]` holds those of newness `NEWNESS[i]`. */
  byNewness: Candidate[][];
  /** Each source's strongest candidates (as many as a blend may need), strongest first. */
  bestBySource: Candidate[][];
  /** Catalogue facts fetched so far for the pool's history candidates, by track id. */
  facts: Map<string, CatalogTrack>;
}

/**
 * How new a candidate is to the listener: 0 a track they know, 0.5 a track they have not heard by
 * an artist they have, 1 an artist they have never listened to. The slider wants candidates whose
 * newness is near its own value.
 */
const NEWNESS = [0, 0.5, 1] as const;

/** The slider's weight for a candidate of `newness`: 1 when they agree, 0.15 at the far end. */
export function sliderWeight(novelty: number, newness: number): number {
  return 0.15 + 0.85 * (1 - Math.abs(novelty - newness));
}

/** Enough of each source for a blend of the longest list (50), twice over. */
const BEST_PER_SOURCE = 100;

const POOLS_PER_PROFILE = 32;
const pools = perProcess("reco.pools", () => new WeakMap<TrackProfile, Map<string, Promise<CandidatePool>>>());

function candidatePool(input: {
  index: ListeningIndex;
  profile: TrackProfile;
  request: RecoRequest;
  catalog: CatalogPort;
  collaborative?: CollaborativeSignal;
}): Promise<CandidatePool> {
  const { profile, request, collaborative } = input;
  const key = `${request.seed ?? ""}|${request.recentDays === 0 ? "rotation" : ""}|${collaborative?.artists.map((artist) => `${artist.key}:${artist.score.toFixed(4)}`).join(",") ?? ""}`;
  let byKey = pools.get(profile);
  if (!byKey) {
    byKey = new Map();
    pools.set(profile, byKey);
  }
  const hit = byKey.get(key);
  if (hit) return hit;
  if (byKey.size >= POOLS_PER_PROFILE) byKey.clear();
  const cache = byKey;
  const built = buildPool(input).then(
    ({ pool, degraded }) => {
      // A pool built while the catalogue failed is used once, not kept: the next request retries.
      if (degraded) cache.delete(key);
      return pool;
    },
    (error: unknown) => {
      cache.delete(key);
      throw error;
    },
  );
  cache.set(key, built);
  return built;
}

async function buildPool(input: {
  index: ListeningIndex;
  profile: TrackProfile;
  request: RecoRequest;
  catalog: CatalogPort;
  collaborative?: CollaborativeSignal;
}): Promise<{ pool: CandidatePool; degraded: boolean }> {
  const { index, profile, request, catalog } = input;
  const { keys: heard, knownTrackOfArtist } = heardKeys(index);
  let degraded = false;
  const artistTracksOf = (name: string, known: string | null) =>
    catalog.artistTracks(name, known).catch(() => {
      degraded = true;
      return [] as CatalogTrack[];
    });
  const candidates = new Map<string, Candidate>();
  const sourceInput: SourceInput = {
    index,
    profile,
    request,
    collaborative: input.collaborative,
    heard,
    knownTrackOfArtist,
    artistTracksOf,
  };
  // In this order: on a tie in strength, the first source's candidate is kept. A known seed ("more
  // like X") keeps to what is near it: its session neighbours and its artist's neighbours.
  const seeded = request.seed !== undefined && heard.has(request.seed);
  const proposed = seeded
    ? [sessionNeighbours(sourceInput), seedArtistNeighbours(sourceInput)]
    : [
        onRepeat(sourceInput),
        forgottenFavourites(sourceInput),
        sessionNeighbours(sourceInput),
        await favouriteArtistsUnheard(sourceInput),
        await collaborativeArtists(sourceInput),
      ];
  for (const list of proposed) {
    for (const candidate of list) {
      const existing = candidates.get(candidate.key);
      if (!existing || existing.strength < candidate.strength) candidates.set(candidate.key, candidate);
    }
  }

  const byStrength = (a: Candidate, b: Candidate) => b.strength - a.strength;
  const all = [...candidates.values()];
  const artistIds = artistIdsOf(index);
  const byNewness: Candidate[][] = NEWNESS.map(() => []);
  for (const candidate of all) {
    candidate.artistKey = normaliseName(candidate.artist);
    const artist = artistIds.get(candidate.artistKey);
    candidate.newness = candidate.familiar ? 0 : artist !== undefined && profile.artistListens[artist]! > 0 ? 0.5 : 1;
    byNewness[NEWNESS.indexOf(candidate.newness as (typeof NEWNESS)[number])]!.push(candidate);
  }
  for (const list of byNewness) list.sort(byStrength);
  const bySource = new Map<string, Candidate[]>();
  for (const candidate of all) {
    const list = bySource.get(candidate.source);
    if (list) list.push(candidate);
    else bySource.set(candidate.source, [candidate]);
  }
  const bestBySource = [...bySource.values()].map((list) => list.sort(byStrength).slice(0, BEST_PER_SOURCE));
  return { pool: { byNewness, bestBySource, facts: new Map() }, degraded };
}

/** The index's artists by normalised name. */
function artistIdsOf(index: ListeningIndex): Map<string, number> {
  const ids = new Map<string, number>();
  index.artists.forEach((artist, id) => ids.set(normaliseName(artist.name), id));
  return ids;
}

/**
 * The `size` strongest candidates once the slider weighs them by newness (a merge of the pool's
 * sorted lists), and every source's `perSource` strongest, so the blend has each source to draw on.
 */
function shortlistOf(pool: CandidatePool, novelty: number, size: number, perSource: number): Candidate[] {
  const picked = mergedByStrength(pool, novelty, size);
  const inList = new Set(picked);
  const bySource = new Map<string, number>();
  for (const candidate of picked) bySource.set(candidate.source, (bySource.get(candidate.source) ?? 0) + 1);
  for (const best of pool.bestBySource) {
    for (const candidate of best) {
      const count = bySource.get(candidate.source) ?? 0;
      if (count >= perSource) break;
      if (inList.has(candidate)) continue;
      bySource.set(candidate.source, count + 1);
      picked.push(candidate);
    }
  }
  return picked;
}

function mergedByStrength(pool: CandidatePool, novelty: number, size: number): Candidate[] {
  const weights = NEWNESS.map((newness) => sliderWeight(novelty, newness));
  const next = NEWNESS.map(() => 0);
  const picked: Candidate[] = [];
  while (picked.length < size) {
    let best = -1;
    let bestScore = Number.NEGATIVE_INFINITY;
    pool.byNewness.forEach((list, at) => {
      const candidate = list[next[at]!];
      if (candidate && candidate.strength * weights[at]! > bestScore) {
        best = at;
        bestScore = candidate.strength * weights[at]!;
      }
    });
    if (best < 0) break;
    picked.push(pool.byNewness[best]![next[best]!]!);
    next[best]! += 1;
  }
  return picked;
}

export async function recommend(input: {
  index: ListeningIndex;
  profile: TrackProfile;
  feedback: Feedback;
  request: RecoRequest;
  catalog: CatalogPort;
  collaborative?: CollaborativeSignal;
}): Promise<Recommendation[]> {
  const { index, profile, feedback, request, catalog } = input;
  const recentCutoff = profile.now - request.recentDays * DAY_MS;
  const { keys: heard } = heardKeys(index);
  const pool = await candidatePool(input);

  // Only the strongest few hundred go on to facts and scoring: a decade of history offers thousands.
  const novelty = Math.min(1, Math.max(0, request.novelty));
  const contexts = request.contexts ?? [];
  const shortlist = shortlistOf(pool, novelty, contexts.length > 0 ? 600 : 300, request.limit * 2);

  // Facts for the history candidates (release year, genres, explicit): those the pool lacks, in one catalogue call.
  const facts = pool.facts;
  const missing = shortlist
    .filter((candidate) => !candidate.facts && candidate.trackId && !facts.has(candidate.trackId))
    .map((candidate) => candidate.trackId!);
  if (missing.length > 0) {
    const fetched = await catalog.tracks(missing).catch(() => new Map<string, CatalogTrack>());
    for (const [trackId, fact] of fetched) facts.set(trackId, fact);
  }

  // Filters, features and the score.
  const scored: Array<Candidate & { artistKey: string; score: number; reason: string | null }> = [];
  for (const candidate of shortlist) {
    const artistKey = candidate.artistKey ?? normaliseName(candidate.artist);
    if (feedback.dislikedTracks.has(candidate.key) || feedback.dislikedArtists.has(artistKey) || feedback.snoozedTracks.has(candidate.key))
      continue;
    const id = heard.get(candidate.key);
    if (id !== undefined && profile.lastPlayed[id]! >= recentCutoff) continue;
    const fact = candidate.facts ?? (candidate.trackId ? facts.get(candidate.trackId) : undefined);
    if (!request.allowExplicit && fact?.explicit === true) continue;
    let score = candidate.strength * sliderWeight(novelty, candidate.newness ?? (candidate.familiar ? 0 : 1));
    if (feedback.likedArtists.has(artistKey)) score *= 1.25;
    if (feedback.likedTracks.has(candidate.key)) score *= 1.1;
    let reason: string | null = null;
    if (contexts.length > 0) {
      const bands = id !== undefined ? Array.from(profile.bands.subarray(id * 4, id * 4 + 4)) : [];
      const match = contextsMatch(contexts, {
        families: fact?.families ?? [],
        releaseYear: fact?.releaseYear ?? null,
        durationMs: fact?.durationMs ?? null,
        bands,
      });
      // A context is a strong wish: fit weighs more than the source's own strength, so the list
      // visibly changes with it, and a track that barely fits only fills a place nothing fitting can.
      if (match.score <= 0) continue;
      score *= match.score ** CONTEXT_FIT_POWER * (match.score < MIN_CONTEXT_FIT ? 0.01 : 1);
      reason = match.reason;
    }
    scored.push({ ...candidate, artistKey, ...(fact ? { facts: fact } : {}), score, reason });
  }
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // Re-ranking: the source blend, and no artist floods the list.
  const blended = pickBlended(scored, {
    quotas: sourceQuotas({ novelty, seed: request.seed, limit: request.limit }),
    perArtist: perArtistOf({ ...request, novelty }),
    limit: request.limit,
  });
  const picked: Recommendation[] = blended.map((candidate) => ({
    key: candidate.key,
    trackId: candidate.trackId,
    name: candidate.name,
    artist: candidate.artist,
    album: candidate.album ?? candidate.facts?.album ?? null,
    imageUrl: candidate.facts?.imageUrl ?? null,
    previewUrl: candidate.facts?.previewUrl ?? null,
    explicit: candidate.facts?.explicit ?? null,
    source: candidate.source,
    explanation: candidate.reason ? `${candidate.evidence} ${capitalise(candidate.reason)}.` : candidate.evidence,
    score: Math.round(candidate.score * 1000) / 1000,
  }));
  return spacedByArtist(picked);
}

/**
 * The same picks, with no two by one artist next to each other where another order allows it: each
 * place takes the best remaining pick whose artist differs from the one before. Only the order
 * changes, never which tracks are picked.
 */
export function spacedByArtist<T extends { artist: string }>(picks: readonly T[]): T[] {
  const rest = [...picks];
  const spaced: T[] = [];
  while (rest.length > 0) {
    const previous = spaced.length > 0 ? normaliseName(spaced[spaced.length - 1]!.artist) : null;
    const at = rest.findIndex((pick) => normaliseName(pick.artist) !== previous);
    spaced.push(...rest.splice(at < 0 ? 0 : at, 1));
  }
  return spaced;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
