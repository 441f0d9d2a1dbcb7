import { timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { AppError, route } from "@/lib/http";
import { trainAll } from "@/lib/reco";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

function authorised(header: string | null): boolean {
  if (!env.CRON_SECRET || !header) return false;
  const given = Buffer.from(header);
  const expected = Buffer.from(`Bearer ${env.CRON_SECRET}`);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Vercel Cron, nightly: retrain the recommender; the new version goes live only if not worse. */
export const GET = route({}, async ({ request, log }) => {
  if (!env.CRON_SECRET) throw new AppError("forbidden", { detail: "Cron routes are disabled: set CRON_SECRET (16+ characters) to enable them." });
  if (!authorised(request.headers.get("authorization"))) throw new AppError("unauthorized", { detail: "Send Authorization: Bearer <CRON_SECRET>." });
  const model = await trainAll();
  const summary = { version: model.version, status: model.status, metrics: model.metrics, params: model.params, trainSeconds: model.trainSeconds };
  log.info(summary, "cron: recommender trained");
  return summary;
});
