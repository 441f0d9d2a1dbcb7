import "server-only";
/**
 * The model registry: versions of the deployment's collaborative model (trained on its own
 * listeners and, with the demo on, a generated cohort), each evaluated on held-out time and made
 * active only when it is not worse than the active one; and the listener's collaborative signal,
 * from that model fused with the pretrained public one (`pretrained.ts`) for real listeners.
 * Each version's lifecycle (trained, activated or rejected, retired, rolled back) is recorded in
 * `model_events` (`model-events.ts`); drift, rollback and the history are in `lifecycle.ts`.
 */
import { collections, DuplicateKeyError, feedbackRepository, getStore, type Store, type StoredDocument } from "@/lib/db";
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
import { acceptanceRate, artistMixOf, type AcceptanceTally, type ArtistMix } from "./drift";
import { recordModelEvent } from "./model-events";
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
  /** `candidate`: passed the gate, not yet active (a run stopped there finishes when its job runs again). */
  status: "active" | "candidate" | "rejected" | "retired";
  /** Held-out evaluation of this version (and of the active one at the time, for the record). */
  metrics: { recallAt50: number; ndcgAt20: number; users: number; comparedTo: number | null; activeRecallAt50: number | null };
  params: { model: "artist-model"; listeners: number; artists: number };
  trainSeconds: number;
  /** The model in the pretrained artifact's binary format (`encodeArtistModel`), base64. */
  model: string;
  // The lifecycle's record; missing on versions trained before it was kept.
  /** The job that trained it (one version per job). */
  jobId?: string | null;
  /** Why it was trained, and who or what asked (`job:<id>`, `cron`, `cli`, `app`). */
  reason?: string;
  by?: string;
  /** The validation gate's verdict, with the numbers. */
  gate?: { passed: boolean; reason: string };
  /** The listeners' artist mix it was trained on (the drift check's reference). */
  artistMix?: ArtistMix;
  /** Listeners' opinions of recommendations up to its training. */
  acceptance?: AcceptanceTally & { rate: number | null };
}

/** Which version a job's training run stored: its id makes a second run of the job find it. */
interface JobClaim extends StoredDocument {
  version: number;
  at: Date;
}

interface ActivePointer extends StoredDocument {
  version: number;
  updatedAt: Date;
}

const activeId = `active|${MODEL_SCOPE}`;
const models = (store: Store) => store.collection<ModelDocument>(collections.models);
const pointers = (store: Store) => store.collection<ActivePointer>(collections.models);
const claims = (store: Store) => store.collection<JobClaim>(collections.models);
const claimIdOf = (jobId: string) => `job|${MODEL_SCOPE}|${jobId}`;

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

/** Who asked for a training run and why: recorded on the version and its events. */
export interface TrainRun {
  /** The job this run belongs to: a second run with the same id returns the version the first made. */
  jobId?: string | undefined;
  /** Why it runs, in plain words ("the artist mix moved 0.31 (threshold 0.2) since version 7 was trained"). */
  reason?: string | undefined;
  /** `job:<id>`, `cron`, `cli`, `operator:<…>`; `job:<jobId>` with a job, `app` otherwise. */
  by?: string | undefined;
}

/** Within a hair of noise: a new version whose held-out recall@50 is this close to the active one's passes. */
export const GATE_TOLERANCE = 0.002;

/** The version a job's run made, if that run got as far as storing it. */
async function versionOfJob(store: Store, jobId: string): Promise<ModelDocument | null> {
  const claim = await claims(store).findOne({ _id: claimIdOf(jobId) });
  return claim ? models(store).findOne({ _id: `${MODEL_SCOPE}@${claim.version}` }) : null;
}

/**
 * A job's run that already stored its version: that version, its lifecycle finished (a run that
 * stopped before activating it activates it now). Null when the job has no version yet.
 */
export async function jobVersion(store: Store, run: TrainRun & { jobId: string }): Promise<ModelDocument | null> {
  const done = await versionOfJob(store, run.jobId);
  return done ? settle(store, done, run.by ?? `job:${run.jobId}`) : null;
}

/**
 * Trains a new version from every listener's plays (and, with the demo on, a cohort of generated
 * listeners over the demo catalogue), records the artist mix it was trained on and listeners'
 * acceptance of recommendations so far (for the drift check), evaluates it on held-out time, and
 * activates it only when it passes the validation gate: not worse than the active one. Returns the
 * stored document. With a `jobId` it runs once per job: a replay returns that job's version, and
 * two runs of one job at the same time store one version (the loser removes its own).
 */
