import { route } from "@/lib/http";
import { cronBudgetMs, fiveMinutes, runScheduled } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Vercel Cron, every 5 minutes: the sweep. Queues the alert rules' evaluation and runs whatever is
 * due: retries after a backoff, jobs whose runner died (their lease expired), work a failed publish
 * or a lost `after()` left behind.
 */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const result = await runScheduled("evaluate-alerts", fiveMinutes(), { owner: "cron:jobs", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: result.job.id, status: result.job.status, ...result.run }, "cron: job queued, due jobs run");
  return result;
});
