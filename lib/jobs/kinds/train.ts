import "server-only";
import { trainAll } from "@/lib/reco";
import { registerJobKind } from "../kinds";

/** Trains the recommender once per job; the new version goes live only if it passes the validation gate. */
registerJobKind<{ reason?: string }, { version: number; status: string }>({
  kind: "train",
  maxAttempts: 3,
  async step({ jobId, input, checkpoint, store }) {
    await checkpoint("train:before");
    // Idempotent per job: a step run again after a crash gets the version the first run made.
    const model = await trainAll({ jobId, reason: input.reason ?? "scheduled" }, store);
    return {
      cursor: { version: model.version, status: model.status },
      done: true,
      progress: { done: 1, total: 1 },
      detail: `version ${model.version} ${model.status}`,
    };
  },
});
