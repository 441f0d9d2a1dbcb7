import { route } from "@/lib/http";
import { getImport } from "@/lib/ingest";
import { importParams } from "./schema";

export const dynamic = "force-dynamic";

/** Progress while it runs, the report once it ends. Another listener's import is a 404. */
export const GET = route({ auth: "listener", params: importParams }, async ({ listener, params }) => {
  return getImport(listener.id, params.id);
});
