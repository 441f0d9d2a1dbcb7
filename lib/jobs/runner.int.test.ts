/**
 * The runner's guarantees on both stores: enqueue once per key, resume from the saved cursor, two
 * runners never in one job at once (each step runs once), an expired lease taken over, retries with
 * backoff until `failed`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeEach, describe, expect, inject, it } from "vitest";
import { collections, EmbeddedStore, ensureIndexes, jobsRepository, MongoStore, type JobDocument, type Store } from "@/lib/db";
import { registerJobKind } from "./kinds";
import { runDueJobs } from "./runner";

/** Every step each job ran, and how many runners were inside each job at once at most. */
const ran: string[] = [];
const inside = new Map<string, number>();
let mostInside = 0;

registerJobKind<{ steps: number }, { n: number }>({
  kind: "test-count",
  async step({ jobId, input, cursor }) {
    const now = (inside.get(jobId) ?? 0) + 1;
    inside.set(jobId, now);
    mostInside = Math.max(mostInside, now);
    try {
      await sleep(40);
      const n = (cursor?.n ?? 0) + 1;
      ran.push(`${jobId}#${n}`);
      return { cursor: { n }, done: n >= input.steps, progress: { done: n, total: input.steps } };
    } finally {
      inside.set(jobId, (inside.get(jobId) ?? 1) - 1);
    }
  },
});

registerJobKind({
  kind: "test-fail",
  maxAttempts: 2,
  async step() {
    throw new Error("the upstream said no");
  },
});

const dirs: string[] = [];
const mongoUri = inject("mongoUri");
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const backends: Array<[string, () => Store]> = [
  [
    "embedded",
    () => {
      const dir = mkdtempSync(join(tmpdir(), "echotune-jobs-"));
      dirs.push(dir);
      return new EmbeddedStore(dir);
    },
  ],
  [`mongodb (${inject("mongoServer")})`, () => new MongoStore({ uri: mongoUri, database: `jobs_${randomUUID().slice(0, 8)}` })],
];

