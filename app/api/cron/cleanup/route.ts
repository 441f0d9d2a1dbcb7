import { route } from "@/lib/http";
import { cronBudgetMs, enqueueJob, runDueJobs, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, daily: queue the removal of demo visitors idle for 30 days (never the shared demo history), then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const job = await enqueueJob("cleanup-demo", { key: today() });
  const run = await runDueJobs({ owner: "cron:cleanup", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: job._id, ...run }, "cron: demo cleanup queued, due jobs run");
  return { job: job._id, run };
});
