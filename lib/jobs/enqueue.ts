import "server-only";
import { getStore, jobsRepository, type JobDocument, type Store } from "@/lib/db";
import { logger } from "@/lib/telemetry";
import { publishJob, qstashEnabled } from "./dispatch";
import { jobKind, type JobKind } from "./kinds";

export interface EnqueueInput {
  /** Idempotency key, unique per kind: the same key finds the same job. */
  key: string;
  input?: Record<string, unknown>;
  userId?: string | null;
}

/**
 * Queues background work once per (kind, key) and returns its job; with QStash on, asks it to
 * deliver the job (a failed publish is logged: the cron sweep runs the job anyway).
 */
export async function enqueueJob(kind: JobKind, options: EnqueueInput, store?: Store): Promise<JobDocument> {
  const db = store ?? (await getStore());
  const { job, created } = await jobsRepository(db).enqueue({
    kind,
    key: options.key,
    input: options.input ?? {},
    userId: options.userId ?? null,
    maxAttempts: jobKind(kind)?.maxAttempts,
  });
  if (created && qstashEnabled()) await publishQuietly(job);
  return job;
}

export async function publishQuietly(job: JobDocument): Promise<void> {
  try {
    await publishJob(job);
  } catch (error) {
    logger.warn({ err: error, job: job._id }, "jobs: QStash publish failed; the cron sweep runs the job");
  }
}
