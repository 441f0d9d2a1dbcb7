import { route } from "@/lib/http";
import { recommendationsFor } from "@/lib/reco";
import { recommendationsQuery } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Tracks for the listener, each with the evidence behind it (`?context=chill,workout&novelty=0.6&limit=20`):
 * contexts combine, at most one per kind (mood, activity, era, time of day).
 */
export const GET = route(
  { auth: "listener", query: recommendationsQuery, rateLimit: { name: "recommendations", limit: 120, windowSeconds: 60 } },
  async ({ listener, query }) => {
    const response = await recommendationsFor(listener, query);
    return Response.json(response, { headers: { "cache-control": "private, no-store" } });
  },
);
