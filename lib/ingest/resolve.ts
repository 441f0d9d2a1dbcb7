import "server-only";
import { collections, getStore, type PlayDocument, type ResolutionDocument, type Store } from "@/lib/db";
import { normaliseName } from "@/lib/listening";
import { SpotifyRateLimitedError, type SpotifyClient, type Track } from "@/lib/spotify";

/** Below this a match is not trusted: the play keeps its names and no track id. */
export const MIN_CONFIDENCE = 0.85;

function tokens(text: string): Set<string> {
  return new Set(normaliseName(text).split(" ").filter(Boolean));
}

function similarity(a: string, b: string): number {
  const left = normaliseName(a);
  const right = normaliseName(b);
  if (left === right) return 1;
  const x = tokens(a);
  const y = tokens(b);
  const shared = [...x].filter((token) => y.has(token)).length;
  return shared === 0 ? 0 : (2 * shared) / (x.size + y.size);
}

/** How well a search result matches a title and artist from the export: the weaker of the two. */
export function matchConfidence(title: string, artist: string, track: Track): number {
  // "Song - Remastered 2011" style suffixes should not hide an otherwise exact title.
  const bareTitle = (value: string) => value.replace(/\s+[-–(].*$/, "");
  const titleScore = Math.max(similarity(title, track.name), similarity(bareTitle(title), bareTitle(track.name)));
  const artistScore = Math.max(0, ...track.artists.map((candidate) => similarity(artist, candidate.name)));
  return Math.min(titleScore, artistScore);
}

export interface ResolveResult {
  looked: number;
  resolved: number;
  unresolved: number;
  playsUpdated: number;
  /** Spotify asked to wait: resolution stops here and resumes later; nothing was marked missing. */
  pausedUntil: Date | null;
}

async function resolveName(
  store: Store,
  client: SpotifyClient,
  nameKey: string,
  title: string,
  artist: string,
): Promise<ResolutionDocument> {
  const resolutions = store.collection<ResolutionDocument>(collections.resolutions);
  const known = await resolutions.findOne({ _id: nameKey });
  if (known) return known;
  const { tracks } = await client.search(`track:${title} artist:${artist}`, { types: ["track"], limit: 5 });
  let best: { track: Track; confidence: number } | null = null;
  for (const track of tracks) {
    const confidence = matchConfidence(title, artist, track);
    if (!best || confidence > best.confidence) best = { track, confidence };
  }
  const resolution: ResolutionDocument = {
    _id: nameKey,
    status: best && best.confidence >= MIN_CONFIDENCE ? "resolved" : "unresolved",
    trackId: best && best.confidence >= MIN_CONFIDENCE ? best.track.id : null,
    confidence: Number((best?.confidence ?? 0).toFixed(3)),
    resolvedAt: new Date(),
  };
  await resolutions.updateOne(
    { _id: nameKey },
    {
      $setOnInsert: {
        status: resolution.status,
        trackId: resolution.trackId,
        confidence: resolution.confidence,
        resolvedAt: resolution.resolvedAt,
      },
    },
    { upsert: true },
  );
  return resolution;
}

export interface ResolveBatch extends ResolveResult {
  /** The last name key of this batch: the next batch starts after it. Null when there were none. */
  last: string | null;
  /** Names in this batch (fewer than the limit: none are left after it). */
  names: number;
}

/** Distinct names still without a track id, in key order after `after`: what a resolution job walks through. */
export async function pendingNameCount(userId: string, store: Store): Promise<number> {
  const [counted] = await store
    .collection<PlayDocument>(collections.plays)
    .aggregate<{ names: number }>([
      { $match: { userId, trackId: null, timePrecision: "minute" } },
      { $group: { _id: "$nameKey", plays: { $sum: 1 } } },
      { $count: "names" },
    ]);
  return counted?.names ?? 0;
}

/**
 * One batch of a resolution job: up to `limit` distinct names after `after` (key order, so a job can
 * walk them with a cursor), each looked up once: a name already in `resolutions` costs no Spotify
 * call, and plays are only updated while they have no track id, so a batch run twice writes nothing
 * new. `onResolved` runs after each name's writes (progress, and tests that stop a runner there).
 */
export async function resolveNameBatch(
  userId: string,
  client: SpotifyClient,
  options: { store: Store; after: string | null; limit: number; onResolved?: (nameKey: string) => Promise<void> },
): Promise<ResolveBatch> {
  const { store } = options;
  const plays = store.collection<PlayDocument>(collections.plays);
  const batch: ResolveBatch = { looked: 0, resolved: 0, unresolved: 0, playsUpdated: 0, pausedUntil: null, last: null, names: 0 };
  const match = { userId, trackId: null, timePrecision: "minute", ...(options.after === null ? {} : { nameKey: { $gt: options.after } }) };
  const names = await plays.aggregate<{ _id: string }>([
    { $match: match },
    { $group: { _id: "$nameKey", plays: { $sum: 1 } } },
    { $sort: { _id: 1 } },
    { $limit: options.limit },
  ]);
  batch.names = names.length;
  for (const { _id: nameKey } of names) {
    const sample = await plays.findOne({ userId, nameKey }, { projection: { trackName: 1, artistName: 1 } });
    if (sample) {
      let resolution: ResolutionDocument;
      try {
        resolution = await resolveName(store, client, nameKey, sample.trackName, sample.artistName);
      } catch (error) {
        if (error instanceof SpotifyRateLimitedError) {
          batch.pausedUntil = error.until;
          return batch;
        }
        throw error;
      }
      batch.looked += 1;
      if (resolution.status === "resolved" && resolution.trackId) {
        batch.resolved += 1;
        const updated = await plays.updateMany({ userId, nameKey, trackId: null }, { $set: { trackId: resolution.trackId } });
        batch.playsUpdated += updated.modifiedCount;
      } else {
        batch.unresolved += 1;
      }
    }
    batch.last = nameKey;
    await options.onResolved?.(nameKey);
  }
  return batch;
}

/**
 * Gives account-data plays (names only) their Spotify track, a distinct title and artist at a
 * time, in the background. Insights never wait for this: they work from the names meanwhile.
 */
export async function resolveAccountPlays(
  userId: string,
  client: SpotifyClient,
  options: { limit?: number; store?: Store } = {},
): Promise<ResolveResult> {
  const store = options.store ?? (await getStore());
  const plays = store.collection<PlayDocument>(collections.plays);
  const result: ResolveResult = { looked: 0, resolved: 0, unresolved: 0, playsUpdated: 0, pausedUntil: null };
  const pending = await plays.aggregate<{ _id: string; plays: number }>([
    { $match: { userId, trackId: null, timePrecision: "minute" } },
    { $group: { _id: "$nameKey", plays: { $sum: 1 } } },
    { $sort: { plays: -1, _id: 1 } },
    { $limit: options.limit ?? 200 },
  ]);
  for (const { _id: nameKey } of pending) {
    const sample = await plays.findOne({ userId, nameKey }, { projection: { trackName: 1, artistName: 1 } });
    if (!sample) continue;
    let resolution: ResolutionDocument;
    try {
      resolution = await resolveName(store, client, nameKey, sample.trackName, sample.artistName);
    } catch (error) {
      // A 429 means "later", never "not found": stop, and leave every remaining name untouched.
      if (error instanceof SpotifyRateLimitedError) {
        result.pausedUntil = error.until;
        break;
      }
      throw error;
    }
    result.looked += 1;
    if (resolution.status === "resolved" && resolution.trackId) {
      result.resolved += 1;
      const updated = await plays.updateMany({ userId, nameKey, trackId: null }, { $set: { trackId: resolution.trackId } });
      result.playsUpdated += updated.modifiedCount;
    } else {
      result.unresolved += 1;
    }
  }
  return result;
}
