import { requireListener } from "@/lib/auth";
import { route } from "@/lib/http";
import { completeImport } from "@/lib/ingest";
import { completeBody, importParams } from "../../schema";

export const dynamic = "force-dynamic";

/** Closes the import (or cancels it): the report is final. */
export const POST = route({ params: importParams, body: completeBody }, async ({ params, body }) => {
  const listener = await requireListener();
  return completeImport(listener.userId, params.id, body?.status ?? "completed");
});
