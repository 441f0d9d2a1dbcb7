import { route } from "@/lib/http";
import { disconnectSpotify, spotifyConnectionOf } from "@/lib/listener";

export const dynamic = "force-dynamic";

/** Whether EchoTune holds Spotify tokens for the listener (`active`, `reconnect_required` or `none`). */
export const GET = route(
  { auth: "listener", rateLimit: { name: "spotify-connection", limit: 120, windowSeconds: 60 } },
  async ({ listener }) => Response.json(await spotifyConnectionOf(listener), { headers: { "cache-control": "private, no-store" } }),
);

/**
 * Disconnects Spotify: the stored tokens are deleted and recent plays stop syncing; the imported
 * history stays. Idempotent (204 whether or not there was a connection); a demo visitor, who has
 * none, gets a 409 that says so.
 */
export const DELETE = route(
  { auth: "listener", rateLimit: { name: "spotify-disconnect", limit: 10, windowSeconds: 60 } },
  async ({ listener }) => {
    await disconnectSpotify(listener);
    return new Response(null, { status: 204, headers: { "cache-control": "no-store" } });
  },
);
