/**
 * Features of every track a listener has played, from the listening index in one pass: listens,
 * first and last play, the year they loved it most, how recently, and when in the day. Pure.
 */
import { type ListeningIndex, localCalendar } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";

const DAY_MS = 86_400_000;

export interface TrackProfile {
  index: ListeningIndex;
  now: number;
  /** Listens (plays of at least the threshold), all time. */
  listens: Int32Array;
  /** Listens in the last 90 days before `now`. */
  recentListens: Int32Array;
  /**
   * Listens weighted by how recent they are (a listen `HALF_LIFE_DAYS` ago counts half): what the
   * listener is into now, with a fresh find on the rise above an old rotation on its way out.
   */
  decayedListens: Float64Array;
  /** Skips (under the threshold, or marked skipped), all time. */
  skips: Int32Array;
  firstPlayed: Float64Array;
  lastPlayed: Float64Array;
  /** The local year with the most listens, and how many. */
  peakYear: Int32Array;
  peakYearListens: Int32Array;
  /** Listens per local hour band: 0 night (23-5), 1 morning (6-11), 2 afternoon (12-17), 3 evening (18-22). */
  bands: Int32Array;
  /** Listens per artist, all time, and in the last 90 days. */
  artistListens: Int32Array;
  artistRecentListens: Int32Array;
}

export const RECENT_DAYS = 90;
export const HALF_LIFE_DAYS = 14;

export function bandOfHour(hour: number): number {
  if (hour >= 6 && hour <= 11) return 1;
  if (hour >= 12 && hour <= 17) return 2;
  if (hour >= 18 && hour <= 22) return 3;
  return 0;
}

/** Builds the profile; `now` bounds "recent" and "last played" (plays after it are ignored). */
export function trackProfile(index: ListeningIndex, options: { now: number; timeZone: string; listenThresholdMs: number }): TrackProfile {
  const tracks = index.tracks.length;
  const artists = index.artists.length;
  const listens = new Int32Array(tracks);
  const recentListens = new Int32Array(tracks);
  const decayedListens = new Float64Array(tracks);
  const decay = Math.LN2 / (HALF_LIFE_DAYS * DAY_MS);
  const skips = new Int32Array(tracks);
  const firstPlayed = new Float64Array(tracks).fill(Number.POSITIVE_INFINITY);
  const lastPlayed = new Float64Array(tracks);
  const bands = new Int32Array(tracks * 4);
  const artistListens = new Int32Array(artists);
  const artistRecentListens = new Int32Array(artists);
  const calendar = localCalendar(index, options.timeZone);
  const recentFrom = options.now - RECENT_DAYS * DAY_MS;
  // Listens per (track, year) only for the years present: a sparse map keyed track * 4096 + year offset.
  const yearly = new Map<number, number>();
  let firstYear = Number.POSITIVE_INFINITY;
  for (let row = 0; row < index.count; row++) {
    const at = index.playedAt[row]!;
    if (at >= options.now) break;
    const track = index.track[row]!;
    if (at < firstPlayed[track]!) firstPlayed[track] = at;
    lastPlayed[track] = at;
    const listened = index.msPlayed[row]! >= options.listenThresholdMs && (index.flags[row]! & 1) === 0;
    if (!listened) {
      skips[track]! += 1;
      continue;
    }
    listens[track]! += 1;
    decayedListens[track]! += Math.exp(-(options.now - at) * decay);
    const artist = index.artist[row]!;
    artistListens[artist]! += 1;
    if (at >= recentFrom) {
      recentListens[track]! += 1;
      artistRecentListens[artist]! += 1;
    }
    bands[track * 4 + bandOfHour(calendar.hour[row]!)]! += 1;
    const year = new Date(at).getUTCFullYear();
    if (year < firstYear) firstYear = year;
    const key = track * 4096 + (year - 1900);
    yearly.set(key, (yearly.get(key) ?? 0) + 1);
  }
  const peakYear = new Int32Array(tracks);
  const peakYearListens = new Int32Array(tracks);
  for (const [key, count] of yearly) {
    const track = Math.floor(key / 4096);
    if (count > peakYearListens[track]!) {
      peakYearListens[track] = count;
      peakYear[track] = (key % 4096) + 1900;
    }
  }
  return {
    index,
    now: options.now,
    listens,
    recentListens,
    decayedListens,
    skips,
    firstPlayed,
    lastPlayed,
    peakYear,
    peakYearListens,
    bands,
    artistListens,
    artistRecentListens,
  };
}

/**
 * Which tracks most often follow each of `seeds` within a session (the next play, started within
 * 30 minutes of the previous one's end): `followers.get(seed)` → track → count.
 */
const followerCache = perProcess("reco.followers", () => new WeakMap<ListeningIndex, Map<string, Map<number, Map<number, number>>>>());

export function followers(
  index: ListeningIndex,
  seeds: ReadonlySet<number>,
  options: { now: number; gapMs?: number },
): Map<number, Map<number, number>> {
  const cacheKey = `${options.now}|${options.gapMs ?? 0}|${[...seeds].sort((a, b) => a - b).join(",")}`;
  let byKey = followerCache.get(index);
  if (!byKey) {
    byKey = new Map();
    followerCache.set(index, byKey);
  }
  const hit = byKey.get(cacheKey);
  if (hit) return hit;
  const computed = computeFollowers(index, seeds, options);
  if (byKey.size > 64) byKey.clear();
  byKey.set(cacheKey, computed);
  return computed;
}

function computeFollowers(
  index: ListeningIndex,
  seeds: ReadonlySet<number>,
  options: { now: number; gapMs?: number },
): Map<number, Map<number, number>> {
  const gap = options.gapMs ?? 30 * 60_000;
  const result = new Map<number, Map<number, number>>();
  for (let row = 0; row + 1 < index.count; row++) {
    const seed = index.track[row]!;
    if (!seeds.has(seed)) continue;
    const next = row + 1;
    if (index.playedAt[next]! >= options.now) break;
    const nextStart = index.playedAt[next]! - index.msPlayed[next]!;
    if (nextStart - index.playedAt[row]! > gap) continue;
    const follower = index.track[next]!;
    if (follower === seed) continue;
    let counts = result.get(seed);
    if (!counts) {
      counts = new Map();
      result.set(seed, counts);
    }
    counts.set(follower, (counts.get(follower) ?? 0) + 1);
  }
  return result;
}