describe.each(backends)("the job runner on %s", (_label, open) => {
  let store: Store;
  beforeEach(async () => {
    store = open();
    await ensureIndexes(store);
    ran.length = 0;
    inside.clear();
    mostInside = 0;
    return async () => {
      if (store.kind === "mongodb") await store.collection(collections.jobs).deleteMany({});
      await store.close();
    };
  });

  it("queues a job once per kind and key", async () => {
    const jobs = jobsRepository(store);
    const first = await jobs.enqueue({ kind: "test-count", key: "a", input: { steps: 1 } });
    const second = await jobs.enqueue({ kind: "test-count", key: "a", input: { steps: 9 } });
    expect(first.created).toBe(true);
    expect(second).toMatchObject({ created: false, job: { _id: first.job._id, input: { steps: 1 } } });
    expect(await store.collection(collections.jobs).countDocuments({})).toBe(1);
  });

  it("resumes from the saved cursor when the budget ends, each step once", async () => {
    const { job } = await jobsRepository(store).enqueue({ kind: "test-count", key: "resume", input: { steps: 4 } });
    const first = await runDueJobs({ owner: "first", budgetMs: 1, store });
    expect(first).toMatchObject({ claimed: 1, steps: 1, outcomes: { released: 1 } });
    expect(await jobsRepository(store).get(job._id)).toMatchObject({ status: "queued", cursor: { n: 1 }, lease: null });
    const second = await runDueJobs({ owner: "second", budgetMs: 10_000, store });
    expect(second).toMatchObject({ claimed: 1, steps: 3, outcomes: { succeeded: 1 } });
    expect(ran).toEqual([1, 2, 3, 4].map((n) => `${job._id}#${n}`));
    const done = (await jobsRepository(store).get(job._id)) as JobDocument;
    expect(done).toMatchObject({ status: "succeeded", progress: { done: 4, total: 4 }, lease: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    expect(done.history.map((entry) => entry.event)).toEqual(["queued", "started", "step", "started", "step", "step", "step", "succeeded"]);
  });

  it("never lets two racing runners into one job: every step runs once", async () => {
    const jobs = jobsRepository(store);
    for (const key of ["r1", "r2", "r3"]) await jobs.enqueue({ kind: "test-count", key, input: { steps: 3 } });
    await Promise.all(["runner-a", "runner-b", "runner-c"].map((owner) => runDueJobs({ owner, budgetMs: 10_000, store })));
    expect(mostInside).toBe(1);
    expect([...ran].sort()).toEqual(["r1", "r2", "r3"].flatMap((key) => [1, 2, 3].map((n) => `test-count|${key}#${n}`)));
    expect(await store.collection(collections.jobs).countDocuments({ status: "succeeded" })).toBe(3);
  });

  it("admits one claim per lease epoch, however many runners try at once", async () => {
    const jobs = jobsRepository(store);
    const { job } = await jobs.enqueue({ kind: "test-count", key: "claim", input: { steps: 1 } });
    const claims = await Promise.all(Array.from({ length: 8 }, (_, index) => jobs.claim(job, `runner-${index}`, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });

  it("takes over an expired lease, and the runner that lost it can no longer write", async () => {
    const jobs = jobsRepository(store);
    const { job } = await jobs.enqueue({ kind: "test-count", key: "expired", input: { steps: 2 } });
    const dead = await jobs.claim(job, "dead-runner", 100);
    expect(dead).not.toBeNull();
    expect(await runDueJobs({ owner: "alive", budgetMs: 10_000, store })).toMatchObject({ claimed: 0 });
    await sleep(150);
    expect(await runDueJobs({ owner: "alive", budgetMs: 10_000, store })).toMatchObject({ claimed: 1, outcomes: { succeeded: 1 } });
    const done = (await jobs.get(job._id)) as JobDocument;
    expect(done.status).toBe("succeeded");
    const expired = done.history.find((entry) => entry.event === "lease-expired");
    expect(expired?.detail).toContain("dead-runner");
    expect(await jobs.saveStep(dead!, { cursor: { n: 99 }, progress: { done: 99, total: 2 } })).toBe(false);
    expect(((await jobs.get(job._id)) as JobDocument).cursor).toEqual({ n: 2 });
  });

  it("retries a failing job after a backoff, then marks it failed with the error", async () => {
    const jobs = jobsRepository(store);
    const { job } = await jobs.enqueue({ kind: "test-fail", key: "f", input: {}, maxAttempts: 2 });
    const before = Date.now();
    expect(await runDueJobs({ owner: "r", budgetMs: 10_000, store })).toMatchObject({ outcomes: { retried: 1 } });
    const retried = (await jobs.get(job._id)) as JobDocument;
    expect(retried).toMatchObject({ status: "queued", attempts: 1, lastError: "the upstream said no", lease: null });
    expect(retried.nextRunAt.getTime()).toBeGreaterThanOrEqual(before + 30_000);
    expect(retried.history.at(-1)?.event).toBe("retry");
    // Not due yet: a runner leaves it alone.
    expect(await runDueJobs({ owner: "r", budgetMs: 10_000, store })).toMatchObject({ claimed: 0 });
    await store.collection<JobDocument>(collections.jobs).updateOne({ _id: job._id }, { $set: { nextRunAt: new Date() } });
    expect(await runDueJobs({ owner: "r", budgetMs: 10_000, store })).toMatchObject({ outcomes: { failed: 1 } });
    const failed = (await jobs.get(job._id)) as JobDocument;
    expect(failed).toMatchObject({ status: "failed", attempts: 2, lastError: "the upstream said no" });
    expect(failed.history.at(-1)).toMatchObject({ event: "failed", detail: "the upstream said no" });
    // An operator's retry queues it again with its tries reset.
    expect(await jobs.retry(job._id)).toMatchObject({ status: "queued", attempts: 0 });
  });
});
