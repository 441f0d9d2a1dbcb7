import { refreshBlend } from "@/lib/blend";
import { route } from "@/lib/http";
import { blendParams } from "../../schema";

export const dynamic = "force-dynamic";

/** Draws the Blend playlist again: a new version of each member's copy. */
export const POST = route(
  { auth: "listener", params: blendParams, rateLimit: { name: "blend-refresh", limit: 6, windowSeconds: 60 } },
  async ({ listener, params }) => Response.json(await refreshBlend(listener, params.id), { headers: { "cache-control": "no-store" } }),
);
