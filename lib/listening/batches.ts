/**
 * Writing plays: the one path by which a batch (an import chunk, a sync run) reaches `plays`, the
 * day rollups and a listening segment, and how a batch that stopped midway is finished later.
 *
 * The invariant: every stored play is in exactly one segment and counted once in its day. A batch
 * writes a pending marker first, then its plays (each naming its segment in `segmentId`), then
 * rollups and segment, and removes the marker last. A marker left by a crash is finished by a later
 * batch of the same listener: at once when that batch finds the marker's plays as duplicates (the
 * same sync page, a chunk sent again under a new import), otherwise once the marker is older than
 * `PENDING_LEASE_MS`. Finishing rebuilds the batch's days from the plays themselves and rewrites its
 * segment (same id) from the plays naming it, so it is idempotent whatever step the crash hit.
 *
 * Limit: finishing recounts whole days, so a batch still running elsewhere for the same listener and
 * days (the same export uploaded from two tabs at once) may be counted twice in a day rollup until
 * `npm run repair`; segments are not affected (same id, same plays).
 */
import "server-only";
import {
  listeningRepository,
  playsRepository,
  rollupsRepository,
  segmentIdOf,
  type NewPlay,
  type PendingMarker,
  type PlayDocument,
  type Store,
} from "@/lib/db";
import { logger } from "@/lib/telemetry";
import { toPlayRow, type PlayFacts } from "./row";
import { encodePlays, encodeRemoved } from "./segments";

/**
 * A marker older than this belongs to a batch that stopped (a crash, a killed process), not to one
 * still running (a 5,000-row chunk takes seconds): the next batch of the listener finishes it.
 */
export const PENDING_LEASE_MS = 10 * 60_000;
const DAY_MS = 86_400_000;
/** Plays per segment when `rebuildListening` writes a listener's segments anew. */
const REPAIR_SEGMENT = 5_000;

export interface PlayBatch {
  /** `import|<importId>/<chunkId>`, `sync|<cursor>`: the same batch sent again has the same key. */
  sourceKey: string;
  plays: NewPlay[];
  /** Minute-precision plays this batch's exact rows replace: deleted, and listed in a removed segment. */
  superseded?: { ids: string[]; keys: string[] };
}

/** Per play of the batch: stored now, stored by an earlier attempt of this batch, or another batch's. */
export type PlayStatus = "new" | "own" | "duplicate";

export interface BatchResult {
  ids: string[];
  status: PlayStatus[];
  inserted: number;
}

/** What a marker keeps: enough to finish the batch without its input. */
interface MarkerData {
  /** The batch's first and last play, epoch ms: its days are rebuilt from `plays`. */
  from: number;
  to: number;
  supersededIds: string[];
  supersededKeys: string[];
}

/** The play fields a segment and a rollup need, and the segment a play belongs to. */
const SEGMENT_FIELDS = {
  playedAt: 1,
  msPlayed: 1,
  trackKey: 1,
  trackId: 1,
  trackName: 1,
  artistName: 1,
  albumName: 1,
  platform: 1,
  skipped: 1,
  reasonEnd: 1,
  shuffle: 1,
  timePrecision: 1,
  segmentId: 1,
} as const;

type StoredPlay = Partial<PlayDocument> & { _id: string };

const tally = (play: StoredPlay) => ({ playedAt: play.playedAt as Date, msPlayed: play.msPlayed ?? 0, skipped: play.skipped ?? null });
const rowOf = (play: StoredPlay) => toPlayRow(play as PlayFacts);

/**
 * Stores a batch of plays with its rollups and segment. Plays stored before (by this batch on an
 * earlier attempt, or by another) are never stored twice; rollups count each play once.
 */
