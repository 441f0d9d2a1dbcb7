/** Idempotency keys of scheduled jobs: a cron call retried within its slot finds the same job. */
const slot = (minutes: number, now: Date) => new Date(Math.floor(now.getTime() / (minutes * 60_000)) * minutes * 60_000).toISOString();

export const today = (now = new Date()) => now.toISOString().slice(0, 10);
export const quarterHour = (now = new Date()) => slot(15, now);
export const fiveMinutes = (now = new Date()) => slot(5, now);

/** Steps a cron call starts, leaving a minute of its maxDuration for the last step to finish. */
export const cronBudgetMs = (maxDurationSeconds: number) => Math.max(10_000, (maxDurationSeconds - 60) * 1000);
