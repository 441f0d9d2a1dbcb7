import { requireListener } from "@/lib/auth";
import { route } from "@/lib/http";
import { createImport, listImports } from "@/lib/ingest";
import { createImportBody } from "./schema";

export const dynamic = "force-dynamic";

/** Starts an import job; the browser then posts its chunks. */
export const POST = route({ body: createImportBody, rateLimit: { name: "imports", limit: 30, windowSeconds: 3600 } }, async ({ body }) => {
  const listener = await requireListener();
  return Response.json(await createImport(listener.userId, body.files), { status: 201 });
});

export const GET = route({}, async () => {
  const listener = await requireListener();
  return { imports: await listImports(listener.userId) };
});
