import { route } from "@/lib/http";
import { receiveChunk } from "@/lib/ingest";
import { chunkBody, importParams } from "./schema";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** One chunk of parsed rows. Idempotent: the same chunkId twice adds nothing the second time. */
export const POST = route(
  { auth: "listener", params: importParams, body: chunkBody, rateLimit: { name: "import-chunks", limit: 600, windowSeconds: 60 } },
  async ({ listener, params, body }) => {
    const { report, replayed } = await receiveChunk(listener.id, params.id, body);
    return Response.json({ ...report, replayed }, { status: replayed ? 200 : 202 });
  },
);
