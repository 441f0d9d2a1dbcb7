import { getStore } from "@/lib/db";
import { route } from "@/lib/http";
import { archiveFileName, exportArchive } from "@/lib/privacy";

export const dynamic = "force-dynamic";

/**
 * "Download all my data": a zip of JSON files (README.txt inside says what each holds), streamed
 * as it is made. A few per hour: each reads the listener's whole history. The store is opened
 * before the first byte, so an outage is a problem+json answer rather than a broken download.
 */
export const GET = route({ auth: "listener", rateLimit: { name: "export", limit: 5, windowSeconds: 3600 } }, async ({ listener }) => {
  const store = await getStore();
  const now = new Date();
  return new Response(exportArchive({ id: listener.id }, { store, now }), {
    headers: {
      "content-type": "application/zip",
      "content-disposition": `attachment; filename="${archiveFileName(now)}"`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
});
