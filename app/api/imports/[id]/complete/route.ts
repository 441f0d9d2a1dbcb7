import { after } from "next/server";
import { route } from "@/lib/http";
import { completeImport, resolveAccountPlays } from "@/lib/ingest";
import { retrainAfterImport } from "@/lib/reco";
import { spotifyClientFor } from "@/lib/spotify";
import { completeBody, importParams } from "./schema";

export const dynamic = "force-dynamic";

/** Closes the import (or cancels it): the report is final. Account-data names resolve afterwards. */
export const POST = route({ auth: "listener", params: importParams, body: completeBody }, async ({ listener, params, body, log }) => {
  const report = await completeImport(listener.id, params.id, body?.status ?? "completed");
  if (report.status === "completed") {
    // After the response: the listener sees the report now; track ids arrive in the background.
    after(async () => {
      try {
        const result = await resolveAccountPlays(listener.id, spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo }));
        if (result.looked > 0) log.info({ ...result }, "import: account-data names resolved");
      } catch (error) {
        log.warn({ err: error }, "import: resolving account-data names failed; the next run retries");
      }
      // A large import changes what the collaborative model should know: retrain (only if not worse, it goes live).
      await retrainAfterImport(report.counts.accepted);
    });
  }
  return report;
});
