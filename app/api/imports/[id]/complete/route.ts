import { after } from "next/server";
import { route } from "@/lib/http";
import { completeImport } from "@/lib/ingest";
import { enqueueJob, kickJobs } from "@/lib/jobs";
import { RETRAIN_AFTER_ROWS } from "@/lib/reco";
import { completeBody, importParams } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Closes the import (or cancels it): the report is final. Account-data names resolve afterwards, as
 * a job: queued before the response, so a crash or a timeout loses nothing (a runner resumes it).
 */
export const POST = route({ auth: "listener", params: importParams, body: completeBody }, async ({ listener, params, body }) => {
  const report = await completeImport(listener.id, params.id, body?.status ?? "completed");
  if (report.status === "completed") {
    await enqueueJob("resolve-names", { key: params.id, input: { userId: listener.id, importId: params.id }, userId: listener.id });
    // A large import changes what the collaborative model should know: retrain (only if not worse, it
    // goes live). Imports within the same hour share one training; the nightly one catches up.
    if (report.counts.accepted >= RETRAIN_AFTER_ROWS)
      await enqueueJob("train", {
        key: `after-import|${new Date().toISOString().slice(0, 13)}`,
        input: { reason: `import of ${report.counts.accepted} plays` },
      });
    // Only a kick: the jobs are stored, and whoever runs them next (this, `npm run jobs`, the cron sweep, QStash) finishes them.
    after(() => kickJobs());
  }
  return report;
});
