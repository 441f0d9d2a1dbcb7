import { route } from "@/lib/http";
import { listFeedback, setFeedback } from "@/lib/reco";
import { feedbackBody } from "./schema";

export const dynamic = "force-dynamic";

/** The listener's likes, dislikes, blocked artists and current "not now"s, with names and dates. */
export const GET = route({ auth: "listener", rateLimit: { name: "feedback-list", limit: 120, windowSeconds: 60 } }, async ({ listener }) =>
  Response.json(await listFeedback(listener), { headers: { "cache-control": "private, no-store" } }),
);

/** Like, dislike or "not now" a track or an artist (kind null takes it back); the next recommendations follow it. */
export const POST = route(
  { auth: "listener", body: feedbackBody, rateLimit: { name: "feedback", limit: 240, windowSeconds: 60 } },
  async ({ listener, body }) => {
    await setFeedback(listener, body);
    return Response.json({ ok: true, ...body }, { headers: { "cache-control": "no-store" } });
  },
);
