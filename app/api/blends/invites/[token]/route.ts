import { acceptInvite, declineInvite, previewInvite } from "@/lib/blend";
import { route } from "@/lib/http";
import { inviteAnswerBody, inviteParams } from "../../schema";

export const dynamic = "force-dynamic";

/** Who sent an invite and whether the caller can accept it; looking accepts nothing. */
export const GET = route(
  { auth: "listener", params: inviteParams, rateLimit: { name: "blend-invite-view", limit: 60, windowSeconds: 60 } },
  async ({ listener, params }) =>
    Response.json(await previewInvite(listener, params.token), { headers: { "cache-control": "private, no-store" } }),
);

/**
 * Accepts or declines an invite. Refusals are 409 problems with a `reason` (invite_expired,
 * invite_used, own_invite, already_blended) and what to do; an unknown link is a 404.
 */
export const POST = route(
  {
    auth: "listener",
    params: inviteParams,
    body: inviteAnswerBody,
    bodyLimit: 1024,
    rateLimit: { name: "blend-invite-answer", limit: 30, windowSeconds: 60 },
  },
  async ({ listener, params, body }) => {
    if (body.answer === "decline") {
      await declineInvite(listener, params.token);
      return Response.json({ declined: true }, { headers: { "cache-control": "no-store" } });
    }
    return Response.json(await acceptInvite(listener, params.token), { headers: { "cache-control": "no-store" } });
  },
);
