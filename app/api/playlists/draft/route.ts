import { z } from "zod";
import { route } from "@/lib/http";
import { addToDiscoverDraft, getDiscoverDraft, playlistTrackInput } from "@/lib/playlists";

export const dynamic = "force-dynamic";

const addBody = z.object({ tracks: z.array(playlistTrackInput).min(1).max(100) });

/** The listener's current Discover draft (null before their first pick), from any browser. */
export const GET = route({ auth: "listener", rateLimit: { name: "playlists-read", limit: 240, windowSeconds: 60 } }, async ({ listener }) =>
  Response.json({ playlist: await getDiscoverDraft(listener) }, { headers: { "cache-control": "private, no-store" } }),
);

/** Adds picks to the Discover draft (made on the first pick); a pick already there stays where it is. */
export const POST = route(
  { auth: "listener", body: addBody, rateLimit: { name: "playlists-edit", limit: 300, windowSeconds: 60 } },
  async ({ listener, body }) => ({ playlist: await addToDiscoverDraft(listener, body.tracks) }),
);
