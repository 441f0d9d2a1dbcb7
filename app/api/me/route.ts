import { route } from "@/lib/http";
import { currentListener } from "@/lib/listener";

export const dynamic = "force-dynamic";

/** The listener behind this request. */
export const GET = route({ rateLimit: { name: "me", limit: 120, windowSeconds: 60 } }, async () => {
  return Response.json(await currentListener(), { headers: { "cache-control": "private, no-store" } });
});