export async function trainModel(
  options: TrainRun & { store?: Store; indexes: ListeningIndex[]; cohort?: ListeningIndex[] },
): Promise<ModelDocument> {
  const store = options.store ?? (await getStore());
  const by = options.by ?? (options.jobId ? `job:${options.jobId}` : "app");
  const reason = options.reason ?? "retraining requested";
  const done = options.jobId ? await jobVersion(store, { ...options, jobId: options.jobId }) : null;
  if (done) return done;
  const started = performance.now();
  const everyone = [...options.indexes, ...(options.cohort ?? [])].filter((index) => index.count > 0);
  const matrix = matrixFrom(everyone.map((index) => ({ index })));
  const model = trainDeploymentModel(matrix);
  const trainSeconds = (performance.now() - started) / 1000;
  const evaluation = evaluateHeldOut(everyone);
  const active = await activeModel(store);
  // What the pointer names, served or not: a version in an older format is replaced by any new one.
  const previous = await activeVersion(store);
  const activeDocument = active
    ? await models(store).findOne({ _id: `${MODEL_SCOPE}@${active.version}` }, { projection: { model: 0, artistMix: 0 } })
    : null;
  const activeRecall = activeDocument?.metrics.recallAt50 ?? null;
  const gate = gateOf(evaluation, previous === null ? null : { version: previous, recallAt50: activeRecall });
  const createdAt = new Date();
  const opinions = await feedbackRepository(store).tally({ to: createdAt });
  const acceptance = { accepted: opinions.like, declined: opinions.dislike + opinions.not_now };

  // Two runs at once may pick the same next version: the store's _id decides, the later one takes the next.
  for (let attempt = 0; ; attempt++) {
    const latest = await models(store).find(
      { scope: MODEL_SCOPE },
      { sort: { version: -1 }, limit: 1, projection: { model: 0, artistMix: 0 } },
    );
    const version = (latest[0]?.version ?? 0) + 1;
    const bytes = encodeArtistModel(model, {
      keys: matrix.artists,
      names: matrix.names,
      tags: matrix.artists.map(() => []),
      source: `${everyone.length} listeners of this deployment${options.cohort?.length ? " and the demo cohort" : ""}`,
      version: `${MODEL_SCOPE}@${version}`,
      trainedAt: createdAt.toISOString(),
    });
    const document: ModelDocument = {
      _id: `${MODEL_SCOPE}@${version}`,
      scope: MODEL_SCOPE,
      version,
      createdAt,
      // "candidate" until activation: the active pointer, not this field, decides what is served.
      status: gate.passed ? "candidate" : "rejected",
      metrics: { ...evaluation, comparedTo: previous, activeRecallAt50: activeRecall },
      params: { model: "artist-model", listeners: everyone.length, artists: matrix.artists.length },
      trainSeconds,
      model: Buffer.from(bytes).toString("base64"),
      jobId: options.jobId ?? null,
      reason,
      by,
      gate,
      artistMix: artistMixOf(matrix),
      acceptance: { ...acceptance, rate: acceptanceRate(acceptance) },
    };
    try {
      await models(store).insertOne(document);
    } catch (error) {
      if (error instanceof DuplicateKeyError && attempt < 5) continue;
      throw error;
    }
    if (options.jobId) {
      try {
        await claims(store).insertOne({ _id: claimIdOf(options.jobId), version, at: new Date() });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        // The same job's other run stored its version first: that one stands.
        await models(store).deleteOne({ _id: document._id });
        const theirs = await versionOfJob(store, options.jobId);
        if (!theirs) throw error;
        return settle(store, theirs, by);
      }
    }
    logger.info(
      { version, accepted: gate.passed, metrics: document.metrics, trainSeconds, jobId: options.jobId ?? null },
      "reco: model trained",
    );
    return settle(store, document, by);
  }
}

