import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { getDiscoverDraft } from "@/lib/playlists";
import type { PlaylistDraftOutput, TrackCard } from "../tool-outputs";
import type { ToolContext } from "./context";

const TRACK_URI = /^spotify:track:([A-Za-z0-9]{1,40})$/;

const discoverDraftInput = zodSchema(z.object({ name: z.string().trim().min(1).max(100).optional() }));

/**
 * The playlist draft the listener put together on Discover (stored with their playlists), as a draft the chat can save: its
 * Spotify tracks in the listener's order. Tracks known only from their history (no Spotify match)
 * cannot go into a Spotify playlist: they are counted as left out. Nothing is saved here.
 */
export function discoverDraftTool({ listener, draft: sent = [] }: ToolContext) {
  return tool({
    description:
      "The listener's own playlist draft from the Discover page (tracks they added there). Use it when they speak of their draft or want to save it. Shown to the listener as a draft; saving needs savePlaylist with exactly its track keys and their approval.",
    inputSchema: discoverDraftInput,
    execute: async (input): Promise<PlaylistDraftOutput> => {
      const name = input.name ?? "My Discover picks";
      const description = "Picked on EchoTune Discover.";
      // The draft is kept on the server now; a browser that still sends its own copy is the fallback.
      const stored = await getDiscoverDraft(listener);
      const draft = stored ? stored.tracks.map((track) => ({ key: track.key, name: track.name, artist: track.artistName })) : sent;
      const seen = new Set<string>();
      const tracks: TrackCard[] = [];
      let dropped = 0;
      for (const entry of draft) {
        if (seen.has(entry.key)) continue;
        seen.add(entry.key);
        const trackId = TRACK_URI.exec(entry.key)?.[1];
        if (!trackId) {
          dropped++;
          continue;
        }
        tracks.push({
          key: entry.key,
          trackId,
          name: entry.name,
          artist: entry.artist,
          album: null,
          imageUrl: null,
          confidence: 1,
          source: "catalog",
        });
      }
      const leftOut =
        dropped === 0
          ? ""
          : dropped === 1
            ? " (1 track from your history has no Spotify match and was left out)"
            : ` (${dropped} tracks from your history have no Spotify match and were left out)`;
      const summary =
        tracks.length > 0
          ? `Your Discover draft “${name}”: ${tracks.length} ${tracks.length === 1 ? "track" : "tracks"}, starting with “${tracks[0]!.name}” by ${tracks[0]!.artist}${leftOut}. Approve it to save it to Spotify.`
          : dropped > 0
            ? `Your Discover draft has no tracks that can be saved to Spotify${leftOut}. Add tracks on Discover with the list button, then ask again.`
            : "Your playlist draft is empty. Add tracks on Discover with the list button, then ask me again to save it.";
      return { name, description, tracks, dropped, summary, playlistId: stored?.id ?? null };
    },
  });
}
