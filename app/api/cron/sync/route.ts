import { route } from "@/lib/http";
import { cronBudgetMs, quarterHour, runScheduled } from "@/lib/jobs";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, every 15 minutes (`Authorization: Bearer $CRON_SECRET`): queue a sync of every connected listener, then run due jobs. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const result = await runScheduled("sync", quarterHour(), { owner: "cron:sync", budgetMs: cronBudgetMs(maxDuration) });
  log.info({ job: result.job.id, status: result.job.status, ...result.run }, "cron: job queued, due jobs run");
  return result;
});
