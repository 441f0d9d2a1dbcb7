import { DuplicateKeyError } from "../errors";
import type { Filter, Store } from "../port";
import { collections, type JobClaimDocument, type JobDocument, type JobEvent, type JobStatus } from "../schema";

/** A job keeps its newest events only: enough to see what happened lately, never an unbounded document. */
export const JOB_HISTORY_LIMIT = 50;
/** Tries before a job is `failed` (the kind may say otherwise). */
export const DEFAULT_MAX_ATTEMPTS = 5;

const BACKOFF_BASE_MS = 30_000;
const BACKOFF_MAX_MS = 60 * 60_000;

type HistoryEntry = JobDocument["history"][number];

/** The history with `entries` appended, the oldest dropped beyond the limit. */
export function appendHistory(history: readonly HistoryEntry[], ...entries: HistoryEntry[]): HistoryEntry[] {
  return [...history, ...entries].slice(-JOB_HISTORY_LIMIT);
}

/** The wait before the next try after `attempts` failures: 30 s, 1 min, 2 min, ... at most an hour. */
export function backoffMs(attempts: number, options: { baseMs?: number; maxMs?: number } = {}): number {
  const base = options.baseMs ?? BACKOFF_BASE_MS;
  const max = options.maxMs ?? BACKOFF_MAX_MS;
  return Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}

export function jobIdOf(kind: string, key: string): string {
  return `${kind}|${key}`;
}

/**
 * A runner's hold on a job: every write it makes names the epoch it claimed, so a runner whose lease
 * was taken over writes nothing (its writes match no document). `job` is the runner's copy, kept
 * current by each write.
 */
export interface JobClaim {
  id: string;
  owner: string;
  epoch: number;
  job: JobDocument;
}

const entry = (event: JobEvent, at: Date, detail?: string): HistoryEntry => (detail === undefined ? { at, event } : { at, event, detail });

/**
 * Background jobs (lib/jobs) and the claims that lease them. Works the same on both stores: the only
 * atomic operations it relies on are a unique insert (the claim) and single-document updates whose
 * filter names the claim's epoch.
 */
