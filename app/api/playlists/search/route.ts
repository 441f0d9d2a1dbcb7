import { z } from "zod";
import { route } from "@/lib/http";
import { searchTracks } from "@/lib/playlists";

export const dynamic = "force-dynamic";

const searchQuery = z.object({ q: z.string().trim().min(1, "Type a title or an artist.").max(200) });

/** Tracks from the catalogue (Spotify's, or the demo's) to add to a playlist: `?q=title or artist`. */
export const GET = route(
  { auth: "listener", query: searchQuery, rateLimit: { name: "playlists-search", limit: 60, windowSeconds: 60 } },
  async ({ listener, query }) =>
    Response.json({ tracks: await searchTracks(listener, query.q) }, { headers: { "cache-control": "private, no-store" } }),
);
