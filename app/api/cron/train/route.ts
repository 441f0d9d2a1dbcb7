import { route } from "@/lib/http";
import { cronBudgetMs, runScheduled, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, nightly: queue the day's retraining (it goes live only if not worse), then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const result = await runScheduled("train", `nightly|${today()}`, {
    input: { reason: "nightly" },
    owner: "cron:train",
    budgetMs: cronBudgetMs(maxDuration),
  });
  log.info({ job: result.job.id, status: result.job.status, ...result.run }, "cron: job queued, due jobs run");
  return result;
});