export function jobsRepository(store: Store) {
  const jobs = store.collection<JobDocument>(collections.jobs);
  const claims = store.collection<JobClaimDocument>(collections.jobClaims);

  const fence = (claim: JobClaim): Filter<JobDocument> => ({ _id: claim.id, leaseEpoch: claim.epoch, "lease.owner": claim.owner });

  /** Writes `set` under the claim; false when the claim is no longer this runner's. */
  async function write(claim: JobClaim, set: Partial<JobDocument>): Promise<boolean> {
    const result = await jobs.updateOne(fence(claim), { $set: set });
    if (result.matchedCount !== 1) return false;
    claim.job = { ...claim.job, ...set };
    return true;
  }

  return {
    /** Queues a job once per (kind, key): a second call returns the first job, whatever its state. */
    async enqueue(input: {
      kind: string;
      key: string;
      input: Record<string, unknown>;
      userId?: string | null;
      maxAttempts?: number;
      now?: Date;
    }): Promise<{ job: JobDocument; created: boolean }> {
      const now = input.now ?? new Date();
      const job: JobDocument = {
        _id: jobIdOf(input.kind, input.key),
        kind: input.kind,
        key: input.key,
        status: "queued",
        input: input.input,
        attempts: 0,
        maxAttempts: input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        cursor: null,
        progress: { done: 0, total: null },
        lease: null,
        leaseEpoch: 0,
        nextRunAt: now,
        lastError: null,
        history: [entry("queued", now)],
        createdAt: now,
        updatedAt: now,
        finishedAt: null,
        userId: input.userId ?? null,
      };
      try {
        await jobs.insertOne(job);
        return { job, created: true };
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        const existing = await jobs.findOne({ _id: job._id });
        if (!existing) throw error;
        return { job: existing, created: false };
      }
    },

    get(id: string): Promise<JobDocument | null> {
      return jobs.findOne({ _id: id });
    },

    /** The newest jobs first (by last change), optionally of one status, kind or listener. */
    list(options: { limit: number; status?: JobStatus; kind?: string; userId?: string }): Promise<JobDocument[]> {
      const filter: Filter<JobDocument> = {};
      if (options.status) filter.status = options.status;
      if (options.kind) filter.kind = options.kind;
      if (options.userId) filter.userId = options.userId;
      return jobs.find(filter, { sort: { updatedAt: -1 }, limit: options.limit });
    },

    /** How many jobs are in each status, of everyone or of one listener. */
    async counts(userId?: string): Promise<Record<JobStatus, number>> {
      const statuses: JobStatus[] = ["queued", "running", "succeeded", "failed"];
      const counts = await Promise.all(statuses.map((status) => jobs.countDocuments(userId ? { status, userId } : { status })));
      return Object.fromEntries(statuses.map((status, index) => [status, counts[index] ?? 0])) as Record<JobStatus, number>;
    },

    /** Jobs that failed `attempts` tries or more and have not succeeded since (an operator's retry resets them). */
    failing(attempts: number, limit = 50): Promise<JobDocument[]> {
      return jobs.find({ attempts: { $gte: attempts }, status: { $ne: "succeeded" } }, { sort: { updatedAt: -1 }, limit });
    },

    /** Jobs that may run now: queued or running, due, and with no live lease. Oldest due first. */
    async due(now: Date, limit: number): Promise<JobDocument[]> {
      const candidates = await jobs.find(
        { status: { $in: ["queued", "running"] }, nextRunAt: { $lte: now } },
        { sort: { nextRunAt: 1 }, limit: limit * 4 },
      );
      return candidates.filter((job) => !job.lease || job.lease.until <= now).slice(0, limit);
    },

    /**
     * Takes the job for `leaseMs`, or null when another runner has it (or got it first). A lease that
     * had expired is taken over and said so in the history.
     */
    async claim(job: JobDocument, owner: string, leaseMs: number, now = new Date()): Promise<JobClaim | null> {
      if (job.status !== "queued" && job.status !== "running") return null;
      if (job.nextRunAt > now || (job.lease && job.lease.until > now)) return null;
      const epoch = job.leaseEpoch + 1;
      try {
        await claims.insertOne({ _id: `${job._id}#${epoch}`, jobId: job._id, owner, at: now });
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null;
        throw error;
      }
      const events = job.lease
        ? [entry("lease-expired", now, `${job.lease.owner} held it until ${job.lease.until.toISOString()}`), entry("started", now, owner)]
        : [entry("started", now, owner)];
      const set = {
        status: "running" as const,
        lease: { owner, until: new Date(now.getTime() + leaseMs) },
        leaseEpoch: epoch,
        history: appendHistory(job.history, ...events),
        updatedAt: now,
      };
      // The claim admits one runner per epoch; this filter turns away one holding an old copy of the job.
      const result = await jobs.updateOne({ _id: job._id, leaseEpoch: job.leaseEpoch }, { $set: set });
      if (result.matchedCount !== 1) return null;
      return { id: job._id, owner, epoch, job: { ...job, ...set } };
    },

    /** Extends the lease while a step runs; false when it was lost. */
    renew(claim: JobClaim, leaseMs: number, now = new Date()): Promise<boolean> {
      return write(claim, { lease: { owner: claim.owner, until: new Date(now.getTime() + leaseMs) }, updatedAt: now });
    },

    /** Saves a finished step's cursor and progress; false when the claim was lost (the step's result is then not kept). */
    saveStep(
      claim: JobClaim,
      step: { cursor: unknown; progress: JobDocument["progress"]; detail?: string },
      now = new Date(),
    ): Promise<boolean> {
      return write(claim, {
        cursor: step.cursor,
        progress: step.progress,
        history: appendHistory(claim.job.history, entry("step", now, step.detail)),
        updatedAt: now,
      });
    },

    /** Lets go of a job with work left (the time budget ended): due again at once, for any runner. */
    release(claim: JobClaim, now = new Date(), nextRunAt = now): Promise<boolean> {
      return write(claim, { status: "queued", lease: null, nextRunAt, updatedAt: now });
    },

    async succeed(claim: JobClaim, detail?: string, now = new Date()): Promise<boolean> {
      const done = await write(claim, {
        status: "succeeded",
        lease: null,
        finishedAt: now,
        lastError: null,
        history: appendHistory(claim.job.history, entry("succeeded", now, detail)),
        updatedAt: now,
      });
      if (done) await claims.deleteMany({ jobId: claim.id });
      return done;
    },

    /** A failed step: tried again after a backoff, or `failed` for good after `maxAttempts` tries. */
    async fail(claim: JobClaim, message: string, now = new Date()): Promise<boolean> {
      const attempts = claim.job.attempts + 1;
      const final = attempts >= claim.job.maxAttempts;
      const nextRunAt = final ? claim.job.nextRunAt : new Date(now.getTime() + backoffMs(attempts));
      const done = await write(claim, {
        status: final ? "failed" : "queued",
        attempts,
        lease: null,
        nextRunAt,
        lastError: message,
        finishedAt: final ? now : null,
        history: appendHistory(
          claim.job.history,
          entry(final ? "failed" : "retry", now, final ? message : `${message} (try ${attempts + 1} at ${nextRunAt.toISOString()})`),
        ),
        updatedAt: now,
      });
      if (done && final) await claims.deleteMany({ jobId: claim.id });
      return done;
    },

    /** The kind asked to wait (Spotify paused the account): due again at `until`, no try counted. */
    pause(claim: JobClaim, until: Date, detail: string, now = new Date()): Promise<boolean> {
      return write(claim, {
        status: "queued",
        lease: null,
        nextRunAt: until,
        history: appendHistory(claim.job.history, entry("retry", now, detail)),
        updatedAt: now,
      });
    },

    /** An operator's retry of a failed job: queued again now, with its tries reset and its cursor kept. */
    async retry(id: string, now = new Date()): Promise<JobDocument | null> {
      const job = await jobs.findOne({ _id: id });
      if (!job || job.status !== "failed") return job;
      const set = {
        status: "queued" as const,
        attempts: 0,
        nextRunAt: now,
        finishedAt: null,
        history: appendHistory(job.history, entry("queued", now, "retried by an operator")),
        updatedAt: now,
      };
      const result = await jobs.updateOne({ _id: id, status: "failed", leaseEpoch: job.leaseEpoch }, { $set: set });
      return result.matchedCount === 1 ? { ...job, ...set } : jobs.findOne({ _id: id });
    },

    /** Queues a finished job again (a nightly run whose key repeats is a new job instead). */
    async requeue(id: string, input: Record<string, unknown>, now = new Date()): Promise<JobDocument | null> {
      const job = await jobs.findOne({ _id: id });
      if (!job || (job.status !== "succeeded" && job.status !== "failed")) return job;
      const set = {
        status: "queued" as const,
        input,
        attempts: 0,
        cursor: null,
        progress: { done: 0, total: null },
        nextRunAt: now,
        lastError: null,
        finishedAt: null,
        history: appendHistory(job.history, entry("queued", now, "queued again")),
        updatedAt: now,
      };
      const result = await jobs.updateOne({ _id: id, status: job.status, leaseEpoch: job.leaseEpoch }, { $set: set });
      return result.matchedCount === 1 ? { ...job, ...set } : jobs.findOne({ _id: id });
    },
  };
}

export type JobsRepository = ReturnType<typeof jobsRepository>;