export async function storePlayBatch(store: Store, userId: string, batch: PlayBatch, options: { now?: Date } = {}): Promise<BatchResult> {
  const now = options.now ?? new Date();
  const listening = listeningRepository(store);
  const plays = playsRepository(store);
  const rollups = rollupsRepository(store);
  const segmentId = segmentIdOf(userId, batch.sourceKey);
  const markers = await listening.pending(userId);
  const unfinished = await finishStale(store, userId, now, batch.sourceKey, markers);
  if (batch.plays.length === 0) return { ids: [], status: [], inserted: 0 };
  const times = batch.plays.map((play) => play.playedAt.getTime());
  const marker: MarkerData = {
    from: Math.min(...times),
    to: Math.max(...times),
    supersededIds: batch.superseded?.ids ?? [],
    supersededKeys: batch.superseded?.keys ?? [],
  };
  // Whether a duplicate may belong to an earlier attempt of this batch (its marker, read before this
  // attempt writes its own) or to a batch still pending. A duplicate has the time of one of this
  // batch's plays, so only a pending batch whose plays span that time can hold it: the other
  // chunks an import stores meanwhile, of other days, cannot.
  const markedBefore = markers.some((pending) => pending.sourceKey === batch.sourceKey);
  const othersPending = unfinished.some((pending) => pending.sourceKey !== batch.sourceKey && mayOverlap(pending, marker));
  await listening.markPending(userId, batch.sourceKey, JSON.stringify(marker), now);

  const { duplicateIndexes, ids, inserted } = await plays.add(userId, batch.plays, segmentId);
  const duplicates = new Set(duplicateIndexes);
  const own = new Set<string>();
  // Segments of other batches holding this batch's duplicates: one that never finished is finished below.
  const holders = new Set<string>();
  // Most duplicates are another finished batch's (a re-imported export): with no earlier attempt of
  // this batch (no marker, no segment a finished attempt wrote; this attempt writes its segment only
  // below) and no other batch pending, none can be "own" and no holder needs finishing, so the
  // plays need not be read back (on FerretDB v1 that read is the whole of a re-import's time).
  // Asked only when there are duplicates: a batch of new plays costs no extra read.
  if (duplicateIndexes.length > 0 && (markedBefore || othersPending || (await listening.hasSegment(userId, batch.sourceKey)))) {
    // The same stream twice in the batch: the second is a duplicate of the first, stored just now.
    const insertedNow = new Set(ids.filter((_, index) => !duplicates.has(index)));
    const earlier = await plays.byIds(
      userId,
      duplicateIndexes.map((index) => ids[index]!),
      { segmentId: 1 },
    );
    for (const play of earlier) {
      if (insertedNow.has(play._id)) continue;
      if (play.segmentId === segmentId) own.add(play._id);
      else if (play.segmentId) holders.add(play.segmentId);
    }
  }
  // A stream the batch holds twice is one play: on a retry both copies find this batch's play, but
  // only the first is "own" (the report's accepted); the second stays a duplicate, as on the first try.
  const counted = new Set<string>();
  const status = ids.map((id, index): PlayStatus => {
    const first = !counted.has(id);
    counted.add(id);
    return !duplicates.has(index) ? "new" : first && own.has(id) ? "own" : "duplicate";
  });
  // After the plays: a crash before this point leaves the replaced plays to the next attempt, which
  // finds them again; one after it leaves plays this batch stored, which lead the next run here.
  if (marker.supersededIds.length > 0) await plays.deleteByIds(userId, marker.supersededIds);

  if (own.size > 0 || marker.supersededIds.length > 0) {
    // Counted before, or replaced: this batch's days and segment from the plays themselves.
    await rebuildBatch(store, userId, batch.sourceKey, marker, now);
  } else {
    const fresh = batch.plays.filter((_, index) => status[index] === "new");
    // Rollups first, then the segment: the dashboard's revision moves only once both are there.
    await rollups.add(userId, fresh, now);
    await listening.appendPlays(userId, batch.sourceKey, encodePlays(fresh.map(toPlayRow)), now);
  }
  await listening.appendRemoved(userId, batch.sourceKey, encodeRemoved(marker.supersededKeys), now);
  await listening.clearPending(userId, batch.sourceKey);

  if (holders.size > 0) {
    for (const stopped of await listening.pendingOf(userId, [...holders])) await finishQuietly(store, userId, stopped, now);
  }
  return { ids, status, inserted };
}

/** Whether a pending batch may hold plays in the time `data` spans (when its marker cannot say, it may). */
function mayOverlap(pending: PendingMarker, data: MarkerData): boolean {
  try {
    const { from, to } = JSON.parse(pending.data) as Partial<MarkerData>;
    return !(typeof from === "number" && typeof to === "number") || (from <= data.to && data.from <= to);
  } catch {
    return true;
  }
}

/**
 * Finishes the listener's batches whose markers outlived the lease (never `except`, the caller's
 * own); returns the markers still pending (in flight, the caller's own, or failing to finish).
 */
