import "server-only";
import { collections, getStore, type Store, type StoredDocument } from "@/lib/db";
import { demoIndexRows, IndexBuilder, type ListeningIndex } from "@/lib/listening";
import { demoEnabled } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { logger } from "@/lib/telemetry";
import { artistNeighbours, evaluateNeighbours, type ArtistMatrix, type NeighbourModel } from "./neighbours";
import type { CollaborativeSignal } from "./engine";
import type { TrackProfile } from "./profile";

export const MODEL_SCOPE = "cf-artist";

/** A trained collaborative model: artist neighbours learned from every listener's plays. */
export interface ModelDocument extends StoredDocument {
  /** `cf-artist@<version>`. */
  scope: typeof MODEL_SCOPE;
  version: number;
  createdAt: Date;
  status: "active" | "rejected" | "retired";
  /** Held-out evaluation of this version (and of the active one at the time, for the record). */
  metrics: { recallAt50: number; ndcgAt20: number; users: number; comparedTo: number | null; activeRecallAt50: number | null };
  params: { k: number; shrink: number; listeners: number; artists: number };
  trainSeconds: number;
  model: NeighbourModel;
}

interface ActivePointer extends StoredDocument {
  version: number;
  updatedAt: Date;
}

const activeId = `active|${MODEL_SCOPE}`;
const models = (store: Store) => store.collection<ModelDocument>(collections.models);
const pointers = (store: Store) => store.collection<ActivePointer>(collections.models);

const cache = perProcess(
  "reco.activeModel",
  () => ({}) as { current?: { version: number; model: NeighbourModel; byKey: Map<string, number> } },
);

/** The active model, from memory when the pointer has not moved. */
export async function activeModel(store?: Store): Promise<{ version: number; model: NeighbourModel; byKey: Map<string, number> } | null> {
  const db = store ?? (await getStore());
  const pointer = await pointers(db).findOne({ _id: activeId });
  if (!pointer) return null;
  if (cache.current?.version === pointer.version) return cache.current;
  const document = await models(db).findOne({ _id: `${MODEL_SCOPE}@${pointer.version}` });
  if (!document) return null;
  const entry = {
    version: document.version,
    model: document.model,
    byKey: new Map(document.model.artists.map((artist, index) => [artist, index])),
  };
  cache.current = entry;
  return entry;
}

/**
 * What the active model expects this listener to like: artists scored by their similarity to the
 * artists the listener plays (weighted by log listens, recent ones counting more), leaving out
 * artists they already know well. Null when no model is active.
 */
type Signal = { signal: CollaborativeSignal; version: string };
const signals = perProcess("reco.signals", () => new WeakMap<TrackProfile, { version: string; signal: Signal }>());

/** The active model's artists for this listener, computed once per track profile and model version. */
export async function collaborativeSignal(index: ListeningIndex, profile: TrackProfile): Promise<Signal | null> {
  const active = await activeModel();
  if (!active) return null;
  const version = `${MODEL_SCOPE}@${active.version}`;
  const known = signals.get(profile);
  if (known?.version === version) return known.signal;
  const signal = signalOf(index, profile, active, version);
  signals.set(profile, { version, signal });
  return signal;
}

function signalOf(
  index: ListeningIndex,
  profile: TrackProfile,
  active: NonNullable<Awaited<ReturnType<typeof activeModel>>>,
  version: string,
): Signal {
  const { model, byKey } = active;
  const scores = new Float64Array(model.artists.length);
  const because = new Int32Array(model.artists.length).fill(-1);
  const best = new Float64Array(model.artists.length);
  const known = new Set<number>();
  index.artists.forEach((artist, id) => {
    const listens = profile.artistListens[id]!;
    if (listens <= 0) return;
    const position = byKey.get(artist.key);
    if (position === undefined) return;
    if (listens >= 3) known.add(position);
    const weight = Math.log1p(listens) + 2 * Math.log1p(profile.artistRecentListens[id]!);
    const neighbours = model.neighbours[position] ?? [];
    for (let at = 0; at < neighbours.length; at += 2) {
      const other = neighbours[at]!;
      const contribution = weight * neighbours[at + 1]!;
      scores[other]! += contribution;
      if (contribution > best[other]!) {
        best[other] = contribution;
        because[other] = position;
      }
    }
  });
  const ranked = [...scores.keys()]
    .filter((position) => scores[position]! > 0 && !known.has(position))
    .sort((a, b) => scores[b]! - scores[a]!)
    .slice(0, 20);
  return {
    version,
    signal: {
      artists: ranked.map((position) => ({
        key: model.artists[position]!,
        name: model.names[position] ?? model.artists[position]!,
        score: scores[position]!,
        because: because[position]! >= 0 ? (model.names[because[position]!] ?? null) : null,
      })),
    },
  };
}

/** Listener × artist listens from listening indexes (normalised artist names). */
export function matrixFrom(indexes: Array<{ index: ListeningIndex; before?: number }>, listenThresholdMs = 30_000): ArtistMatrix {
  const artistIds = new Map<string, number>();
  const names: string[] = [];
  const rows: Array<Map<number, number>> = [];
  for (const { index, before } of indexes) {
    const counts = new Map<number, number>();
    const local = new Int32Array(index.artists.length).fill(-1);
    index.artists.forEach((artist, id) => {
      let global = artistIds.get(artist.key);
      if (global === undefined) {
        global = names.push(artist.name) - 1;
        artistIds.set(artist.key, global);
      }
      local[id] = global;
    });
    for (let row = 0; row < index.count; row++) {
      if (before !== undefined && index.playedAt[row]! >= before) break;
      if (index.msPlayed[row]! < listenThresholdMs) continue;
      const artist = local[index.artist[row]!]!;
      counts.set(artist, (counts.get(artist) ?? 0) + 1);
    }
    rows.push(counts);
  }
  return { artists: [...artistIds.keys()], names, rows };
}

