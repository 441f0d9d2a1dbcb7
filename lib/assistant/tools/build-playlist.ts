import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { groundTracks } from "../grounding";
import type { PlaylistDraftOutput } from "../tool-outputs";
import { engineDraftTracks } from "../playlist-drafts";
import { contextSchema, historyTrackFor, type ToolContext } from "./context";
import { trackCardOf } from "./recommend";

const buildPlaylistInput = zodSchema(
  z.object({
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(300).optional(),
    context: contextSchema.optional(),
    seed: z.string().trim().min(1).max(200).optional(),
    tracks: z
      .array(z.object({ title: z.string().trim().min(1).max(200), artist: z.string().trim().min(1).max(200) }))
      .max(50)
      .optional(),
    limit: z.number().int().min(1).max(50).optional(),
  }),
);

/**
 * A playlist draft: tracks from our engine (with a context or a seed), or songs the model names,
 * each checked against the catalogue (unknown ones dropped). Nothing is saved: the listener sees
 * the draft and approves saving it.
 */
export function buildPlaylistTool(ctx: ToolContext) {
  return tool({
    description:
      "Build a playlist draft. Give a name, and either a context/seed for EchoTune's engine to fill it, or a list of songs (title and artist) which are checked against the catalogue. The draft is shown to the listener; saving needs savePlaylist and their approval.",
    inputSchema: buildPlaylistInput,
    execute: async (input): Promise<PlaylistDraftOutput> => {
      const description = input.description ?? `Made with EchoTune${input.context ? ` for ${input.context}` : ""}.`;
      if (input.tracks && input.tracks.length > 0) {
        const { tracks, dropped } = await groundTracks(ctx.client, input.tracks);
        return {
          name: input.name,
          description,
          tracks,
          dropped,
          summary: `Draft “${input.name}”: ${tracks.length} tracks${dropped > 0 ? ` (${dropped} suggested songs could not be found and were left out)` : ""}. Approve it to save it to Spotify.`,
        };
      }
      // The same engine draft the Playlists page makes from a prompt (lib/assistant/playlist-drafts.ts).
      const seed = input.seed ? await historyTrackFor(ctx.listener, input.seed) : null;
      const picks = await engineDraftTracks(ctx.listener, {
        ...(input.context ? { contexts: [input.context] } : {}),
        seed: seed ? seed.index.tracks[seed.id]!.key : null,
        count: input.limit ?? 15,
      });
      const playable = picks.map(trackCardOf);
      return {
        name: input.name,
        description,
        tracks: playable,
        dropped: 0,
        summary:
          playable.length > 0
            ? `Draft “${input.name}”: ${playable.length} tracks, starting with “${playable[0]!.name}” by ${playable[0]!.artist}. Approve it to save it to Spotify.`
            : `I could not find tracks for “${input.name}”; try another mood.`,
      };
    },
  });
}