async function finishStale(store: Store, userId: string, now: Date, except: string, markers: PendingMarker[]): Promise<PendingMarker[]> {
  const unfinished: PendingMarker[] = [];
  for (const marker of markers) {
    if (marker.sourceKey === except || now.getTime() - marker.createdAt.getTime() < PENDING_LEASE_MS) unfinished.push(marker);
    else if (!(await finishQuietly(store, userId, marker, now))) unfinished.push(marker);
  }
  return unfinished;
}

async function finishQuietly(store: Store, userId: string, marker: PendingMarker, now: Date): Promise<boolean> {
  try {
    await finishPending(store, userId, marker, now);
    logger.info({ userId, batch: marker.sourceKey }, "listening: finished a batch that had stopped midway");
    return true;
  } catch (error) {
    // The marker stays: a later batch (or `npm run repair`) tries again.
    logger.warn({ err: error, userId, batch: marker.sourceKey }, "listening: finishing a stopped batch failed");
    return false;
  }
}

/** Finishes one stopped batch: whatever step it reached, the result is what a whole run writes. */
export async function finishPending(store: Store, userId: string, marker: PendingMarker, now = new Date()): Promise<void> {
  const data = JSON.parse(marker.data) as MarkerData;
  const listening = listeningRepository(store);
  if (data.supersededIds.length > 0) await playsRepository(store).deleteByIds(userId, data.supersededIds);
  await rebuildBatch(store, userId, marker.sourceKey, data, now);
  await listening.appendRemoved(userId, marker.sourceKey, encodeRemoved(data.supersededKeys), now);
  await listening.clearPending(userId, marker.sourceKey);
}

/** The batch's whole days recounted from `plays`, and its segment rewritten from the plays naming it. */
async function rebuildBatch(store: Store, userId: string, sourceKey: string, data: MarkerData, now: Date): Promise<void> {
  const dayStart = new Date(Math.floor(data.from / DAY_MS) * DAY_MS);
  const dayEnd = new Date((Math.floor(data.to / DAY_MS) + 1) * DAY_MS);
  const all = await playsRepository(store).window(userId, { from: dayStart, to: dayEnd }, SEGMENT_FIELDS);
  await rollupsRepository(store).rebuild(userId, new Date(data.from), new Date(data.to), all.map(tally), now);
  const segmentId = segmentIdOf(userId, sourceKey);
  const rows = all
    .filter((play) => play.segmentId === segmentId)
    .sort((a, b) => (a.playedAt?.getTime() ?? 0) - (b.playedAt?.getTime() ?? 0))
    .map(rowOf);
  await listeningRepository(store).appendPlays(userId, sourceKey, encodePlays(rows), now);
}

export interface RepairReport {
  userId: string;
  plays: number;
  segmentsBefore: number;
  segmentsAfter: number;
  /** Batches that had stopped midway (their markers are gone: the rebuild covers them). */
  pendingCleared: number;
  days: number;
}

/**
 * `npm run repair`: rebuilds a listener's segments and day rollups from `plays` alone. Idempotent;
 * run it while nothing else writes that listener's plays (an import, a sync).
 */
export async function rebuildListening(store: Store, userId: string, now = new Date()): Promise<RepairReport> {
  const listening = listeningRepository(store);
  const segmentsBefore = (await listening.segments(userId)).length;
  const pendingCleared = (await listening.pending(userId)).length;
  const all = await playsRepository(store).window(userId, {}, SEGMENT_FIELDS);
  all.sort((a, b) => (a.playedAt?.getTime() ?? 0) - (b.playedAt?.getTime() ?? 0) || (a._id < b._id ? -1 : 1));
  const rebuilt: Array<{ sourceKey: string; segment: ReturnType<typeof encodePlays> }> = [];
  for (let start = 0; start < all.length; start += REPAIR_SEGMENT)
    rebuilt.push({ sourceKey: `repair|${rebuilt.length}`, segment: encodePlays(all.slice(start, start + REPAIR_SEGMENT).map(rowOf)) });
  await listening.replaceAll(userId, rebuilt, now);
  const days = await rollupsRepository(store).replaceAll(userId, all.map(tally), now);
  return { userId, plays: all.length, segmentsBefore, segmentsAfter: rebuilt.length, pendingCleared, days };
}
