import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { perProcess } from "@/lib/process-state";
import { configuredChecks, runChecks, type CheckResult } from "./checks";

/** A readiness result is reused this long, so a flood of probes fires one round of outbound checks. */
export const READINESS_TTL_MS = 5_000;

export interface Readiness {
  ready: boolean;
  /** When this round of checks finished. */
  checkedAt: Date;
  checks: CheckResult[];
}

interface Round {
  result: Promise<Readiness>;
  /** Set once the round has finished; until then every caller waits for the same round. */
  settledAt?: number;
}

const rounds = perProcess("health.readiness", () => ({ current: undefined as Round | undefined }));

/**
 * Every configured backend checked, at most once per READINESS_TTL_MS in this process: concurrent
 * callers share the round in flight, later ones its result until it is that old.
 */
export function readiness(): Promise<Readiness> {
  const current = rounds.current;
  if (current && (current.settledAt === undefined || Date.now() - current.settledAt < READINESS_TTL_MS)) return current.result;
  const round: Round = {
    result: runChecks(configuredChecks())
      .then((checks) => ({ ready: checks.every((check) => check.ok), checkedAt: new Date(), checks }))
      .finally(() => (round.settledAt = Date.now())),
  };
  rounds.current = round;
  return round.result;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether the request carries `Authorization: Bearer <HEALTH_TOKEN>`: only then does readiness
 * name hosts, error messages and latency. Without HEALTH_TOKEN nobody sees them.
 */
export function mayReadHealthDetails(request: Request, token: string | undefined = env.HEALTH_TOKEN): boolean {
  const header = request.headers.get("authorization");
  if (!token || !header) return false;
  // Compared as digests: constant time, whatever the lengths.
  return timingSafeEqual(digest(header), digest(`Bearer ${token}`));
}

/** What anyone may see of a check: its name and whether it is up. */
export const publicCheck = ({ name, ok }: CheckResult) => ({ name, ok });
