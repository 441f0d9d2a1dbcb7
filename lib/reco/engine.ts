/**
 * The recommender, in stages: candidate sources (the listener's deep history, session neighbours,
 * collaborative filtering across listeners, favourite artists' unheard tracks), features, a
 * scoring model, filters, re-ranking for diversity, and an explanation from real evidence for
 * every pick. Pure but for the catalogue port it is given.
 */
import { type ListeningIndex, normaliseName } from "@/lib/listening";
import { contextMatch, type ContextDefinition } from "./context";
import { followers, type TrackProfile } from "./profile";

const DAY_MS = 86_400_000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthYear = (epochMs: number) => {
  const date = new Date(epochMs);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
};

/** What the catalogue knows of a track (the demo catalogue, or Spotify's Web API). */
export interface CatalogTrack {
  trackId: string;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
  releaseYear: number | null;
  durationMs: number | null;
  explicit: boolean | null;
  /** Genre families of the artist, when known. */
  families: readonly string[];
  /** 0-100, Spotify's popularity when known. */
  popularity: number | null;
}

export interface CatalogPort {
  /** Facts about tracks by id (unknown ids are left out). */
  tracks(trackIds: string[]): Promise<Map<string, CatalogTrack>>;
  /** An artist's tracks, most popular first (a few dozen at most). */
  artistTracks(artistName: string, knownTrackId: string | null): Promise<CatalogTrack[]>;
}

export type RecoSource = "rotation" | "forgotten" | "session" | "collaborative" | "catalogue";

export interface Recommendation {
  /** `spotify:track:<id>` or the normalised `artist|title` key. */
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
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

export const NO_FEEDBACK: Feedback = { likedTracks: new Set(), dislikedTracks: new Set(), likedArtists: new Set(), dislikedArtists: new Set(), snoozedTracks: new Set() };

export interface RecoRequest {
  context?: ContextDefinition;
  /** A track key to start from ("more like this"). */
  seed?: string;
  limit: number;
  /** 0 = only what the listener knows, 1 = only what is new to them. */
  novelty: number;
  /** Leave out tracks played in the last N days. */
  recentDays: number;
  allowExplicit: boolean;
  /** At most this many tracks per artist. */
  perArtist?: number;
}

/** Collaborative filtering's view: artists (normalised names) the model expects this listener to like, with the evidence. */
export interface CollaborativeSignal {
  artists: Array<{ key: string; name: string; score: number; because: string | null }>;
}

interface Candidate {
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  source: RecoSource;
  /** The source's own strength, 0 to 1. */
  strength: number;
  evidence: string;
  familiar: boolean;
  facts?: CatalogTrack;
  /** The normalised artist name (set once the pool is built). */
  artistKey?: string;
}

const heardCache = new WeakMap<ListeningIndex, { keys: Map<string, number>; knownTrackOfArtist: Map<number, string> }>();

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
 * feedback): each source's tracks with their strength and evidence, in two lists (familiar and
 * new to the listener) sorted by strength. Built once per profile, seed, rotation and
 * collaborative signal and shared, in flight too, by every request that needs it: a request then
 * only merges, filters and ranks a few hundred candidates.
 */
interface CandidatePool {
  familiar: Candidate[];
  fresh: Candidate[];
  /** Catalogue facts fetched so far for the pool's history candidates, by track id. */
  facts: Map<string, CatalogTrack>;
}

const POOLS_PER_PROFILE = 32;
const pools = new WeakMap<TrackProfile, Map<string, Promise<CandidatePool>>>();

