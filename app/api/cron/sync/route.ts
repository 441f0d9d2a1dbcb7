import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError, route } from "@/lib/http";
import { syncAll } from "@/lib/ingest";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

function authorised(header: string | null): boolean {
  if (!env.CRON_SECRET || !header) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Vercel Cron calls this with `Authorization: Bearer $CRON_SECRET`: sync every connected listener. */
export const GET = route({}, async ({ request, log }) => {
  if (!env.CRON_SECRET) throw new AppError("forbidden", { detail: "Cron routes are disabled: set CRON_SECRET (16+ characters) to enable them." });
  if (!authorised(request.headers.get("authorization"))) throw new AppError("unauthorized", { detail: "Send Authorization: Bearer <CRON_SECRET>." });
  const started = Date.now();
  const results = await syncAll();
  const summary = {
    listeners: results.length,
    inserted: results.reduce((sum, result) => sum + result.inserted, 0),
    byStatus: Object.fromEntries(Object.entries(Object.groupBy(results, (result) => result.status)).map(([status, items]) => [status, items?.length ?? 0])),
    ms: Date.now() - started,
  };
  log.info(summary, "cron: sync done");
  return { ...summary, results };
});
