import "server-only";
import { trainAll } from "@/lib/reco";
import { registerJobKind } from "../kinds";

/**
 * LEAD: engineer L makes `trainAll({ jobId, reason })` idempotent per job id (a second call returns
 * the version the first made). Until that lands this adapter passes the options nowhere: replace its
 * body with `return trainAll(options)`.
 */
function trainForJob(options: { jobId: string; reason: string }) {
  void options;
  return trainAll();
}

/** Trains the recommender once per job; the new version goes live only if it passes the validation gate. */
registerJobKind<{ reason?: string }, { version: number; status: string }>({
  kind: "train",
  maxAttempts: 3,
  async step({ jobId, input, checkpoint }) {
    await checkpoint("train:before");
    const model = await trainForJob({ jobId, reason: input.reason ?? "scheduled" });
    return {
      cursor: { version: model.version, status: model.status },
      done: true,
      progress: { done: 1, total: 1 },
      detail: `version ${model.version} ${model.status}`,
    };
  },
});