function candidatePool(input: { index: ListeningIndex; profile: TrackProfile; request: RecoRequest; catalog: CatalogPort; collaborative?: CollaborativeSignal }): Promise<CandidatePool> {
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

async function buildPool(input: { index: ListeningIndex; profile: TrackProfile; request: RecoRequest; catalog: CatalogPort; collaborative?: CollaborativeSignal }): Promise<{ pool: CandidatePool; degraded: boolean }> {
  const { index, profile, request, catalog } = input;
  const now = profile.now;
  const { keys: heard, knownTrackOfArtist } = heardKeys(index);
  let degraded = false;
  const artistTracksOf = (name: string, known: string | null) =>
    catalog.artistTracks(name, known).catch(() => {
      degraded = true;
      return [] as CatalogTrack[];
    });
  const candidates = new Map<string, Candidate>();
  const add = (candidate: Candidate) => {
    const existing = candidates.get(candidate.key);
    if (!existing || existing.strength < candidate.strength) candidates.set(candidate.key, candidate);
  };
  const trackCandidate = (id: number, source: RecoSource, strength: number, evidence: string): Candidate => {
    const track = index.tracks[id]!;
    return {
      key: track.key,
      trackId: track.trackId,
      name: track.name,
      artist: index.artists[track.artist]?.name ?? "",
      album: track.album >= 0 ? (index.albums[track.album]?.name ?? null) : null,
      source,
      strength,
      evidence,
      familiar: true,
    };
  };

  // 0. On repeat lately (only when recent plays are allowed back: recentDays 0).
  if (request.recentDays === 0) {
    let maxRecent = 1;
    for (let id = 0; id < index.tracks.length; id++) maxRecent = Math.max(maxRecent, profile.recentListens[id]!);
    for (let id = 0; id < index.tracks.length; id++) {
      const recent = profile.recentListens[id]!;
      if (recent < 2) continue;
      add(trackCandidate(id, "rotation", Math.sqrt(recent / maxRecent), `On repeat lately: ${recent} plays in the last 90 days.`));
    }
  }

  // 1. Forgotten favourites: loved once, not played for four months or more.
  let maxListens = 1;
  for (let id = 0; id < index.tracks.length; id++) maxListens = Math.max(maxListens, profile.listens[id]!);
  const forgottenBefore = now - 120 * DAY_MS;
  for (let id = 0; id < index.tracks.length; id++) {
    const listens = profile.listens[id]!;
    if (listens < 5 || profile.lastPlayed[id]! >= forgottenBefore) continue;
    const gapYears = (now - profile.lastPlayed[id]!) / (365 * DAY_MS);
    const strength = (Math.log1p(listens) / Math.log1p(maxListens)) * (1 - Math.exp(-gapYears * 1.5));
    const evidence = `You played “${index.tracks[id]!.name}” ${profile.peakYearListens[id]} times in ${profile.peakYear[id]} and not since ${monthYear(profile.lastPlayed[id]!)}.`;
    add(trackCandidate(id, "forgotten", strength, evidence));
  }

  // 2. Session neighbours of the seed (or of this season's favourites): what follows them.
  const seeds = new Set<number>();
  const seedId = request.seed ? heard.get(request.seed) : undefined;
  if (seedId !== undefined) seeds.add(seedId);
  else {
    const recent = [...profile.recentListens.keys()].filter((id) => profile.recentListens[id]! > 0).sort((a, b) => profile.recentListens[b]! - profile.recentListens[a]!);
    for (const id of recent.slice(0, 15)) seeds.add(id);
  }
  const next = followers(index, seeds, { now });
  let maxFollows = 1;
  for (const counts of next.values()) for (const count of counts.values()) maxFollows = Math.max(maxFollows, count);
  for (const [seed, counts] of next) {
    for (const [id, count] of counts) {
      if (count < 2) continue;
      const strength = (count / maxFollows) * (seedId !== undefined ? 1.2 : 0.9);
      add(trackCandidate(id, "session", strength, `Often played right after “${index.tracks[seed]!.name}” (${count} times).`));
    }
  }

  // 3. Favourite artists' tracks the listener has not heard.
  const artistOrder = [...profile.artistListens.keys()].sort((a, b) => profile.artistRecentListens[b]! * 4 + profile.artistListens[b]! - (profile.artistRecentListens[a]! * 4 + profile.artistListens[a]!));
  const favourites = artistOrder.slice(0, 8).filter((id) => profile.artistListens[id]! > 0);
  const maxArtist = Math.max(1, ...favourites.map((id) => profile.artistListens[id]!));
  const knownTrackOf = (artistId: number): string | null => knownTrackOfArtist.get(artistId) ?? null;
  const artistLists = await Promise.all(favourites.map((id) => artistTracksOf(index.artists[id]!.name, knownTrackOf(id))));
  favourites.forEach((artistId, position) => {
    const artist = index.artists[artistId]!;
    let taken = 0;
    for (const track of artistLists[position] ?? []) {
      const key = `spotify:track:${track.trackId}`;
      if (heard.has(key) || heard.has(`${normaliseName(track.artist)}|${normaliseName(track.name)}`)) continue;
      const strength = 0.8 * (Math.log1p(profile.artistListens[artistId]!) / Math.log1p(maxArtist)) * (1 - taken * 0.08);
      add({ key, trackId: track.trackId, name: track.name, artist: track.artist, album: track.album, source: "catalogue", strength, evidence: `New to you, by ${artist.name}, whom you've played ${profile.artistListens[artistId]} times.`, familiar: false, facts: track });
      if (++taken >= 6) break;
    }
  });

  // 4. Collaborative filtering: artists listeners with a similar taste play, new to this one.
  if (input.collaborative && input.collaborative.artists.length > 0) {
    const top = input.collaborative.artists.slice(0, 12);
    const maxScore = Math.max(...top.map((artist) => artist.score), 1e-9);
    const lists = await Promise.all(top.map((artist) => artistTracksOf(artist.name, null)));
    top.forEach((artist, position) => {
      let taken = 0;
      for (const track of lists[position] ?? []) {
        const key = `spotify:track:${track.trackId}`;
        if (heard.has(key) || heard.has(`${normaliseName(track.artist)}|${normaliseName(track.name)}`)) continue;
        const because = artist.because ? `Listeners who play ${artist.because} also play ${artist.name}.` : `Listeners with a taste like yours play ${artist.name}.`;
        add({ key, trackId: track.trackId, name: track.name, artist: track.artist, album: track.album, source: "collaborative", strength: 0.9 * (artist.score / maxScore) * (1 - taken * 0.1), evidence: because, familiar: false, facts: track });
        if (++taken >= 3) break;
      }
    });
  }


  const byStrength = (a: Candidate, b: Candidate) => b.strength - a.strength;
  const all = [...candidates.values()];
  for (const candidate of all) candidate.artistKey = normaliseName(candidate.artist);
  return { pool: { familiar: all.filter((candidate) => candidate.familiar).sort(byStrength), fresh: all.filter((candidate) => !candidate.familiar).sort(byStrength), facts: new Map() }, degraded };
}

/** The `size` strongest candidates once novelty weighs familiar against new: a merge of the two sorted lists. */
function shortlistOf(pool: CandidatePool, novelty: number, size: number): Candidate[] {
  const familiarWeight = 0.15 + 0.85 * (1 - novelty);
  const freshWeight = 0.15 + 0.85 * novelty;
  const picked: Candidate[] = [];
  let familiar = 0;
  let fresh = 0;
  while (picked.length < size && (familiar < pool.familiar.length || fresh < pool.fresh.length)) {
    const a = pool.familiar[familiar];
    const b = pool.fresh[fresh];
    if (b === undefined || (a !== undefined && a.strength * familiarWeight >= b.strength * freshWeight)) {
      picked.push(a!);
      familiar++;
    } else {
      picked.push(b);
      fresh++;
    }
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
  const shortlist = shortlistOf(pool, novelty, request.context ? 600 : 300);

  // Facts for the history candidates (release year, genres, explicit): those the pool lacks, in one catalogue call.
  const facts = pool.facts;
  const missing = shortlist.filter((candidate) => !candidate.facts && candidate.trackId && !facts.has(candidate.trackId)).map((candidate) => candidate.trackId!);
  if (missing.length > 0) {
    const fetched = await catalog.tracks(missing).catch(() => new Map<string, CatalogTrack>());
    for (const [trackId, fact] of fetched) facts.set(trackId, fact);
  }

  // Filters, features and the score.
  const scored: Array<Candidate & { score: number; reason: string | null }> = [];
  for (const candidate of shortlist) {
    const artistKey = candidate.artistKey ?? normaliseName(candidate.artist);
    if (feedback.dislikedTracks.has(candidate.key) || feedback.dislikedArtists.has(artistKey) || feedback.snoozedTracks.has(candidate.key)) continue;
    const id = heard.get(candidate.key);
    if (id !== undefined && profile.lastPlayed[id]! >= recentCutoff) continue;
    const fact = candidate.facts ?? (candidate.trackId ? facts.get(candidate.trackId) : undefined);
    if (!request.allowExplicit && fact?.explicit === true) continue;
    const mix = candidate.familiar ? 1 - novelty : novelty;
    let score = candidate.strength * (0.15 + 0.85 * mix);
    if (feedback.likedArtists.has(artistKey)) score *= 1.25;
    if (feedback.likedTracks.has(candidate.key)) score *= 1.1;
    let reason: string | null = null;
    if (request.context) {
      const bands = id !== undefined ? Array.from(profile.bands.subarray(id * 4, id * 4 + 4)) : [];
      const match = contextMatch(request.context, { families: fact?.families ?? [], releaseYear: fact?.releaseYear ?? null, durationMs: fact?.durationMs ?? null, bands });
      if (match.score < 0.25) continue;
      score = score * (0.35 + 0.65 * match.score);
      reason = match.reason;
    }
    scored.push({ ...candidate, ...(fact ? { facts: fact } : {}), score, reason });
  }
  scored.sort((a, b) => b.score - a.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));

  // Re-ranking: no artist floods the list.
  const perArtist = request.perArtist ?? 2;
  const byArtist = new Map<string, number>();
  const picked: Recommendation[] = [];
  for (const candidate of scored) {
    if (picked.length >= request.limit) break;
    const artistKey = candidate.artistKey ?? normaliseName(candidate.artist);
    const count = byArtist.get(artistKey) ?? 0;
    if (count >= perArtist) continue;
    byArtist.set(artistKey, count + 1);
    picked.push({
      key: candidate.key,
      trackId: candidate.trackId,
      name: candidate.name,
      artist: candidate.artist,
      album: candidate.album ?? candidate.facts?.album ?? null,
      imageUrl: candidate.facts?.imageUrl ?? null,
      explicit: candidate.facts?.explicit ?? null,
      source: candidate.source,
      explanation: candidate.reason ? `${candidate.evidence} ${capitalise(candidate.reason)}.` : candidate.evidence,
      score: Math.round(candidate.score * 1000) / 1000,
    });
  }
  return picked;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
