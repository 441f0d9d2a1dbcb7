import { route } from "@/lib/http";
import { setFeedback } from "@/lib/reco";
import { feedbackBody } from "./schema";

export const dynamic = "force-dynamic";

/** Like, dislike or "not now" a track or an artist; the next recommendations follow it. */
export const POST = route(
  { auth: "listener", body: feedbackBody, rateLimit: { name: "feedback", limit: 240, windowSeconds: 60 } },
  async ({ listener, body }) => {
    await setFeedback(listener, body);
    return Response.json({ ok: true, ...body }, { headers: { "cache-control": "no-store" } });
  },
);
