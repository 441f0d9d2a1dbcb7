/**
 * The source blend: how many of a list's picks each candidate source may (and must) give. A list
 * in the middle of the familiar-to-new slider mixes its sources, so no single one (forgotten
 * favourites, say) takes it over; a listener who asks for one end, or for "more like X", gets
 * what they asked for. Pure.
 */
import type { RecoSource } from "./types";

export interface SourceQuota {
  /** At least this many picks from the source when it has them. */
  min: number;
  /** At most this many. */
  max: number;
}

export type Quotas = Partial<Record<RecoSource, SourceQuota>>;

/** Below this the slider is at "familiar", above `1 - END` at "new": the listener asked for one end. */
export const SLIDER_END = 0.1;

/**
 * The quotas of a request. In the middle every source gives at most half the list. At
 * "familiar" the listener's current favourites may fill it, but two places are kept for
 * forgotten favourites (when there are any), so the list is both what they play now and what they used to.
 * At "new" and with a seed, no quota: the score decides.
 */
export function sourceQuotas(request: { novelty: number; seed?: string | undefined; limit: number }): Quotas {
  if (request.seed !== undefined || request.novelty >= 1 - SLIDER_END) return {};
  if (request.novelty <= SLIDER_END) return { forgotten: { min: Math.min(2, request.limit), max: request.limit } };
  const half = Math.max(1, Math.floor(request.limit / 2));
  return Object.fromEntries(
    (["rotation", "forgotten", "session", "collaborative", "catalogue"] as const).map((source) => [source, { min: 0, max: half }]),
  );
}

/**
 * How many picks one artist may have: a tenth of the list (two of 20) unless the request says,
 * twice that at "familiar", where the listener asked for what they play, and they play a few
 * artists a lot.
 */
export function perArtistOf(request: { novelty: number; limit: number; perArtist?: number | undefined }): number {
  const base = request.perArtist ?? Math.max(2, Math.round(request.limit / 10));
  return request.novelty <= SLIDER_END ? base * 2 : base;
}

/**
 * Picks `limit` of `ranked` (best first) within the quotas and at most `perArtist` per artist:
 * first each source's minimum, from its best, then the best of the rest. The picks keep their
 * order in `ranked`.
 */
export function pickBlended<T extends { source: RecoSource; artistKey: string }>(
  ranked: readonly T[],
  options: { quotas: Quotas; perArtist: number; limit: number },
): T[] {
  const { quotas, perArtist, limit } = options;
  const taken = new Set<number>();
  const bySource = new Map<RecoSource, number>();
  const byArtist = new Map<string, number>();
  const fits = (candidate: T, ceiling: (source: RecoSource) => number) =>
    (byArtist.get(candidate.artistKey) ?? 0) < perArtist && (bySource.get(candidate.source) ?? 0) < ceiling(candidate.source);
  const take = (position: number) => {
    const candidate = ranked[position]!;
    taken.add(position);
    bySource.set(candidate.source, (bySource.get(candidate.source) ?? 0) + 1);
    byArtist.set(candidate.artistKey, (byArtist.get(candidate.artistKey) ?? 0) + 1);
  };
  for (const [source, quota] of Object.entries(quotas) as Array<[RecoSource, SourceQuota]>) {
    for (let position = 0; position < ranked.length && taken.size < limit; position++) {
      if ((bySource.get(source) ?? 0) >= Math.min(quota.min, limit)) break;
      if (ranked[position]!.source === source && fits(ranked[position]!, () => quota.min)) take(position);
    }
  }
  for (let position = 0; position < ranked.length && taken.size < limit; position++) {
    if (!taken.has(position) && fits(ranked[position]!, (source) => quotas[source]?.max ?? Number.POSITIVE_INFINITY)) take(position);
  }
  return [...taken].sort((a, b) => a - b).map((position) => ranked[position]!);
}
