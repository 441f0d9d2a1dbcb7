import { createInvite, listBlends } from "@/lib/blend";
import { publicOrigin, route } from "@/lib/http";

export const dynamic = "force-dynamic";

/** The listener's Blends and open invites (and, for a demo visitor, the demo friends). */
export const GET = route({ auth: "listener", rateLimit: { name: "blends-list", limit: 120, windowSeconds: 60 } }, async ({ listener }) =>
  Response.json(await listBlends(listener), { headers: { "cache-control": "private, no-store" } }),
);

/** A new invite link, valid for a week and for one listener; the link is in this answer only. */
export const POST = route(
  { auth: "listener", rateLimit: { name: "blend-invite", limit: 20, windowSeconds: 3600 } },
  async ({ listener, request }) =>
    Response.json(await createInvite(listener, publicOrigin(request.headers)), { status: 201, headers: { "cache-control": "no-store" } }),
);
