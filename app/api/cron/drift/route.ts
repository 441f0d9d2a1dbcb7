import { route } from "@/lib/http";
import { cronBudgetMs, enqueueJob, runDueJobs, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, daily: queue the drift check (it schedules retraining when listening or feedback moved), then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const job = await enqueueJob("drift-check", { key: today() });
  const run = await runDueJobs({ owner: "cron:drift", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: job._id, ...run }, "cron: drift check queued, due jobs run");
  return { job: job._id, run };
});
