import { route } from "@/lib/http";
import { syncAll } from "@/lib/ingest";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET`: sync every connected listener. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const started = Date.now();
  const results = await syncAll();
  const summary = {
    listeners: results.length,
    inserted: results.reduce((sum, result) => sum + result.inserted, 0),
    byStatus: Object.fromEntries(
      Object.entries(Object.groupBy(results, (result) => result.status)).map(([status, items]) => [status, items?.length ?? 0]),
    ),
    ms: Date.now() - started,
  };
  log.info(summary, "cron: sync done");
  return { ...summary, results };
});
