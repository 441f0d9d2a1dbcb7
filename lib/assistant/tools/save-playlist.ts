import "server-only";
import { tool } from "ai";
import { z } from "zod";
import type { SavePlaylistOutput } from "../types";
import type { ToolContext } from "./context";

const TRACK_URI = /^spotify:track:[A-Za-z0-9]{1,40}$/;

/** Saves a draft to the listener's Spotify. Runs only after the listener approves it in the chat (toolApproval). */
export function savePlaylistTool({ client }: ToolContext) {
  return tool({
    description: "Save a playlist draft to the listener's Spotify account: the name and the track keys (spotify:track:… URIs) of a draft built with buildPlaylist. The listener must approve it first.",
    inputSchema: z.object({
      name: z.string().trim().min(1).max(100),
      description: z.string().trim().max(300).optional(),
      trackKeys: z.array(z.string().regex(TRACK_URI, "must be a spotify:track: URI")).min(1).max(100),
    }),
    execute: async ({ name, description, trackKeys }): Promise<SavePlaylistOutput> => {
      const uris = [...new Set(trackKeys)];
      const playlist = await client.createPlaylist({ name, ...(description ? { description } : {}), public: false });
      await client.addToPlaylist(playlist.id, uris);
      const url = playlist.uri.startsWith("spotify:playlist:") ? `https://open.spotify.com/playlist/${playlist.id}` : null;
      return { saved: true, playlistId: playlist.id, url, name, trackCount: uris.length, summary: `Saved “${name}” to Spotify with ${uris.length} tracks.` };
    },
  });
}
