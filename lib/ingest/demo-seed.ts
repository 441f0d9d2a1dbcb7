import "server-only";
import { DEMO_USER_ID, getStore, listeningRepository, type Store } from "@/lib/db";
import { DEMO_LISTENER, getDemoCatalog } from "@/lib/demo";
import type { ListenerProfile } from "@/lib/listener";
import { perProcess } from "@/lib/process-state";
import { demoHistory } from "@/lib/spotify";
import { logger } from "@/lib/telemetry";
import { storeRows } from "./import";
import type { ImportRow } from "./rows";

const DEMO_CHUNK = 5_000;
const DEMO_SEEDED = "demo-history-stored";

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
   * Called (not awaited) once a run has stored the whole history: the caller trains the
   * recommender here, as after a large import (`trainAll` from lib/reco).
   */
  onStored?: (store: Store) => Promise<unknown>;
}

/**
 * The demo listener's history, stored once through the import pipeline (plays, rollups,
 * segments), so the demo shows what a real import gives. It runs in the background: the first
 * visitor sees its progress rather than a blank wait. Concurrent visits share one run; a crash
 * midway is finished by the next visit (every chunk is idempotent). `wait` awaits the end.
 */
export async function ensureDemoHistory(store: Store, options: DemoHistoryOptions = {}): Promise<"ready" | "preparing"> {
  if (await listeningRepository(store).hasFlag(DEMO_SEEDED)) return "ready";
  if (options.start === false) return "preparing";
  seed.run ??= seedDemo(store, options.onStored)
    .catch((error: unknown) => logger.error({ err: error }, "ingest: storing the demo history failed; the next visit retries"))
    .finally(() => {
      seed.run = undefined;
    });
  if (!options.wait) return "preparing";
  await seed.run;
  return (await listeningRepository(store).hasFlag(DEMO_SEEDED)) ? "ready" : "preparing";
}

/** How far the demo history is (plays stored of all), while it is being stored in this process. */
export function demoHistoryProgress(): { stored: number; total: number } | null {
  return seed.run ? (seed.progress ?? { stored: 0, total: 0 }) : null;
}

/**
 * While the demo listener's history is being stored (the first visit after a fresh start), how far
 * it is; null when it is ready (or for anyone else). Only looks: the page starts the storing after
 * its response (`after(...)` with `ensureDemoHistory(store, { wait: true, ... })`).
 */
export async function demoPreparing(listener: Pick<ListenerProfile, "isDemo">): Promise<{ stored: number; total: number } | null> {
  if (!listener.isDemo) return null;
  const status = await ensureDemoHistory(await getStore(), { start: false });
  return status === "ready" ? null : (demoHistoryProgress() ?? { stored: 0, total: 0 });
}

async function seedDemo(store: Store, onStored: DemoHistoryOptions["onStored"]): Promise<void> {
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
  seed.progress = { stored: 0, total: rows.length };
  for (let start = 0, chunk = 0; start < rows.length; start += DEMO_CHUNK, chunk += 1) {
    await storeRows(store, DEMO_USER_ID, "demo-history", `c${chunk}`, rows.slice(start, start + DEMO_CHUNK));
    seed.progress = { stored: Math.min(rows.length, start + DEMO_CHUNK), total: rows.length };
    // Storing is CPU work: let the server answer other requests between chunks.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await listeningRepository(store).setFlag(DEMO_SEEDED);
  logger.info({ plays: rows.length, ms: Math.round(performance.now() - started) }, "ingest: demo history stored");
  // Like a large import, a new demo history trains the recommender (in the background): the caller's job.
  if (onStored)
    void onStored(store).catch((error: unknown) => logger.warn({ err: error }, "ingest: the work after the demo history failed"));
}
