import "server-only";
import { listeningRepository, type Store } from "@/lib/db";
import { perProcess } from "@/lib/process-state";
import { logger, observeDuration } from "@/lib/telemetry";
import { IndexBuilder } from "./build";
import type { ListeningIndex } from "./listening-index";
import { removalKey } from "./identity";
import type { PlayRow } from "./row";
import { decodePlays, decodeRemoved, encodePlays } from "./segments";

/** Listeners whose index stays in memory (a 300k-play index is about 6 MB of typed arrays). */
const MAX_CACHED = 24;
/** More small segments than this (sync runs) are merged into one by `compactSegments`. */
const MERGE_AFTER = 32;
const SMALL_SEGMENT = 2_000;

const cache = perProcess("listening.indexes", () => new Map<string, ListeningIndex>());
const loads = perProcess("listening.indexLoads", () => new Map<string, Promise<ListeningIndex>>());
/** A small segment the last load found: its plays, and what it replaces when it is itself a merge. */
interface SmallSegment {
  id: string;
  rows: PlayRow[];
  replaces: readonly string[];
}

/** Per listener: the small segments the last load found, when there are enough to merge. */
const compactable = perProcess("listening.compactable", () => new Map<string, { revision: number; segments: SmallSegment[] }>());

/**
 * The listener's listening index at the current revision: from memory when nothing changed since
 * (one read of a counter), otherwise assembled from their segments (never from raw plays). Writes
 * nothing: merging small segments is `compactSegments`.
 */
export async function loadListeningIndex(store: Store, userId: string): Promise<ListeningIndex> {
  const listening = listeningRepository(store);
  const revision = await listening.revision(userId);
  const cached = cache.get(userId);
  if (cached && cached.revision === revision) {
    // Most recently used last: the first entry is the one to evict.
    cache.delete(userId);
    cache.set(userId, cached);
    return cached;
  }
  const key = `${userId}|${revision}`;
  let load = loads.get(key);
  if (!load) {
    load = assemble(store, userId, revision).finally(() => loads.delete(key));
    loads.set(key, load);
  }
  const index = await load;
  cache.delete(userId);
  cache.set(userId, index);
  while (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value as string);
  return index;
}

/**
 * The segments whose plays count: a merged segment stands for the ones it replaces, which a merge
 * that stopped midway (or one still deleting them) leaves behind. Of two merges of overlapping sets
 * (two instances, loads a revision apart) the larger holds every play of the smaller.
 */
function liveSegments<T extends { _id: string; replaces?: readonly string[] }>(segments: readonly T[]): T[] {
  const merged = segments.filter((segment) => (segment.replaces?.length ?? 0) > 0);
  if (merged.length === 0) return [...segments];
  const replaced = new Set(merged.flatMap((segment) => segment.replaces ?? []));
  for (const smaller of merged) {
    const ids = smaller.replaces ?? [];
    const within = merged.some((larger) => {
      if (larger === smaller || (larger.replaces?.length ?? 0) <= ids.length) return false;
      const set = new Set(larger.replaces);
      return ids.every((id) => set.has(id));
    });
    if (within) replaced.add(smaller._id);
  }
  return segments.filter((segment) => !replaced.has(segment._id));
}

async function assemble(store: Store, userId: string, revision: number): Promise<ListeningIndex> {
  const started = performance.now();
  const segments = liveSegments(await listeningRepository(store).segments(userId));
  const builder = new IndexBuilder(userId, revision);
  const removed = new Set<string>();
  const small: SmallSegment[] = [];
  for (const segment of segments) {
    if (segment.kind === "removed") {
      for (const key of decodeRemoved(segment.data)) removed.add(key);
      continue;
    }
    const keep = segment.count < SMALL_SEGMENT ? { id: segment._id, rows: [] as PlayRow[], replaces: segment.replaces ?? [] } : undefined;
    decodePlays(segment.data, (row) => {
      builder.add(row);
      keep?.rows.push(row);
    });
    if (keep) small.push(keep);
  }
  const index = builder.build(removed);
  observeDuration("insights.index_load", performance.now() - started);
  if (small.length > MERGE_AFTER) compactable.set(userId, { revision, segments: small });
  else compactable.delete(userId);
  return index;
}

/**
 * The keys (`removalKey`) of the listener's stored plays, from their segments (never from raw
 * plays): every play a finished batch stored is in exactly one live segment, and the plays taken
 * out since are in a removed segment. A batch still pending, or one a crash stopped, has no
 * segment yet: its plays are missing here, never the other way round. An import reads this once,
 * before its first chunk, to send only the rows not stored yet.
 */
export async function storedPlayKeys(store: Store, userId: string): Promise<Set<string>> {
  const segments = liveSegments(await listeningRepository(store).segments(userId));
  const keys = new Set<string>();
  const removed: string[] = [];
  for (const segment of segments) {
    if (segment.kind === "removed") removed.push(...decodeRemoved(segment.data));
    else decodePlays(segment.data, (row) => keys.add(removalKey(row.playedAt, row.trackKey)));
  }
  for (const key of removed) keys.delete(key);
  return keys;
}

/**
 * Maintenance: many small segments (one per sync run) make every load slower, so once a load has
 * found more than a few dozen, this folds them into one. A no-op otherwise. Failures are logged.
 * Safe to stop anywhere and to run on two instances at once (see the repository's `merge`).
 */
export async function compactSegments(store: Store, userId: string): Promise<void> {
  const pending = compactable.get(userId);
  if (!pending) return;
  compactable.delete(userId);
  try {
    const rows = pending.segments.flatMap((segment) => segment.rows);
    // A merged segment merged again passes on what it replaced: those may not all be deleted yet.
    const replaces = pending.segments.flatMap((segment) => [segment.id, ...segment.replaces]);
    await listeningRepository(store).merge(userId, replaces, encodePlays(rows));
  } catch (error) {
    logger.warn({ err: error, userId }, "listening: merging small segments failed");
  }
}
