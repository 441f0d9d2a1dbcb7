import "server-only";
import { hostname } from "node:os";
import { getStore, jobsRepository, type JobClaim, type JobDocument, type Store } from "@/lib/db";
import { logger, recordJobStep, withSpan } from "@/lib/telemetry";
import { checkpoints, jobKind } from "./kinds";

/** How long a claim lasts without renewal; a step renews it every third of that while it runs. */
export const LEASE_MS = 60_000;

export interface RunOptions {
  /** Who runs (logs and the job's history): `<host>:<pid>`, `cron`, `qstash:<message>`. */
  owner?: string;
  /** Stop starting steps after this long; a started step finishes. */
  budgetMs: number;
  store?: Store;
  leaseMs?: number;
}

export type RunOutcome = "succeeded" | "retried" | "failed" | "waiting" | "released" | "lost";

export interface RunSummary {
  claimed: number;
  steps: number;
  outcomes: Partial<Record<RunOutcome, number>>;
}

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}`;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Runs a claimed job's steps until it is done, fails, waits, loses its lease or the deadline passes;
 * the cursor is saved after every step, so whoever runs it next starts from there.
 */
async function runClaimed(
  repository: ReturnType<typeof jobsRepository>,
  claim: JobClaim,
  store: Store,
  deadline: number,
  leaseMs: number,
): Promise<{ outcome: RunOutcome; steps: number }> {
  const definition = jobKind(claim.job.kind);
  const log = logger.child({ job: claim.id, kind: claim.job.kind, owner: claim.owner });
  if (!definition) {
    await repository.fail(claim, `No job kind "${claim.job.kind}" in this version of the app.`);
    return { outcome: claim.job.status === "failed" ? "failed" : "retried", steps: 0 };
  }
  let steps = 0;
  for (;;) {
    let lost = false;
    // Renewed while the step runs: a slow step keeps its lease; a runner that dies loses it.
    const renewal = setInterval(
      () => {
        repository.renew(claim, leaseMs).then(
          (held) => {
            if (!held) lost = true;
          },
          (error: unknown) => log.warn({ err: error }, "jobs: lease renewal failed"),
        );
      },
      Math.max(50, Math.floor(leaseMs / 3)),
    );
    let outcome;
    const started = performance.now();
    try {
      outcome = await withSpan(
        `job.step ${claim.job.kind}`,
        { "job.id": claim.id, "job.kind": claim.job.kind, "job.attempt": claim.job.attempts },
        () =>
          definition.step({
            jobId: claim.id,
            input: claim.job.input,
            cursor: claim.job.cursor,
            progress: claim.job.progress,
            store,
            checkpoint: async (name) => {
              await checkpoints.handler?.(name);
            },
          }),
      );
    } catch (error) {
      clearInterval(renewal);
      const message = errorMessage(error);
      if (lost || !(await repository.fail(claim, message))) return { outcome: "lost", steps };
      recordJobStep({
        kind: claim.job.kind,
        outcome: claim.job.status === "failed" ? "failed" : "retried",
        ms: performance.now() - started,
      });
      log.warn({ err: error, attempts: claim.job.attempts, ms: Math.round(performance.now() - started) }, "jobs: step failed");
      return { outcome: claim.job.status === "failed" ? "failed" : "retried", steps };
    }
    clearInterval(renewal);
    if (lost) return { outcome: "lost", steps };
    if ("wait" in outcome) {
      await repository.pause(claim, outcome.wait, outcome.detail);
      return { outcome: "waiting", steps };
    }
    await checkpoints.handler?.(`${claim.job.kind}:step-done`);
    const saved = await repository.saveStep(claim, {
      cursor: outcome.cursor,
      progress: outcome.progress ?? { done: claim.job.progress.done + 1, total: claim.job.progress.total },
      detail: outcome.detail,
    });
    if (!saved) return { outcome: "lost", steps };
    recordJobStep({ kind: claim.job.kind, outcome: "succeeded", ms: performance.now() - started });
    steps += 1;
    log.debug({ detail: outcome.detail, ms: Math.round(performance.now() - started) }, "jobs: step done");
    if (outcome.done) {
      await repository.succeed(claim, outcome.detail);
      log.info({ steps, progress: claim.job.progress }, "jobs: job succeeded");
      return { outcome: "succeeded", steps };
    }
    if (Date.now() >= deadline) {
      await repository.release(claim);
      return { outcome: "released", steps };
    }
    if (!(await repository.renew(claim, leaseMs))) return { outcome: "lost", steps };
  }
}

/** Claims due jobs one after another and runs them until none are due or the budget is spent. */
export async function runDueJobs(options: RunOptions): Promise<RunSummary> {
  const store = options.store ?? (await getStore());
  const repository = jobsRepository(store);
  const owner = options.owner ?? defaultOwner();
  const leaseMs = options.leaseMs ?? LEASE_MS;
  const deadline = Date.now() + options.budgetMs;
  const summary: RunSummary = { claimed: 0, steps: 0, outcomes: {} };
  // A job this run gave back (budget) or that failed is not picked up again by the same run.
  const seen = new Set<string>();
  // At least one job gets a step, however small the budget: a runner always makes progress.
  do {
    const due = (await repository.due(new Date(), seen.size + 10)).filter((job) => !seen.has(job._id));
    if (due.length === 0) break;
    for (const job of due) {
      if (summary.claimed > 0 && Date.now() >= deadline) break;
      seen.add(job._id);
      const claim = await repository.claim(job, owner, leaseMs);
      if (!claim) continue;
      summary.claimed += 1;
      const { outcome, steps } = await runClaimed(repository, claim, store, deadline, leaseMs);
      summary.steps += steps;
      summary.outcomes[outcome] = (summary.outcomes[outcome] ?? 0) + 1;
    }
  } while (Date.now() < deadline);
  return summary;
}

/**
 * Runs one job now (a QStash delivery, a script): null when another runner holds it or it is not
 * due; otherwise how its run ended and the job as it stands.
 */
export async function runJob(id: string, options: RunOptions): Promise<{ outcome: RunOutcome; steps: number; job: JobDocument } | null> {
  const store = options.store ?? (await getStore());
  const repository = jobsRepository(store);
  const job = await repository.get(id);
  if (!job) return null;
  const claim = await repository.claim(job, options.owner ?? defaultOwner(), options.leaseMs ?? LEASE_MS);
  if (!claim) return null;
  const { outcome, steps } = await runClaimed(repository, claim, store, Date.now() + options.budgetMs, options.leaseMs ?? LEASE_MS);
  return { outcome, steps, job: claim.job };
}
