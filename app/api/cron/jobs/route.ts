import { route } from "@/lib/http";
import { cronBudgetMs, enqueueJob, fiveMinutes, runDueJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/**
 * Vercel Cron, every 5 minutes: the sweep. Queues the alert rules' evaluation and runs whatever is
 * due: retries after a backoff, jobs whose runner died (their lease expired), work a failed publish
 * or a lost `after()` left behind.
 */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const job = await enqueueJob("evaluate-alerts", { key: fiveMinutes() });
  const run = await runDueJobs({ owner: "cron:jobs", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: job._id, ...run }, "cron: due jobs run");
  return { job: job._id, run };
});