/** The validation gate: held-out recall@50 not worse than the active version's, within GATE_TOLERANCE. */
function gateOf(
  evaluation: { recallAt50: number; ndcgAt20: number; users: number },
  active: { version: number; recallAt50: number | null } | null,
): { passed: boolean; reason: string } {
  const on = `on ${evaluation.users} held-out listeners`;
  const recall = evaluation.recallAt50.toFixed(3);
  if (!active || active.recallAt50 === null)
    return {
      passed: true,
      reason: `passed the validation gate with nothing active to compare with: recall@50 ${recall}, NDCG@20 ${evaluation.ndcgAt20.toFixed(3)} ${on}`,
    };
  const floor = active.recallAt50 - GATE_TOLERANCE;
  const versus = `version ${active.version}'s ${active.recallAt50.toFixed(3)} less ${GATE_TOLERANCE} of noise`;
  return evaluation.recallAt50 >= floor
    ? {
        passed: true,
        reason: `passed the validation gate: recall@50 ${recall} ≥ ${floor.toFixed(3)} (${versus}), NDCG@20 ${evaluation.ndcgAt20.toFixed(3)} ${on}`,
      }
    : {
        passed: false,
        reason: `failed the validation gate: recall@50 ${recall} < ${floor.toFixed(3)} (${versus}) ${on}; version ${active.version} stays active`,
      };
}

/**
 * Brings a stored version's lifecycle to its end: the training recorded, then activated (gate
 * passed) or rejected. Safe to repeat: a job that crashed after storing its version finishes here
 * when it runs again, and a finished one changes nothing.
 */
async function settle(store: Store, document: ModelDocument, by: string): Promise<ModelDocument> {
  const { version } = document;
  const event = { scope: MODEL_SCOPE, version, by };
  await recordModelEvent(store, { ...event, action: "trained", reason: document.reason ?? "retraining requested" }, { once: true });
  if (document.status === "rejected") {
    await recordModelEvent(
      store,
      { ...event, action: "rejected", reason: document.gate?.reason ?? "failed the validation gate" },
      { once: true },
    );
    return document;
  }
  if (document.status !== "candidate") return document;
  const previous = (await pointers(store).findOne({ _id: activeId }))?.version ?? null;
  if (previous === version) {
    // Activated by a run that stopped before recording it.
    await models(store).updateOne({ _id: document._id }, { $set: { status: "active" } });
  } else if (previous !== document.metrics.comparedTo) {
    // Another version became active after this one was gated against its predecessor: it stays out.
    const reason = `version ${previous ?? "none"} became active after this version was gated against version ${document.metrics.comparedTo}`;
    await models(store).updateOne({ _id: document._id }, { $set: { status: "retired" } });
    await recordModelEvent(store, { ...event, action: "retired", reason }, { once: true });
    return { ...document, status: "retired" };
  } else {
    await activate(store, version, previous);
    if (previous !== null)
      await recordModelEvent(store, {
        scope: MODEL_SCOPE,
        version: previous,
        by,
        action: "retired",
        reason: `version ${version} passed the validation gate and replaced it`,
      });
  }
  await recordModelEvent(
    store,
    { ...event, action: "activated", reason: document.gate?.reason ?? "passed the validation gate" },
    { once: true },
  );
  return { ...document, status: "active" };
}

/** Points the active pointer at a version and retires the one it replaces; callers record why. */
export async function activate(store: Store, version: number, previous: number | null): Promise<void> {
  await pointers(store).updateOne({ _id: activeId }, { $set: { version, updatedAt: new Date() } }, { upsert: true });
  if (previous !== null && previous !== version)
    await models(store).updateOne({ _id: `${MODEL_SCOPE}@${previous}` }, { $set: { status: "retired" } });
  await models(store).updateOne({ _id: `${MODEL_SCOPE}@${version}` }, { $set: { status: "active" } });
}

/** The stored versions, newest first (at most `limit`), without their model and artist mix. */
export async function listModels(store?: Store, limit?: number): Promise<Array<Omit<ModelDocument, "model" | "artistMix">>> {
  const db = store ?? (await getStore());
  const documents = await models(db).find(
    { scope: MODEL_SCOPE },
    { sort: { version: -1 }, projection: { model: 0, artistMix: 0 }, ...(limit ? { limit } : {}) },
  );
  return documents as Array<Omit<ModelDocument, "model" | "artistMix">>;
}

/** The version the active pointer names (servable or not); null before any. */
export async function activeVersion(store: Store): Promise<number | null> {
  return (await pointers(store).findOne({ _id: activeId }))?.version ?? null;
}

/** Whether a stored version holds a model in the format served today. */
export async function servableVersion(store: Store, version: number): Promise<boolean> {
  const document = await models(store).findOne({ _id: `${MODEL_SCOPE}@${version}` }, { projection: { model: 1 } });
  return typeof document?.model === "string";
}

/** One stored version, with its artist mix and without the model; null when there is none. */
export function modelVersion(store: Store, version: number): Promise<Omit<ModelDocument, "model"> | null> {
  return models(store).findOne({ _id: `${MODEL_SCOPE}@${version}` }, { projection: { model: 0 } });
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
