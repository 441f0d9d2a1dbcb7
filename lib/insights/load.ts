import "server-only";
import { decodePlays, DEMO_USER_ID, listeningRepository, type SegmentPlay, type Store } from "@/lib/db";
import { DEMO_LISTENER, getDemoCatalog } from "@/lib/demo";
import { storeRows, type ImportRow } from "@/lib/ingest";
import { demoHistory } from "@/lib/spotify";
import { logger, observeDuration } from "@/lib/telemetry";
import { IndexBuilder } from "./build";
import type { ListeningIndex } from "./listening-index";

/** Listeners whose index stays in memory (a 300k-play index is about 6 MB of typed arrays). */
const MAX_CACHED = 24;
/** More small segments than this (sync runs) are merged into one on the next load. */
const MERGE_AFTER = 32;
const SMALL_SEGMENT = 2_000;

interface Holder {
  __echotuneIndexes?: Map<string, ListeningIndex>;
  __echotuneIndexLoads?: Map<string, Promise<ListeningIndex>>;
  __echotuneDemoSeed?: Promise<void>;
  __echotuneDemoProgress?: { stored: number; total: number };
}
const holder = globalThis as typeof globalThis & Holder;
const cache = (holder.__echotuneIndexes ??= new Map());
const loads = (holder.__echotuneIndexLoads ??= new Map());

/**
 * The listener's listening index at the current revision: from memory when nothing changed since
 * (one read of a counter), otherwise assembled from their segments (never from raw plays).
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

async function assemble(store: Store, userId: string, revision: number): Promise<ListeningIndex> {
  const started = performance.now();
  const listening = listeningRepository(store);
  const segments = await listening.segments(userId);
  const builder = new IndexBuilder(userId, revision);
  const removed = new Set<string>();
  const small: Array<{ id: string; plays: SegmentPlay[] }> = [];
  for (const segment of segments) {
    if (segment.kind === "removed") {
      for (const key of JSON.parse(segment.data) as string[]) removed.add(key);
      continue;
    }
    const keep = segment.count < SMALL_SEGMENT ? { id: segment._id, plays: [] as SegmentPlay[] } : undefined;
    decodePlays(segment.data, (row) => {
      const play = {
        msPlayed: row.msPlayed,
        trackKey: row.trackKey,
        trackId: row.trackId,
        trackName: row.trackName,
        artistName: row.artistName,
        albumName: row.albumName,
        platform: row.platform,
        skipped: (row.flags & 1) !== 0 ? true : null,
        reasonEnd: null,
        shuffle: (row.flags & 2) !== 0 ? true : null,
      };
      builder.add({ ...play, playedAt: row.playedAt, minutePrecision: (row.flags & 4) !== 0 });
      keep?.plays.push({ ...play, playedAt: new Date(row.playedAt), timePrecision: (row.flags & 4) !== 0 ? "minute" : "second" });
    });
    if (keep) small.push(keep);
  }
  const index = builder.build(removed);
  observeDuration("insights.index_load", performance.now() - started);
  if (small.length > MERGE_AFTER) {
    // Many small segments (one per sync run) make every load slower: fold them into one, later.
    listening
      .merge(
        userId,
        small.map((segment) => segment.id),
        small.flatMap((segment) => segment.plays),
      )
      .catch((error: unknown) => logger.warn({ err: error, userId }, "insights: merging small segments failed"));
  }
  return index;
}

/**
 * The demo listener's history, stored once through the import pipeline (plays, rollups,
 * segments), so the demo shows what a real import gives. It runs in the background: the first
 * visitor sees its progress rather than a blank wait. Concurrent visits share one run; a crash
 * midway is finished by the next visit (every chunk is idempotent). `wait` awaits the end.
 */
export async function ensureDemoHistory(store: Store, options: { wait?: boolean; start?: boolean } = {}): Promise<"ready" | "preparing"> {
  if (await listeningRepository(store).hasFlag(DEMO_SEEDED)) return "ready";
  if (options.start === false) return "preparing";
  holder.__echotuneDemoSeed ??= seedDemo(store)
    .catch((error: unknown) => logger.error({ err: error }, "insights: storing the demo history failed; the next visit retries"))
    .finally(() => {
      holder.__echotuneDemoSeed = undefined;
    });
  if (!options.wait) return "preparing";
  await holder.__echotuneDemoSeed;
  return (await listeningRepository(store).hasFlag(DEMO_SEEDED)) ? "ready" : "preparing";
}

/** How far the demo history is (plays stored of all), while it is being stored in this process. */
export function demoHistoryProgress(): { stored: number; total: number } | null {
  return holder.__echotuneDemoSeed ? (holder.__echotuneDemoProgress ?? { stored: 0, total: 0 }) : null;
}

const DEMO_CHUNK = 5_000;
const DEMO_SEEDED = "demo-history-stored";

async function seedDemo(store: Store): Promise<void> {
  // Generating the history is CPU work: let the current request answer first.
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const rows: ImportRow[] = [];
  for (const stream of demoHistory()) {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) continue;
    const artist = catalog.artistsById.get(track.artistIds[0] ?? "");
    rows.push({
      kind: "extended",
      endedAt: new Date(Math.floor(stream.ts.getTime() / 1000) * 1000).toISOString().replace(".000Z", "Z"),
      trackId: track.id,
      trackName: track.name,
      artistName: artist?.name ?? "Unknown artist",
      albumName: catalog.albumsById.get(track.albumId)?.name ?? null,
      msPlayed: stream.msPlayed,
      platform: stream.platform,
      reasonStart: stream.reasonStart,
      reasonEnd: stream.reasonEnd,
      shuffle: stream.shuffle,
      skipped: stream.skipped,
      offline: stream.offline,
      incognito: stream.incognito,
      country: stream.connCountry,
    });
  }
  holder.__echotuneDemoProgress = { stored: 0, total: rows.length };
  for (let start = 0, chunk = 0; start < rows.length; start += DEMO_CHUNK, chunk += 1) {
    await storeRows(store, DEMO_USER_ID, "demo-history", `c${chunk}`, rows.slice(start, start + DEMO_CHUNK));
    holder.__echotuneDemoProgress = { stored: Math.min(rows.length, start + DEMO_CHUNK), total: rows.length };
    // Storing is CPU work: let the server answer other requests between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await listeningRepository(store).setFlag(DEMO_SEEDED);
  logger.info({ plays: rows.length, ms: Math.round(performance.now() - started) }, "insights: demo history stored");
  // Like a large import, a new demo history trains the recommender (in the background).
  void import("@/lib/reco")
    .then((reco) => reco.trainAll(store))
    .catch((error: unknown) => logger.warn({ err: error }, "insights: training after the demo history failed"));
}
