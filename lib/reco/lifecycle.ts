import "server-only";
/**
 * The model lifecycle around the registry (`models.ts`): the drift check that says when to
 * retrain, rollback to an earlier version, and each version's history for the operations page.
 */
import { collections, feedbackRepository, getStore, type FeedbackKind, type Store, type StoredDocument } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/telemetry";
import { matrixFrom } from "./collaborative";
import { artistMixOf, driftReport, type AcceptanceTally, type DriftReport } from "./drift";
import { modelEventsOf, recordModelEvent, type ModelAction } from "./model-events";
import { activate, activeModel, activeVersion, listModels, MODEL_SCOPE, modelVersion, servableVersion, type ModelDocument } from "./models";
import { deploymentListening } from "./train";

/** The last drift check's report, kept for the operations page (checking reads every listener's plays). */
interface DriftRecord extends StoredDocument {
  report: DriftReport;
  checkedAt: Date;
}
const driftId = `drift|${MODEL_SCOPE}`;
const driftRecords = (store: Store) => store.collection<DriftRecord>(collections.models);

const tallyOf = (opinions: Record<FeedbackKind, number>): AcceptanceTally => ({
  accepted: opinions.like,
  declined: opinions.dislike + opinions.not_now,
});

/**
 * How far listening and listeners' acceptance of recommendations moved since the active version
 * was trained, and whether to retrain (thresholds in `drift.ts`). Reads every listener's listening
 * index, as training does: run it from a job, not a request.
 */
export async function checkDrift(store?: Store, now = new Date()): Promise<DriftReport> {
  const db = store ?? (await getStore());
  const pointer = await activeModel(db);
  const document = pointer ? await modelVersion(db, pointer.version) : null;
  const feedback = feedbackRepository(db);
  const { indexes, cohort } = await deploymentListening(db);
  const everyone = [...indexes, ...cohort].filter((index) => index.count > 0);
  const mixNow = artistMixOf(matrixFrom(everyone.map((index) => ({ index }))));
  const report = driftReport({
    active: document
      ? {
          version: document.version,
          trainedAt: document.createdAt,
          mix: document.artistMix ?? null,
          // Versions from before acceptance was recorded: the opinions last said before their training.
          acceptanceBefore: document.acceptance ?? tallyOf(await feedback.tally({ to: document.createdAt })),
        }
      : null,
    mixNow,
    acceptanceSince: tallyOf(await feedback.tally(document ? { from: document.createdAt } : {})),
    now,
  });
  await driftRecords(db).updateOne({ _id: driftId }, { $set: { report, checkedAt: now } }, { upsert: true });
  logger.info({ drift: report }, "reco: drift checked");
  return report;
}

/** The report of the last drift check and when it ran (ISO 8601); null before the first. */
export async function lastDriftReport(store?: Store): Promise<(DriftReport & { checkedAt: string }) | null> {
  const record = await driftRecords(store ?? (await getStore())).findOne({ _id: driftId });
  return record ? { ...record.report, checkedAt: record.checkedAt.toISOString() } : null;
}

/**
 * Makes an earlier version active again: `toVersion`, or the newest version before the active one
 * that passed the validation gate. Records the active version as rolled back and the restored one
 * as activated, with the reason and who asked. Refuses (AppError) when there is nothing to go
 * back to, the version does not exist, failed the gate, or is already active.
 */
export async function rollbackModel(
  request: { toVersion?: number | undefined; reason: string; by: string },
  store?: Store,
): Promise<Omit<ModelDocument, "model" | "artistMix">> {
  const db = store ?? (await getStore());
  const active = await activeVersion(db);
  const versions = await listModels(db);
  const target =
    request.toVersion !== undefined
      ? versions.find((version) => version.version === request.toVersion)
      : versions.find((version) => (active === null || version.version < active) && passedGate(version));
  if (!target) {
    if (request.toVersion !== undefined)
      throw new AppError("not_found", {
        detail: `There is no model version ${request.toVersion}. List them with npm run reco:train -- --list.`,
      });
    throw new AppError("conflict", {
      detail:
        active === null
          ? "There is no model version to roll back to: none has been trained yet."
          : `There is nothing to roll back to: no version before version ${active} passed the validation gate.`,
    });
  }
  if (target.version === active) throw new AppError("conflict", { detail: `Version ${target.version} is already active.` });
  if (!passedGate(target))
    throw new AppError("conflict", {
      detail: `Version ${target.version} failed the validation gate (${target.gate?.reason ?? "worse than the version active then"}): it cannot be made active.`,
    });
  if (!(await servableVersion(db, target.version)))
    throw new AppError("conflict", {
      detail: `Version ${target.version} is stored in an older format that is no longer served: train a new one.`,
    });

  await activate(db, target.version, active);
  const reason = request.reason.trim() || "rolled back";
  if (active !== null)
    await recordModelEvent(db, {
      scope: MODEL_SCOPE,
      version: active,
      action: "rolled-back",
      reason: `${reason} (version ${target.version} restored)`,
      by: request.by,
    });
  await recordModelEvent(db, {
    scope: MODEL_SCOPE,
    version: target.version,
    action: "activated",
    reason: `rolled back from version ${active ?? "none"}: ${reason}`,
    by: request.by,
  });
  logger.info({ from: active, to: target.version, by: request.by, reason }, "reco: model rolled back");
  return { ...target, status: "active" };
}

/** Passed the validation gate when trained (versions from before the gate's record: not rejected). */
function passedGate(version: Pick<ModelDocument, "status" | "gate">): boolean {
  return version.gate ? version.gate.passed : version.status !== "rejected";
}

/** One version as the operations page shows it: its metrics and what happened to it. */
export interface ModelHistoryEntry {
  version: number;
  status: ModelDocument["status"];
  /** ISO 8601. */
  createdAt: string;
  metrics: ModelDocument["metrics"];
  params: ModelDocument["params"];
  trainSeconds: number;
  /** Oldest first. */
  events: Array<{ at: string; action: ModelAction; reason: string; by: string }>;
}

/** The newest versions (at most `limit`), newest first, each with its events. */
export async function modelHistory(store?: Store, limit = 30): Promise<ModelHistoryEntry[]> {
  const db = store ?? (await getStore());
  const versions = await listModels(db, limit);
  const events = await modelEventsOf(
    db,
    MODEL_SCOPE,
    versions.map((version) => version.version),
  );
  return versions.map((version) => ({
    version: version.version,
    status: version.status,
    createdAt: version.createdAt.toISOString(),
    metrics: version.metrics,
    params: version.params,
    trainSeconds: version.trainSeconds,
    events: events
      .filter((event) => event.version === version.version)
      .map((event) => ({ at: event.at.toISOString(), action: event.action, reason: event.reason, by: event.by })),
  }));
}
