import "server-only";
import { collections, getStore, isDemoVisitorId, type Store, type UserDocument } from "@/lib/db";
import { loadListeningIndex, type ListeningIndex } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { demoCohort, jobVersion, trainModel, type ModelDocument, type TrainRun } from "./models";

/** Imports at least this large retrain the model when they finish. */
export const RETRAIN_AFTER_ROWS = 10_000;

/**
 * The training run of this process and when the last one ended. Only an optimisation: runs of one
 * process queue behind each other instead of training side by side on a small machine; what keeps
 * a job from training twice is its id, recorded in the store (`trainModel`).
 */
const training = perProcess("reco.training", () => ({
  running: undefined as Promise<ModelDocument> | undefined,
  jobId: undefined as string | undefined,
}));

/**
 * What training reads: every listener's listening index except demo visitors' (they read the shared
 * demo history, trained once as `demo`) and, with the demo on, the generated cohort.
 */
export async function deploymentListening(store: Store): Promise<{ indexes: ListeningIndex[]; cohort: ListeningIndex[] }> {
  const users = (await store.collection<UserDocument>(collections.users).find({}, { projection: { _id: 1 } }))
    .map((user) => user._id)
    .filter((id) => !isDemoVisitorId(id));
  const indexes = [];
  for (const userId of users) indexes.push(await loadListeningIndex(store, userId));
  // Runs inside the web server too (after imports): give pending requests their turn first.
  await new Promise((resolve) => setImmediate(resolve));
  return { indexes, cohort: await demoCohort() };
}

/**
 * The training job. A call without a job joins the run in progress; a job's call joins its own run
 * or waits for the one in progress and then trains (or returns the version its job already made).
 */
export function trainAll(run: TrainRun = {}, store?: Store): Promise<ModelDocument> {
  if (training.running && (run.jobId === undefined || training.jobId === run.jobId)) return training.running;
  const before = training.running;
  const current = (async () => {
    await before?.catch(() => undefined);
    const db = store ?? (await getStore());
    // A job run again (after a crash, or delivered twice): its version, without reading any listening.
    const done = run.jobId ? await jobVersion(db, { ...run, jobId: run.jobId }) : null;
    if (done) return done;
    const { indexes, cohort } = await deploymentListening(db);
    return trainModel({ ...run, store: db, indexes, cohort });
  })().finally(() => {
    if (training.running === current) {
      training.running = undefined;
      training.jobId = undefined;
    }
  });
  training.running = current;
  training.jobId = run.jobId;
  return current;
}
