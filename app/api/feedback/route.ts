import { z } from "zod";
import { route } from "@/lib/http";
import { setFeedback } from "@/lib/reco";

export const dynamic = "force-dynamic";

const body = z.object({
  target: z.enum(["track", "artist"]),
  /** A track key (`spotify:track:<id>` or `artist|title`) or an artist name. */
  itemId: z.string().trim().min(1).max(600),
  /** null takes an earlier opinion back. */
  kind: z.enum(["like", "dislike", "not_now"]).nullable(),
});

/** Like, dislike or "not now" a track or an artist; the next recommendations follow it. */
export const POST = route({ auth: "listener", body, rateLimit: { name: "feedback", limit: 240, windowSeconds: 60 } }, async ({ listener, body }) => {
  await setFeedback(listener, body);
  return Response.json({ ok: true, ...body }, { headers: { "cache-control": "no-store" } });
});
