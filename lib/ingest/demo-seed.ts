import "server-only";
import { randomUUID } from "node:crypto";
import { DEMO_USER_ID, getStore, listeningRepository, playsRepository, rollupsRepository, type Store } from "@/lib/db";
import { DEMO_LISTENER, demoHistoryDay, demoListenerOptions, generateListeningHistory, getDemoCatalog, type DemoStream } from "@/lib/demo";
import type { ListenerProfile } from "@/lib/listener";
import { readsDemoHistory } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { demoHistory } from "@/lib/spotify";
import { logger } from "@/lib/telemetry";
import { storeRows } from "./import";
import type { ImportRow } from "./rows";

const DEMO_CHUNK = 5_000;
/** The seed's name in the store: which day's demo history is stored, and who is storing it. */
const DEMO_SEED = "demo-history";
/** Before seeds had a day: "a demo history is stored" (the old fixed one, which is replaced). */
const LEGACY_FLAG = "demo-history-stored";
/**
 * How long a run holds the demo history without a sign of life. Renewed after every chunk (a few
 * seconds each), so only a run that stopped (a crash, a killed instance) loses it, and the next
 * visit, on any instance, starts again that much later.
 */
export const DEMO_SEED_LEASE_MS = 2 * 60_000;

/** The run storing the demo history in this process (one at a time), and how far it is. */
const seed = perProcess("ingest.demoSeed", () => ({
  run: undefined as Promise<void> | undefined,
  progress: undefined as { stored: number; total: number } | undefined,
}));

export interface DemoHistoryOptions {
  /** Await the end of the storing. */
  wait?: boolean;
  /** false: only look whether it is stored. */
  start?: boolean;
  /**
   * Awaited once a run has stored the whole history: the caller queues the recommender's training
   * here (a job, as after a large import), so the work is recorded before the run ends.
   */
  onStored?: (store: Store) => Promise<unknown>;
  /** The instant whose day's history is wanted, and the clock of the run's lease (default: the clock). */
  now?: Date;
  /** Fewer plays than the demo listener has (tests): the same generator, the same day. */
  plays?: number;
}

/**
 * The demo listener's history, stored once for every visitor through the import pipeline (plays,
 * rollups, segments), so the demo shows what a real import gives. It is the history up to
 * yesterday, so a new day replaces the stored one: its plays, rollups and segments are deleted
 * and the new day's stored in their place. It runs in the background: the first visitor of a day
 * sees its progress rather than a blank wait. One run stores it however many requests and
 * instances ask (the seed's lease in the store, a compare-and-set); a run that stops midway is
 * started again by a later visit once its lease has run out. `wait` awaits the end.
 */
export async function ensureDemoHistory(store: Store, options: DemoHistoryOptions = {}): Promise<"ready" | "preparing"> {
  const day = demoHistoryDay(options.now ?? new Date());
  if (await isStored(store, day)) return "ready";
  if (options.start === false) return "preparing";
  seed.run ??= seedDemo(store, options)
    .catch((error: unknown) => logger.error({ err: error }, "ingest: storing the demo history failed; the next visit retries"))
    .finally(() => {
      seed.run = undefined;
      seed.progress = undefined;
    });
  if (!options.wait) return "preparing";
  await seed.run;
  return (await isStored(store, day)) ? "ready" : "preparing";
}

async function isStored(store: Store, day: string): Promise<boolean> {
  const state = await listeningRepository(store).seedState(DEMO_SEED);
  return state?.day === day && state.status === "stored";
}

/** How far the demo history is (plays stored of all), while it is being stored in this process. */
export function demoHistoryProgress(): { stored: number; total: number } | null {
  return seed.run ? (seed.progress ?? { stored: 0, total: 0 }) : null;
}

/**
 * While the shared demo history the listener reads is being stored (the first visit of a day), how
 * far it is, here or on another instance; null when it is ready, for a demo visitor who reads their
 * own import, and for anyone else. Only looks: the page starts the storing after its response
 * (`after(...)` with `ensureDemoHistory(store, { wait: true, ... })`).
 */
export async function demoPreparing(listener: Pick<ListenerProfile, "id" | "isDemo">): Promise<{ stored: number; total: number } | null> {
  const store = await getStore();
  if (!(await readsDemoHistory(listener, store))) return null;
  const status = await ensureDemoHistory(store, { start: false });
  if (status === "ready") return null;
  const local = demoHistoryProgress();
  if (local) return local;
  const state = await listeningRepository(store).seedState(DEMO_SEED);
  return state?.status === "storing" ? { stored: state.stored, total: state.total } : { stored: 0, total: 0 };
}

/** The demo streams as the rows an export of them gives (music only: podcasts are not imported). */
function demoRows(streams: readonly DemoStream[]): ImportRow[] {
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const rows: ImportRow[] = [];
  for (const stream of streams) {
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
  return rows;
}

async function seedDemo(store: Store, options: DemoHistoryOptions): Promise<void> {
  // Generating the history is CPU work: let the current request answer first.
  await new Promise((resolve) => setImmediate(resolve));
  const clock = () => options.now ?? new Date();
  const now = clock();
  const day = demoHistoryDay(now);
  const listening = listeningRepository(store);
  const run = randomUUID();
  // Someone else is storing this day (another instance), or it is stored already.
  if (!(await listening.claimSeed(DEMO_SEED, day, run, DEMO_SEED_LEASE_MS, now))) return;
  try {
    const started = performance.now();
    const streams =
      options.plays === undefined
        ? demoHistory(now.getTime())
        : generateListeningHistory({ ...demoListenerOptions(now), plays: options.plays });
    const rows = demoRows(streams);
    seed.progress = { stored: 0, total: rows.length };
    if (!(await listening.renewSeed(DEMO_SEED, run, seed.progress, DEMO_SEED_LEASE_MS, clock()))) return;
    // An earlier day's history goes first, all of it (a run that stopped midway left part of one):
    // the segments before the plays, so readers see an empty history rather than a mixed one.
    await listening.deleteAll(DEMO_USER_ID);
    await playsRepository(store).deleteAll(DEMO_USER_ID);
    await rollupsRepository(store).deleteAll(DEMO_USER_ID);
    for (let start = 0, chunk = 0; start < rows.length; start += DEMO_CHUNK, chunk += 1) {
      await storeRows(store, DEMO_USER_ID, `demo-history-${day}`, `c${chunk}`, rows.slice(start, start + DEMO_CHUNK));
      seed.progress = { stored: Math.min(rows.length, start + DEMO_CHUNK), total: rows.length };
      if (!(await listening.renewSeed(DEMO_SEED, run, seed.progress, DEMO_SEED_LEASE_MS, clock()))) {
        // A newer day's run took over (this one outlived midnight): it replaces everything written here.
        logger.info({ day }, "ingest: another run took over storing the demo history");
        return;
      }
      // Storing is CPU work: let the server answer other requests between chunks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!(await listening.finishSeed(DEMO_SEED, run, clock()))) return;
    await listening.clearFlag(LEGACY_FLAG);
    logger.info({ day, plays: rows.length, ms: Math.round(performance.now() - started) }, "ingest: demo history stored");
  } catch (error) {
    await listening.releaseSeed(DEMO_SEED, run).catch(() => undefined);
    throw error;
  }
  // Like a large import, a new demo history trains the recommender: the caller queues that job.
  if (options.onStored)
    await options.onStored(store).catch((error: unknown) => logger.warn({ err: error }, "ingest: the work after the demo history failed"));
}
