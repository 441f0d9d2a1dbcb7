import { route } from "@/lib/http";
import { cronBudgetMs, enqueueJob, quarterHour, runDueJobs } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, every 15 minutes (`Authorization: Bearer $CRON_SECRET`): queue a sync of every connected listener, then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const job = await enqueueJob("sync", { key: quarterHour() });
  const run = await runDueJobs({ owner: "cron:sync", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: job._id, ...run }, "cron: sync queued, due jobs run");
  return { job: job._id, run };
});
