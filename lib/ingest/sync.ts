import "server-only";
import { accountsRepository, getStore, type NewPlay, type Store } from "@/lib/db";
import { nameKeyFor, storePlayBatch, trackKeyFor } from "@/lib/listening";
import { ReconnectRequiredError, SpotifyRateLimitedError, SpotifyUnavailableError, webClientFor, type PlayedTrack } from "@/lib/spotify";
import { logger } from "@/lib/telemetry";

export interface SyncResult {
  userId: string;
  status: "synced" | "paused" | "reconnect_required" | "unavailable" | "failed";
  fetched: number;
  inserted: number;
  /** Plays already stored, by an import or an earlier sync: the same unique key, never twice. */
  duplicates: number;
  detail?: string;
}

/** A recently-played item as a stored play. The API gives no ms_played: a completed play is assumed. */
export function playFromRecent(item: PlayedTrack): NewPlay {
  const track = item.track;
  const names = { trackId: track.id, trackName: track.name, artistName: track.artists[0]?.name ?? "Unknown artist" };
  return {
    playedAt: item.playedAt,
    trackKey: trackKeyFor(names),
    nameKey: nameKeyFor(names),
    ...names,
    albumName: track.album?.name ?? null,
    msPlayed: track.durationMs,
    skipped: null,
    reasonStart: null,
    reasonEnd: null,
    shuffle: null,
    platform: null,
    source: "sync",
    importId: null,
  };
}

/**
 * Stores one page of recently played tracks like an import chunk: new plays reach the day rollups
 * and a listening segment of their own, keyed by the page's newest play, so the same page fetched
 * again after a failure is the same batch. `newest` is the next cursor (epoch ms, 0 for none).
 */
export async function storeRecentPlays(
  store: Store,
  userId: string,
  items: PlayedTrack[],
  cursor: number | null,
  now = new Date(),
): Promise<{ inserted: number; duplicates: number; newest: number }> {
  const newest = Math.max(cursor ?? 0, ...items.map((item) => item.playedAt.getTime()));
  const { inserted, status } = await storePlayBatch(
    store,
    userId,
    { sourceKey: `sync|${newest}`, plays: items.map(playFromRecent) },
    { now },
  );
  return { inserted, duplicates: status.filter((each) => each !== "new").length, newest };
}

/**
 * Stores the listener's plays since the last sync. Spotify keeps only the last 50, so this runs
 * often (cron); the cursor is the newest play's time in milliseconds.
 */
export async function syncListener(userId: string, now = new Date()): Promise<SyncResult> {
  const store = await getStore();
  const accounts = accountsRepository(store);
  const account = await accounts.find(userId);
  const empty = { userId, fetched: 0, inserted: 0, duplicates: 0 };
  if (!account || account.status !== "active") return { ...empty, status: "reconnect_required" };
  if (account.pausedUntil && account.pausedUntil > now)
    return { ...empty, status: "paused", detail: `until ${account.pausedUntil.toISOString()}` };
  try {
    const page = await webClientFor(userId).recentlyPlayed({ after: account.syncCursor ?? undefined, limit: 50 });
    const { inserted, duplicates, newest } = await storeRecentPlays(store, userId, page.items, account.syncCursor ?? null, now);
    await accounts.recordSync(userId, newest > 0 ? newest : null, now);
    return { userId, status: "synced", fetched: page.items.length, inserted, duplicates };
  } catch (error) {
    if (error instanceof ReconnectRequiredError) return { ...empty, status: "reconnect_required" };
    if (error instanceof SpotifyRateLimitedError) return { ...empty, status: "paused", detail: `until ${error.until.toISOString()}` };
    if (error instanceof SpotifyUnavailableError) {
      await accounts.recordSyncFailure(userId, now);
      return { ...empty, status: "unavailable", detail: error.detail };
    }
    logger.error({ err: error, userId }, "sync: failed for one listener");
    return { ...empty, status: "failed", detail: (error as Error).message };
  }
}

/** Syncs every connected listener, least recently synced first; one failure never stops the rest. */
export async function syncAll(options: { limit?: number } = {}): Promise<SyncResult[]> {
  const accounts = accountsRepository(await getStore());
  const results: SyncResult[] = [];
  for (const account of await accounts.listActive(options.limit ?? 100)) results.push(await syncListener(account._id));
  return results;
}
