import { z } from "zod";
import { route } from "@/lib/http";
import { CONTEXT_IDS, recommendationsFor } from "@/lib/reco";

export const dynamic = "force-dynamic";

const query = z.object({
  context: z.enum(CONTEXT_IDS as [string, ...string[]], { message: `must be one of ${CONTEXT_IDS.join(", ")}` }).optional(),
  seed: z.string().min(1).max(600).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  novelty: z.coerce.number().min(0).max(1).default(0.3),
  recentDays: z.coerce.number().int().min(0).max(365).default(30),
});

/** Tracks for the listener, each with the evidence behind it (`?context=focus&novelty=0.6&limit=20`). */
export const GET = route({ auth: "listener", query, rateLimit: { name: "recommendations", limit: 120, windowSeconds: 60 } }, async ({ listener, query }) => {
  const response = await recommendationsFor(listener, query);
  return Response.json(response, { headers: { "cache-control": "private, no-store" } });
});
