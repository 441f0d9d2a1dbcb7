import "server-only";
/**
 * Background work, durable: one runner for every job kind (name resolution, sync, catalogue
 * enrichment, training, drift checks, demo cleanup, segment repair, alert rules). A job is a
 * sequence of idempotent steps whose cursor is saved after each one, run under a lease that a dead
 * runner loses, retried with backoff. Runners: `npm run jobs` (polls the store), the cron routes,
 * `after()` kicks in the web server, and QStash deliveries in production (`/api/jobs/deliver`).
 */
import "./kinds/index";
import { getStore, jobsRepository, type JobDocument, type JobStatus, type Store } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/telemetry";
import { enqueueJob, publishQuietly } from "./enqueue";
import { qstashEnabled } from "./dispatch";
import type { JobKind } from "./kinds";
import { runDueJobs, runJob } from "./runner";

export { enqueueJob, type EnqueueInput } from "./enqueue";
export { DELIVERY_PATH, deliveryUrl, qstashEnabled, verifyDelivery } from "./dispatch";
export { JOB_KINDS, type JobKind } from "./kinds";
export { defaultOwner, LEASE_MS, runDueJobs, runJob, type RunOptions, type RunOutcome, type RunSummary } from "./runner";
export type { JobDocument, JobStatus };

export async function listJobs(options: { limit: number; status?: JobStatus }, store?: Store): Promise<JobDocument[]> {
  return jobsRepository(store ?? (await getStore())).list(options);
}

export async function getJob(id: string, store?: Store): Promise<JobDocument | null> {
  return jobsRepository(store ?? (await getStore())).get(id);
}

/** An operator's retry of a failed job: queued again with its tries reset, from its saved cursor. */
export async function retryJob(id: string, store?: Store): Promise<JobDocument | null> {
  const job = await jobsRepository(store ?? (await getStore())).retry(id);
  if (job?.status === "queued" && qstashEnabled()) await publishQuietly(job);
  return job;
}

/**
 * For `after()` in the web server: runs what is due for a while, when no queue delivers jobs
 * (with QStash on, deliveries run them). Never throws: the next kick or the cron sweep retries.
 */
export async function kickJobs(budgetMs = 20_000): Promise<void> {
  if (qstashEnabled()) return;
  try {
    await runDueJobs({ budgetMs });
  } catch (error) {
    logger.warn({ err: error }, "jobs: runner kick failed; the next one retries");
  }
}

/**
 * A QStash delivery: runs the job's next steps under a lease for up to `budgetMs`, then publishes
 * its continuation when work remains (or its next try after a backoff). A job another runner holds
 * is a 503 with Retry-After (QStash retries; by then it is done or its lease has expired), so a
 * delivery retried after a timeout never runs a step twice.
 */
export async function deliverJob(jobId: string, options: { messageId: string; budgetMs: number; store?: Store }) {
  const store = options.store ?? (await getStore());
  const repository = jobsRepository(store);
  const job = await repository.get(jobId);
  if (!job || job.status === "succeeded" || job.status === "failed") return { jobId, status: job?.status ?? "missing", steps: 0 };
  const now = new Date();
  if (job.lease && job.lease.until > now)
    throw new AppError("unavailable", {
      detail: `Job ${jobId} is running elsewhere.`,
      retryAfterSeconds: Math.ceil((job.lease.until.getTime() - now.getTime()) / 1000),
    });
  if (job.nextRunAt > now) {
    await publishQuietly(job);
    return { jobId, status: job.status, steps: 0, nextRunAt: job.nextRunAt.toISOString() };
  }
  const run = await runJob(jobId, { owner: `qstash:${options.messageId}`, budgetMs: options.budgetMs, store });
  if (!run) throw new AppError("unavailable", { detail: `Job ${jobId} was claimed by another runner.`, retryAfterSeconds: 5 });
  if (run.job.status === "queued") await publishQuietly(run.job);
  return { jobId, status: run.job.status, outcome: run.outcome, steps: run.steps };
}
export { cronBudgetMs, fiveMinutes, quarterHour, today } from "./slots";

/**
 * A cron call: queues the slot's job (once per key), runs whatever is due within `budgetMs`, and
 * answers with where that job stands (its cursor holds the kind's result: `{ removed }`, `{ version }`).
 */
export async function runScheduled(
  kind: JobKind,
  key: string,
  options: { input?: Record<string, unknown>; owner: string; budgetMs: number },
) {
  const queued = await enqueueJob(kind, { key, input: options.input });
  const run = await runDueJobs({ owner: options.owner, budgetMs: options.budgetMs });
  const job = (await getJob(queued._id)) ?? queued;
  return { job: { id: job._id, status: job.status, progress: job.progress, result: job.cursor, lastError: job.lastError }, run };
}
