import "server-only";
import { enqueueJob } from "../enqueue";
import { registerJobKind } from "../kinds";
import { checkDrift } from "@/lib/reco";

/** Compares listening and feedback since the active model was trained; schedules retraining when they moved. */
registerJobKind<Record<string, never>, { shouldRetrain: boolean; trainJob: string | null }>({
  kind: "drift-check",
  maxAttempts: 3,
  async step({ store }) {
    const report = await checkDrift(store);
    let trainJob: string | null = null;
    if (report.shouldRetrain) {
      // At most one retraining a day per active version: a drift seen twice schedules it once, and
      // a candidate the gate rejected is not retrained again in a loop.
      const day = new Date().toISOString().slice(0, 10);
      const job = await enqueueJob(
        "train",
        { key: `drift|${report.activeVersion ?? "none"}|${day}`, input: { reason: `drift: ${report.reason}` } },
        store,
      );
      trainJob = job._id;
    }
    return {
      cursor: { shouldRetrain: report.shouldRetrain, trainJob },
      done: true,
      progress: { done: 1, total: 1 },
      detail: report.shouldRetrain ? `retraining: ${report.reason}` : `no retraining: ${report.reason}`,
    };
  },
});
