import { route } from "@/lib/http";
import { cronBudgetMs, runScheduled, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Vercel Cron, daily: queue the cleanup (demo visitors idle for 30 days, never the shared demo
 * history; a second sweep of accounts deleted over 15 minutes ago), then run due jobs.
 */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const result = await runScheduled("cleanup-demo", today(), { owner: "cron:cleanup", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: result.job.id, status: result.job.status, ...result.run }, "cron: job queued, due jobs run");
  return result;
});
