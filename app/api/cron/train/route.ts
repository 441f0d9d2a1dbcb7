import { route } from "@/lib/http";
import { trainAll } from "@/lib/reco";

export const dynamic = "force-dynamic";
export const maxDuration = 300;

/** Vercel Cron, nightly: retrain the recommender; the new version goes live only if not worse. */
export const GET = route({ auth: "cron" }, async ({ log }) => {
  const model = await trainAll({ reason: "nightly retraining", by: "cron" });
  const summary = {
    version: model.version,
    status: model.status,
    metrics: model.metrics,
    params: model.params,
    trainSeconds: model.trainSeconds,
  };
  log.info(summary, "cron: recommender trained");
  return summary;
});
