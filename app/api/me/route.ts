import { route } from "@/lib/http";
import { requireCurrentListener } from "@/lib/listener";

export const dynamic = "force-dynamic";

/** The listener behind this request. */
export const GET = route({ rateLimit: { name: "me", limit: 120, windowSeconds: 60 } }, async () => {
  return Response.json(await requireCurrentListener(), { headers: { "cache-control": "private, no-store" } });
});