/**
 * Trains a new version from every listener's plays (and, with the demo on, a cohort of generated
 * listeners over the demo catalogue), evaluates it on held-out time, and activates it only when it
 * is not worse than the active one. Returns the stored document.
 */
export async function trainModel(options: {
  store?: Store;
  indexes: ListeningIndex[];
  cohort?: ListeningIndex[];
  k?: number;
  shrink?: number;
  now?: number;
}): Promise<ModelDocument> {
  const store = options.store ?? (await getStore());
  const started = performance.now();
  const everyone = [...options.indexes, ...(options.cohort ?? [])].filter((index) => index.count > 0);
  const k = options.k ?? 40;
  const shrink = options.shrink ?? 10;
  const matrix = matrixFrom(everyone.map((index) => ({ index })));
  const model = artistNeighbours(matrix, { k, shrink });
  const trainSeconds = (performance.now() - started) / 1000;

  // Held out: each listener's last 60 days; the model is retrained on the time before and asked
  // for the artists new to the listener in those days.
  const evaluation = evaluateNeighbours(everyone, { k, shrink });
  const active = await activeModel(store);
  const activeDocument = active ? await models(store).findOne({ _id: `${MODEL_SCOPE}@${active.version}` }) : null;
  const activeRecall = activeDocument?.metrics.recallAt50 ?? null;
  const latest = await models(store).find({ scope: MODEL_SCOPE }, { sort: { version: -1 }, limit: 1 });
  const version = (latest[0]?.version ?? 0) + 1;
  // Not worse than the active one (within a hair of noise) → active.
  const accept = activeRecall === null || evaluation.recallAt50 >= activeRecall - 0.002;
  const document: ModelDocument = {
    _id: `${MODEL_SCOPE}@${version}`,
    scope: MODEL_SCOPE,
    version,
    createdAt: new Date(),
    status: accept ? "active" : "rejected",
    metrics: { ...evaluation, comparedTo: active?.version ?? null, activeRecallAt50: activeRecall },
    params: { k, shrink, listeners: everyone.length, artists: matrix.artists.length },
    trainSeconds,
    model,
  };
  await models(store).insertOne(document);
  if (accept) await activate(store, version, active?.version ?? null);
  logger.info({ version, accepted: accept, metrics: document.metrics, trainSeconds }, "reco: model trained");
  return document;
}

async function activate(store: Store, version: number, previous: number | null): Promise<void> {
  await pointers(store).updateOne({ _id: activeId }, { $set: { version, updatedAt: new Date() } }, { upsert: true });
  if (previous !== null && previous !== version)
    await models(store).updateOne({ _id: `${MODEL_SCOPE}@${previous}` }, { $set: { status: "retired" } });
  await models(store).updateOne({ _id: `${MODEL_SCOPE}@${version}` }, { $set: { status: "active" } });
}

/** Makes an earlier version active again (`npm run reco:rollback -- <version>`). */
export async function rollbackModel(version: number, store?: Store): Promise<ModelDocument> {
  const db = store ?? (await getStore());
  const document = await models(db).findOne({ _id: `${MODEL_SCOPE}@${version}` });
  if (!document) throw new Error(`There is no model version ${version}. List them with npm run reco:train -- --list.`);
  const active = await activeModel(db);
  await activate(db, version, active?.version ?? null);
  return { ...document, status: "active" };
}

export async function listModels(store?: Store): Promise<Array<Omit<ModelDocument, "model">>> {
  const db = store ?? (await getStore());
  const documents = await models(db).find({ scope: MODEL_SCOPE }, { sort: { version: -1 }, projection: { model: 0 } });
  return documents as Array<Omit<ModelDocument, "model">>;
}

/** Generated listeners sharing the demo catalogue: the co-listening the demo's collaborative model learns from. */
const cohorts = perProcess("reco.cohorts", () => new Map<string, Promise<ListeningIndex[]>>());

export function demoCohort(size = 80, playsEach = 2_000): Promise<ListeningIndex[]> {
  if (!demoEnabled()) return Promise.resolve([]);
  // The same generated listeners every time: made once per process.
  const key = `${size}|${playsEach}`;
  let cohort = cohorts.get(key);
  if (!cohort) {
    cohort = generateCohort(size, playsEach);
    cohorts.set(key, cohort);
  }
  return cohort;
}

async function generateCohort(size: number, playsEach: number): Promise<ListeningIndex[]> {
  const { DEFAULT_HISTORY_END, DEMO_LISTENER, generateListeningHistory, getDemoCatalog } = await import("@/lib/demo");
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const cohort: ListeningIndex[] = [];
  for (let member = 0; member < size; member++) {
    // Generating is CPU work: let the server answer requests between members.
    await new Promise((resolve) => setImmediate(resolve));
    const streams = generateListeningHistory({
      seed: 1000 + member,
      catalogSeed: DEMO_LISTENER.seed,
      plays: playsEach,
      years: 3,
      // Other listeners on the demo catalogue: who co-listens with whom does not depend on the day,
      // so they end on a fixed day and stay the same for every training run.
      end: new Date(DEFAULT_HISTORY_END),
    });
    const builder = new IndexBuilder(`cohort-${member}`, 1);
    for (const row of demoIndexRows(streams, catalog)) builder.add(row);
    cohort.push(builder.build());
  }
  return cohort;
}
