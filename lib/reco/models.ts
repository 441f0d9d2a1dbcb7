import "server-only";
/**
 * The model registry: versions of the deployment's collaborative model (trained on its own
 * listeners and, with the demo on, a generated cohort), each evaluated on held-out time and made
 * active only when it is not worse than the active one; and the listener's collaborative signal,
 * from that model fused with the pretrained public one (`pretrained.ts`) for real listeners.
 */
import { collections, getStore, type Store, type StoredDocument } from "@/lib/db";
import { demoIndexRows, IndexBuilder, type ListeningIndex } from "@/lib/listening";
import { demoEnabled } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { logger } from "@/lib/telemetry";
import { decodeArtistModel, encodeArtistModel } from "./cf";
import {
  collaborativeFor,
  evaluateHeldOut,
  fuseSignals,
  listenerArtists,
  matrixFrom,
  servedModel,
  trainDeploymentModel,
  type ServedModel,
} from "./collaborative";
import { pretrainedModel } from "./pretrained";
import type { CollaborativeSignal } from "./types";
import type { TrackProfile } from "./profile";

export const MODEL_SCOPE = "cf-artist";

/** A trained version of the deployment's collaborative model. */
export interface ModelDocument extends StoredDocument {
  /** `cf-artist@<version>`. */
  scope: typeof MODEL_SCOPE;
  version: number;
  createdAt: Date;
  status: "active" | "rejected" | "retired";
  /** Held-out evaluation of this version (and of the active one at the time, for the record). */
  metrics: { recallAt50: number; ndcgAt20: number; users: number; comparedTo: number | null; activeRecallAt50: number | null };
  params: { model: "artist-model"; listeners: number; artists: number };
  trainSeconds: number;
  /** The model in the pretrained artifact's binary format (`encodeArtistModel`), base64. */
  model: string;
}

interface ActivePointer extends StoredDocument {
  version: number;
  updatedAt: Date;
}

const activeId = `active|${MODEL_SCOPE}`;
const models = (store: Store) => store.collection<ModelDocument>(collections.models);
const pointers = (store: Store) => store.collection<ActivePointer>(collections.models);

const cache = perProcess("reco.activeModel", () => ({}) as { current?: { version: number; served: ServedModel } });

/** The active deployment model, from memory when the pointer has not moved; null when none is usable. */
export async function activeModel(store?: Store): Promise<{ version: number; served: ServedModel } | null> {
  const db = store ?? (await getStore());
  const pointer = await pointers(db).findOne({ _id: activeId });
  if (!pointer) return null;
  if (cache.current?.version === pointer.version) return cache.current;
  const document = await models(db).findOne({ _id: `${MODEL_SCOPE}@${pointer.version}` });
  // Versions stored before the served model was the evaluated one hold another format: retrain.
  if (!document || typeof document.model !== "string") return null;
  const { model, meta } = decodeArtistModel(Buffer.from(document.model, "base64"));
  const entry = { version: document.version, served: servedModel(model, meta, "deployment", `${MODEL_SCOPE}@${document.version}`) };
  cache.current = entry;
  return entry;
}

type Signal = { signal: CollaborativeSignal; version: string };
const signals = perProcess("reco.signals", () => new WeakMap<TrackProfile, { version: string; signal: Signal | null }>());

/**
 * What the collaborative models expect this listener to like: the deployment's model and, for
 * real listeners, the pretrained public one, fused; computed once per track profile and model
 * versions. Null when neither knows enough of the listener's artists.
 */
export async function collaborativeSignal(
  index: ListeningIndex,
  profile: TrackProfile,
  options: { isDemo: boolean },
): Promise<Signal | null> {
  const [active, pretrained] = await Promise.all([activeModel(), options.isDemo ? Promise.resolve(null) : pretrainedModel()]);
  if (!active && !pretrained) return null;
  const version = [pretrained?.version, active?.served.version].filter(Boolean).join("+");
  const known = signals.get(profile);
  if (known?.version === version) return known.signal;
  const artists = listenerArtists(index, profile);
  const fused = fuseSignals([
    pretrained ? collaborativeFor(pretrained, artists) : null,
    active ? collaborativeFor(active.served, artists) : null,
  ]);
  const signal = fused ? { signal: fused, version } : null;
  signals.set(profile, { version, signal });
  return signal;
}

/**
 * Trains a new version from every listener's plays (and, with the demo on, a cohort of generated
 * listeners over the demo catalogue), evaluates it on held-out time, and activates it only when it
 * is not worse than the active one. Returns the stored document.
 */
export async function trainModel(options: { store?: Store; indexes: ListeningIndex[]; cohort?: ListeningIndex[] }): Promise<ModelDocument> {
  const store = options.store ?? (await getStore());
  const started = performance.now();
  const everyone = [...options.indexes, ...(options.cohort ?? [])].filter((index) => index.count > 0);
  const matrix = matrixFrom(everyone.map((index) => ({ index })));
  const model = trainDeploymentModel(matrix);
  const trainSeconds = (performance.now() - started) / 1000;
  const evaluation = evaluateHeldOut(everyone);
  const active = await activeModel(store);
  const activeDocument = active
    ? await models(store).findOne({ _id: `${MODEL_SCOPE}@${active.version}` }, { projection: { model: 0 } })
    : null;
  const activeRecall = activeDocument?.metrics.recallAt50 ?? null;
  const latest = await models(store).find({ scope: MODEL_SCOPE }, { sort: { version: -1 }, limit: 1, projection: { model: 0 } });
  const version = (latest[0]?.version ?? 0) + 1;
  // Not worse than the active one (within a hair of noise) → active.
  const accept = activeRecall === null || evaluation.recallAt50 >= activeRecall - 0.002;
  const bytes = encodeArtistModel(model, {
    keys: matrix.artists,
    names: matrix.names,
    tags: matrix.artists.map(() => []),
    source: `${everyone.length} listeners of this deployment${options.cohort?.length ? " and the demo cohort" : ""}`,
    version: `${MODEL_SCOPE}@${version}`,
    trainedAt: new Date().toISOString(),
  });
  const document: ModelDocument = {
    _id: `${MODEL_SCOPE}@${version}`,
    scope: MODEL_SCOPE,
    version,
    createdAt: new Date(),
    status: accept ? "active" : "rejected",
    metrics: { ...evaluation, comparedTo: active?.version ?? null, activeRecallAt50: activeRecall },
    params: { model: "artist-model", listeners: everyone.length, artists: matrix.artists.length },
    trainSeconds,
    model: Buffer.from(bytes).toString("base64"),
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
export async function rollbackModel(version: number, store?: Store): Promise<Omit<ModelDocument, "model">> {
  const db = store ?? (await getStore());
  const document = await models(db).findOne({ _id: `${MODEL_SCOPE}@${version}` }, { projection: { model: 0 } });
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
