import "server-only";
import { rebuildListening } from "@/lib/listening";
import { registerJobKind } from "../kinds";

/** Rebuilds a listener's listening segments and day rollups from their stored plays (idempotent: a rerun writes the same segments). */
registerJobKind<{ userId: string }, { plays: number; segments: number }>({
  kind: "repair-segments",
  maxAttempts: 3,
  async step({ input, store }) {
    const report = await rebuildListening(store, input.userId);
    return {
      cursor: { plays: report.plays, segments: report.segmentsAfter },
      done: true,
      progress: { done: 1, total: 1 },
      detail: `${report.plays} plays; ${report.segmentsBefore} segments replaced by ${report.segmentsAfter}; ${report.days} days rebuilt`,
    };
  },
});
