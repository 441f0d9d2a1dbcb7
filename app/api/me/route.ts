import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The listener behind this request. */
export const GET = route({ auth: "listener", rateLimit: { name: "me", limit: 120, windowSeconds: 60 } }, async ({ listener }) => {
  return Response.json(listener, { headers: { "cache-control": "private, no-store" } });
});
