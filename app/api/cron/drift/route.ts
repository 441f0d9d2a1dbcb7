import { route } from "@/lib/http";
import { cronBudgetMs, runScheduled, today } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, daily: queue the drift check (it schedules retraining when listening or feedback moved), then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const result = await runScheduled("drift-check", today(), { owner: "cron:drift", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: result.job.id, status: result.job.status, ...result.run }, "cron: job queued, due jobs run");
  return result;
});
