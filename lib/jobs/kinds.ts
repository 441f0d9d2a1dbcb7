import "server-only";
import type { JobDocument, Store } from "@/lib/db";
import { perProcess } from "@/lib/process-state";

/** Every kind of background work the runner knows. */
export const JOB_KINDS = [
  "resolve-names",
  "sync",
  "enrich-catalogue",
  "train",
  "drift-check",
  "cleanup-demo",
  "repair-segments",
  "evaluate-alerts",
] as const;

export type JobKind = (typeof JOB_KINDS)[number];

export interface StepContext<I, C> {
  jobId: string;
  input: I;
  /** Null before the first step. */
  cursor: C | null;
  progress: JobDocument["progress"];
  store: Store;
  /** A named point inside a step (after a write): tests stop a runner there; otherwise nothing. */
  checkpoint(name: string): Promise<void>;
}

/**
 * What a step did: its new cursor (saved before the next step starts), whether the job is done, and
 * progress; or that the job must wait (Spotify paused the account) until a time, without a try counted.
 */
export type StepOutcome<C> =
  { cursor: C; done: boolean; progress?: JobDocument["progress"]; detail?: string } | { wait: Date; detail: string };

/**
 * A kind of job: a step function the runner calls until it says done. A step must be idempotent:
 * a runner that dies after a step's writes and before its cursor is saved runs it again.
 */
export interface JobKindDefinition<I = Record<string, unknown>, C = unknown> {
  /** One of JOB_KINDS (tests register kinds of their own). */
  kind: string;
  maxAttempts?: number;
  step(context: StepContext<I, C>): Promise<StepOutcome<C>>;
}

const registry = perProcess("jobs.kinds", () => new Map<string, JobKindDefinition>());

/** Internal: each kind registers itself (lib/jobs/kinds/*); tests register kinds of their own. */
export function registerJobKind<I, C>(definition: JobKindDefinition<I, C>): void {
  registry.set(definition.kind, definition as unknown as JobKindDefinition);
}

export function jobKind(kind: string): JobKindDefinition | undefined {
  return registry.get(kind);
}

/** Test support: a checkpoint handler (slow a runner down, or print where it is, before a kill). */
export const checkpoints = perProcess("jobs.checkpoints", () => ({ handler: null as null | ((name: string) => Promise<void>) }));
