import { route } from "@/lib/http";
import { cronBudgetMs, enqueueJob, runDueJobs, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, nightly: queue the day's retraining (it goes live only if not worse), then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const job = await enqueueJob("train", { key: `nightly|${today()}`, input: { reason: "nightly" } });
  const run = await runDueJobs({ owner: "cron:train", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: job._id, ...run }, "cron: training queued, due jobs run");
  return { job: job._id, run };
});
