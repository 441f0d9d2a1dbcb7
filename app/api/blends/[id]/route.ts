import { blendView, leaveBlend } from "@/lib/blend";
import { route } from "@/lib/http";
import { blendParams, blendViewQuery } from "../schema";

export const dynamic = "force-dynamic";

/**
 * A Blend as the caller sees it over a range (`?range=4w|6m|all`): the match, what both have in
 * their tops and their own copy of the playlist. Another listener's Blend is a 404.
 */
export const GET = route(
  { auth: "listener", params: blendParams, query: blendViewQuery, rateLimit: { name: "blend-view", limit: 120, windowSeconds: 60 } },
  async ({ listener, params, query }) =>
    Response.json(await blendView(listener, params.id, query.range), { headers: { "cache-control": "private, no-store" } }),
);

/** Leaves a Blend (it ends for both, with its stored playlists) or withdraws an open invite. */
export const DELETE = route(
  { auth: "listener", params: blendParams, rateLimit: { name: "blend-leave", limit: 30, windowSeconds: 60 } },
  async ({ listener, params }) => Response.json(await leaveBlend(listener, params.id), { headers: { "cache-control": "no-store" } }),
);
