import "server-only";
import { tool, type ModelMessage } from "ai";
import { z } from "zod";
import type { SavePlaylistOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const TRACK_URI = /^spotify:track:[A-Za-z0-9]{1,40}$/;

/** Track keys in the tool results of the conversation so far. */
function shownTrackKeys(messages: ModelMessage[]): Set<string> {
  const keys = new Set<string>();
  for (const message of messages) {
    if (message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result" || part.output.type !== "json") continue;
      const value = part.output.value as { tracks?: unknown };
      if (!Array.isArray(value?.tracks)) continue;
      for (const track of value.tracks) {
        const card = track as { key?: unknown; source?: unknown } | null;
        // History-only plays were never matched to a Spotify track: nothing of theirs can be saved.
        if (card && typeof card.key === "string" && card.source !== "history") keys.add(card.key);
      }
    }
  }
  return keys;
}

/** Saves a draft to the listener's Spotify. Runs only after the listener approves it in the chat (toolApproval). */
export function savePlaylistTool({ client }: ToolContext) {
  return tool({
    description:
      "Save a playlist draft to the listener's Spotify account: the name and the track keys (spotify:track:… URIs) of a draft built with buildPlaylist. The listener must approve it first.",
    inputSchema: z.object({
      name: z.string().trim().min(1).max(100),
      description: z.string().trim().max(300).optional(),
      trackKeys: z.array(z.string().regex(TRACK_URI, "must be a spotify:track: URI")).min(1).max(100),
    }),
    execute: async ({ name, description, trackKeys }, { messages }): Promise<SavePlaylistOutput> => {
      // Only tracks this chat has shown (drafts, picks, search results) can be saved: ids the
      // model makes up never reach the listener's Spotify.
      const shown = shownTrackKeys(messages);
      const uris = [...new Set(trackKeys)].filter((key) => shown.has(key));
      if (uris.length === 0)
        return {
          saved: false,
          playlistId: null,
          url: null,
          name,
          trackCount: 0,
          summary: "None of those tracks came from a draft in this chat, so nothing was saved. Ask for a playlist draft first.",
        };
      const playlist = await client.createPlaylist({ name, ...(description ? { description } : {}), public: false });
      await client.addToPlaylist(playlist.id, uris);
      const url = playlist.uri.startsWith("spotify:playlist:") ? `https://open.spotify.com/playlist/${playlist.id}` : null;
      return {
        saved: true,
        playlistId: playlist.id,
        url,
        name,
        trackCount: uris.length,
        summary: `Saved “${name}” to Spotify with ${uris.length} tracks.`,
      };
    },
  });
}
