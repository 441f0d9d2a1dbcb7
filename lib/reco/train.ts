import "server-only";
import { collections, getStore, isDemoVisitorId, type Store, type UserDocument } from "@/lib/db";
import { loadListeningIndex } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import { logger } from "@/lib/telemetry";
import { demoCohort, trainModel, type ModelDocument } from "./models";

/** Imports at least this large retrain the model when they finish. */
export const RETRAIN_AFTER_ROWS = 10_000;

/** The training run of this process (one at a time) and when the last one ended. */
const training = perProcess("reco.training", () => ({ running: undefined as Promise<ModelDocument> | undefined, lastTrainedAt: 0 }));
/** Imports closer together than this share one retraining (the nightly cron catches up). */
const RETRAIN_QUIET_MS = 10 * 60_000;

/**
 * The training job: every listener's plays (from their listening indexes) plus, with the demo on,
 * the generated cohort; one run at a time per process (a second call joins the first).
 */
export function trainAll(store?: Store): Promise<ModelDocument> {
  training.running ??= (async () => {
    const db = store ?? (await getStore());
    // Demo visitors read the shared demo history (trained once, as `demo`): their own are skipped.
    const users = (await db.collection<UserDocument>(collections.users).find({}, { projection: { _id: 1 } }))
      .map((user) => user._id)
      .filter((id) => !isDemoVisitorId(id));
    const indexes = [];
    for (const userId of users) indexes.push(await loadListeningIndex(db, userId));
    // Runs inside the web server too (after imports): give pending requests their turn first.
    await new Promise((resolve) => setImmediate(resolve));
    const cohort = await demoCohort();
    return trainModel({ store: db, indexes, cohort });
  })().finally(() => {
    training.running = undefined;
    training.lastTrainedAt = Date.now();
  });
  return training.running;
}

/** After a large import: retrain in the background; a failure is logged, never shown to the listener. */
export function retrainAfterImport(rowsAccepted: number): Promise<void> {
  if (rowsAccepted < RETRAIN_AFTER_ROWS || training.running || Date.now() - training.lastTrainedAt < RETRAIN_QUIET_MS)
    return Promise.resolve();
  return trainAll()
    .then(() => undefined)
    .catch((error: unknown) => logger.warn({ err: error }, "reco: retraining after an import failed"));
}
