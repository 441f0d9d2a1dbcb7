/**
 * The alert rules, as pure functions of what was measured: each returns what fires now, one entry
 * per subject. Storing, resolving and posting alerts is `alerts.ts`'s job.
 */
import type { AlertFiring } from "@/lib/db";

export const ALERT_THRESHOLDS = {
  /** Share of answers that are 5xx over the window, once at least `minRequests` were answered. */
  errorRate: 0.05,
  minRequests: 20,
  /** The window the error rate is measured over, in hours (15 minutes). */
  errorWindowHours: 0.25,
  /** Share of a provider's daily budget spent. */
  budgetShare: 0.8,
  /** Failed tries of one job. */
  jobFailures: 3,
  /** How much longer Spotify asks an account to wait, in seconds. */
  pauseSeconds: 3600,
} as const;

export type AlertThresholds = Record<keyof typeof ALERT_THRESHOLDS, number>;

export interface AlertFacts {
  now: Date;
  /** Answers over the error window: all of them and the 5xx ones. */
  requests: { total: number; errors: number };
  /** Each provider's spend today against its daily budget (a limit of 0 means no budget is set). */
  budgets: Array<{ provider: string; label: string; unit: string; used: number; limit: number }>;
  jobs: Array<{ id: string; kind: string; attempts: number; status: string; lastError: string | null }>;
  /** Spotify accounts paused now (hashed), and until when. */
  pauses: Array<{ account: string; until: Date }>;
}

const percent = (share: number) => `${Math.round(share * 1000) / 10}%`;

export function errorRateRule({ requests }: AlertFacts, thresholds: AlertThresholds = ALERT_THRESHOLDS): AlertFiring[] {
  if (requests.total < thresholds.minRequests) return [];
  const rate = requests.errors / requests.total;
  if (rate <= thresholds.errorRate) return [];
  const minutes = Math.round(thresholds.errorWindowHours * 60);
  return [
    {
      rule: "error-rate",
      subject: "all routes",
      value: rate,
      threshold: thresholds.errorRate,
      message: `${percent(rate)} of answers were server errors in the last ${minutes} min (${requests.errors} of ${requests.total} requests; alert above ${percent(thresholds.errorRate)}).`,
    },
  ];
}

export function budgetRule({ budgets }: AlertFacts, thresholds: AlertThresholds = ALERT_THRESHOLDS): AlertFiring[] {
  return budgets
    .filter((budget) => budget.limit > 0 && budget.used / budget.limit > thresholds.budgetShare)
    .map((budget) => ({
      rule: "budget" as const,
      subject: budget.provider,
      value: budget.used / budget.limit,
      threshold: thresholds.budgetShare,
      message: `${budget.label} used ${percent(budget.used / budget.limit)} of today's budget (${budget.used.toLocaleString("en")} of ${budget.limit.toLocaleString("en")} ${budget.unit}; alert above ${percent(thresholds.budgetShare)}).`,
    }));
}

export function jobFailuresRule({ jobs }: AlertFacts, thresholds: AlertThresholds = ALERT_THRESHOLDS): AlertFiring[] {
  return jobs
    .filter((job) => job.attempts >= thresholds.jobFailures && job.status !== "succeeded")
    .map((job) => ({
      rule: "job-failures" as const,
      subject: job.id,
      value: job.attempts,
      threshold: thresholds.jobFailures,
      message: `Job ${job.kind} (${job.id}) failed ${job.attempts} times${job.status === "failed" ? " and gave up" : ""}${job.lastError ? `: ${job.lastError}` : ""}.`,
    }));
}

export function spotifyPauseRule({ pauses, now }: AlertFacts, thresholds: AlertThresholds = ALERT_THRESHOLDS): AlertFiring[] {
  return pauses
    .map((pause) => ({ pause, seconds: Math.round((pause.until.getTime() - now.getTime()) / 1000) }))
    .filter(({ seconds }) => seconds > thresholds.pauseSeconds)
    .map(({ pause, seconds }) => ({
      rule: "spotify-paused" as const,
      subject: pause.account,
      value: seconds,
      threshold: thresholds.pauseSeconds,
      message: `Spotify paused account ${pause.account} until ${pause.until.toISOString()} (${Math.round(seconds / 60)} min from now; alert above ${thresholds.pauseSeconds / 60} min).`,
    }));
}

export const ALERT_RULES = [errorRateRule, budgetRule, jobFailuresRule, spotifyPauseRule] as const;

/** Every rule's firings for these facts. */
export function firingAlerts(facts: AlertFacts, thresholds: AlertThresholds = ALERT_THRESHOLDS): AlertFiring[] {
  return ALERT_RULES.flatMap((rule) => rule(facts, thresholds));
}
