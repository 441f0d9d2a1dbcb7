import { MB, route } from "@/lib/http";
import { receiveChunk } from "@/lib/ingest";
import { chunkBody, importParams } from "./schema";

export const dynamic = "force-dynamic";
export const maxDuration = 60;

/** One chunk of parsed rows. Idempotent: the same chunkId twice adds nothing the second time. */
export const POST = route(
  // Vercel's own request limit: a chunk of MAX_ROWS_PER_CHUNK rows is about a third of it.
  {
    auth: "listener",
    params: importParams,
    body: chunkBody,
    bodyLimit: 4.5 * MB,
    rateLimit: { name: "import-chunks", limit: 600, windowSeconds: 60 },
  },
  async ({ listener, params, body }) => {
    const { report, replayed } = await receiveChunk(listener.id, params.id, body);
    return Response.json({ ...report, replayed }, { status: replayed ? 200 : 202 });
  },
);
