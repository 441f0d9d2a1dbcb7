import "server-only";
import { createHash } from "node:crypto";
import { tool, zodSchema, type ModelMessage } from "ai";
import { z } from "zod";
import { createPlaylist, saveToSpotify, type PlaylistTrackInput } from "@/lib/playlists";
import type { SavePlaylistOutput, TrackCard } from "../tool-outputs";
import type { ToolContext } from "./context";

const TRACK_URI = /^spotify:track:[A-Za-z0-9]{1,40}$/;

/** The catalogue tracks in the tool results of the conversation so far, by key. */
function shownTracks(messages: ModelMessage[]): Map<string, TrackCard> {
  const tracks = new Map<string, TrackCard>();
  for (const message of messages) {
    if (message.role !== "tool") continue;
    for (const part of message.content) {
      if (part.type !== "tool-result" || part.output.type !== "json") continue;
      const value = part.output.value as { tracks?: unknown };
      if (!Array.isArray(value?.tracks)) continue;
      for (const track of value.tracks) {
        const card = track as Partial<TrackCard> | null;
        // History-only plays were never matched to a Spotify track: nothing of theirs can be saved.
        if (card && typeof card.key === "string" && card.source !== "history" && !tracks.has(card.key))
          tracks.set(card.key, card as TrackCard);
      }
    }
  }
  return tracks;
}

const http = (url: unknown) => (typeof url === "string" && /^https?:\/\//.test(url) ? url : null);

/** A shown track as a stored playlist's track: what the chat showed, never more. */
function playlistTrackOf(key: string, card: TrackCard): PlaylistTrackInput {
  return {
    key,
    name: card.name?.trim() || key,
    artistName: card.artist?.trim() || "Unknown artist",
    albumName: card.album ?? null,
    imageUrl: http(card.imageUrl),
    reason: card.explanation?.slice(0, 500) ?? null,
  };
}

const savePlaylistInput = zodSchema(
  z.object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(300).optional(),
    trackKeys: z.array(z.string().regex(TRACK_URI, "must be a spotify:track: URI")).min(1).max(100),
  }),
);

/**
 * Saves a draft to the listener's Spotify, through the same path as the Playlists page: the
 * draft becomes a stored playlist (origin "assistant"), then `saveToSpotify` pushes it. A Spotify
 * failure leaves the stored playlist, which the listener finishes with Retry on its page. Runs
 * only after the listener approves it in the chat (toolApproval).
 */
export function savePlaylistTool({ listener }: ToolContext) {
  return tool({
    description:
      "Save a playlist draft to the listener's Spotify account: the name and the track keys (spotify:track:… URIs) of a draft built with buildPlaylist. The listener must approve it first.",
    inputSchema: savePlaylistInput,
    execute: async ({ name, description, trackKeys }, { messages, toolCallId }): Promise<SavePlaylistOutput> => {
      // Only tracks this chat has shown (drafts, picks, search results) can be saved: ids the
      // model makes up never reach the listener's Spotify.
      const shown = shownTracks(messages);
      const keys = [...new Set(trackKeys)].filter((key) => shown.has(key));
      if (keys.length === 0)
        return {
          saved: false,
          playlistId: null,
          url: null,
          storedPlaylistId: null,
          name,
          trackCount: 0,
          summary: "None of those tracks came from a draft in this chat, so nothing was saved. Ask for a playlist draft first.",
        };
      // The tool call and what it saves make the create idempotent: a repeated execution finds the
      // same playlist (the offline model's call ids repeat across chats, so the content counts too).
      const content = createHash("sha256")
        .update(JSON.stringify([name, description ?? "", keys]))
        .digest("base64url")
        .slice(0, 16);
      const stored = await createPlaylist(listener, {
        name,
        description: description ?? "",
        origin: "assistant",
        tracks: keys.map((key) => playlistTrackOf(key, shown.get(key)!)),
        requestId: `assistant-${toolCallId}-${content}`,
        label: "Created by the assistant",
      });
      const outcome = await saveToSpotify(listener, stored.id);
      const { spotify } = outcome;
      const base = { playlistId: spotify.playlistId, url: spotify.url, storedPlaylistId: stored.id, name, trackCount: keys.length };
      if (spotify.status !== "synced")
        return {
          ...base,
          saved: false,
          summary: `I kept “${name}” in your playlists, but saving it to Spotify stopped: ${spotify.error ?? "Spotify did not finish."} Open it in Playlists and choose Retry to finish.`,
        };
      return { ...base, saved: true, summary: `Saved “${name}” to Spotify with ${keys.length} ${keys.length === 1 ? "track" : "tracks"}.` };
    },
  });
}
