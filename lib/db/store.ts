import "server-only";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { logger, tracingEnabled } from "@/lib/telemetry";
import type { Store } from "./port";
import { moveLegacyState } from "./repositories/state";
import { indexes, type CollectionName } from "./schema";
import { tracedStore } from "./traced";

/**
 * Creates every collection's indexes and moves what earlier versions stored elsewhere
 * (`moveLegacyState`); idempotent, so safe at each start.
 */
export async function ensureIndexes(store: Store): Promise<void> {
  for (const [name, specs] of Object.entries(indexes) as Array<[CollectionName, (typeof indexes)[CollectionName]]>) {
    for (const spec of specs) await store.collection(name).createIndex(spec);
  }
  // The layout of earlier versions, brought up to date with the indexes (once per process).
  await moveLegacyState(store);
}

async function openStore(): Promise<Store> {
  const store = await openAdapter();
  // Spans only when they are exported: without a collector the plain adapter is not even wrapped.
  return tracingEnabled() ? tracedStore(store) : store;
}

async function openAdapter(): Promise<Store> {
  if (env.MONGODB_URI) {
    const { MongoStore } = await import("./mongodb");
    const store = new MongoStore({ uri: env.MONGODB_URI, database: env.MONGODB_DB });
    logger.info({ store: store.describe() }, "store: mongodb");
    return store;
  }
  const [{ EmbeddedStore }, { assertEmbeddedStoreCanLive }] = await Promise.all([
    import("./embedded/store"),
    import("./embedded/placement"),
  ]);
  assertEmbeddedStoreCanLive(env.DATA_DIR, { vercel: env.VERCEL, lambdaFunction: env.AWS_LAMBDA_FUNCTION_NAME });
  const store = new EmbeddedStore(env.DATA_DIR, { sync: env.DATA_SYNC });
  if (store.repairedLines > 0)
    logger.warn({ dir: store.dir, lines: store.repairedLines }, "store: cut a torn journal tail left by a crash");
  logger.info({ store: store.describe() }, "store: embedded");
  return store;
}

// One store per process, so dev hot reloads and warm serverless invocations reuse the pooled client
// (or the embedded store's lock) instead of opening another.
const holder = perProcess("db.store", () => ({}) as { current?: { store: Promise<Store>; indexed?: Promise<void> } });

/** The process's store, opened on first use. Index creation is retried until it succeeds once. */
export async function getStore(): Promise<Store> {
  holder.current ??= { store: openStore() };
  const entry = holder.current;
  let store: Store;
  try {
    store = await entry.store;
  } catch (error) {
    holder.current = undefined;
    throw error;
  }
  entry.indexed ??= ensureIndexes(store).catch((error: unknown) => {
    entry.indexed = undefined;
    throw error;
  });
  await entry.indexed;
  return store;
}

/**
 * Opens the embedded store as the server starts (instrumentation's `register`, which the server
 * awaits before it takes requests), so no listener's first request waits for the journal to load:
 * about 2 s for 300,000 plays. MongoDB needs no such wait (the driver connects in milliseconds).
 * A store that cannot open is left to the first request, which answers with the reason.
 */
export async function openStoreAtStart(): Promise<void> {
  if (env.MONGODB_URI) return;
  const started = performance.now();
  try {
    await getStore();
    logger.info({ ms: Math.round(performance.now() - started) }, "store: opened at start");
  } catch (error) {
    logger.warn({ err: error }, "store: could not open at start; the first request will try again");
  }
}

/** Closes the process's store (tests, scripts, graceful shutdown). */
export async function closeStore(): Promise<void> {
  const entry = holder.current;
  holder.current = undefined;
  if (entry) await (await entry.store).close();
}
