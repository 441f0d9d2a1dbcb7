import { route } from "@/lib/http";
import { saveToSpotify } from "@/lib/playlists";
import { playlistSpotifyParams } from "./schema";

export const dynamic = "force-dynamic";

/**
 * Save the playlist to Spotify, or sync the edits made since, or finish a save that stopped:
 * idempotent (an up-to-date playlist makes no Spotify call) and never adding a track twice.
 * Answers 200 with where the playlist stands, a failed save included (its `error` says what to do).
 */
export const POST = route(
  { auth: "listener", params: playlistSpotifyParams, rateLimit: { name: "playlist-spotify", limit: 20, windowSeconds: 60 } },
  async ({ listener, params }) => Response.json(await saveToSpotify(listener, params.id), { headers: { "cache-control": "no-store" } }),
);
