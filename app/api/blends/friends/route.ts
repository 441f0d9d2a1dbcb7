import { blendWithFriend } from "@/lib/blend";
import { route } from "@/lib/http";
import { friendBody } from "../schema";

export const dynamic = "force-dynamic";

/** A demo visitor's Blend with a demo friend, made at once (no invite). */
export const POST = route(
  { auth: "listener", body: friendBody, bodyLimit: 1024, rateLimit: { name: "blend-friend", limit: 20, windowSeconds: 60 } },
  async ({ listener, body }) =>
    Response.json(await blendWithFriend(listener, body.friend), { status: 201, headers: { "cache-control": "no-store" } }),
);
