import "server-only";
import { enqueueJob } from "../enqueue";
import { registerJobKind } from "../kinds";
// LEAD: replace with `import { checkDrift } from "@/lib/reco";` once L's drift check is on main.
import { checkDrift } from "../pending-contracts";

/** Compares listening and feedback since the active model was trained; schedules retraining when they moved. */
registerJobKind<Record<string, never>, { shouldRetrain: boolean; trainJob: string | null }>({
  kind: "drift-check",
  maxAttempts: 3,
  async step({ store }) {
    const report = await checkDrift(store);
    let trainJob: string | null = null;
    if (report.shouldRetrain) {
      // One retraining per trained version and reason: a drift seen twice schedules it once.
      const job = await enqueueJob(
        "train",
        { key: `drift|${report.activeVersion ?? "none"}`, input: { reason: `drift: ${report.reason}` } },
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
