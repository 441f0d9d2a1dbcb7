import { route } from "@/lib/http";
import { createImport, listImports } from "@/lib/ingest";
import { createImportBody } from "./schema";

export const dynamic = "force-dynamic";

/** Starts an import job; the browser then posts its chunks. */
export const POST = route(
  { auth: "listener", body: createImportBody, rateLimit: { name: "imports", limit: 30, windowSeconds: 3600 } },
  async ({ listener, body }) => {
    return Response.json(await createImport(listener.id, body.files), { status: 201 });
  },
);

export const GET = route({ auth: "listener" }, async ({ listener }) => {
  return { imports: await listImports(listener.id) };
});
