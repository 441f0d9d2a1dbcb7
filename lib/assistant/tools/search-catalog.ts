import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { groundTracks, searchTracks } from "../grounding";
import type { TrackListOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const searchCatalogInput = zodSchema(
  z.object({
    query: z.string().trim().min(1).max(200).optional(),
    tracks: z
      .array(z.object({ title: z.string().trim().min(1).max(200), artist: z.string().trim().min(1).max(200) }))
      .max(50)
      .optional(),
  }),
);

/** Real catalogue tracks: by free text, or by checking named songs (the model's suggestions) one by one. */
export function searchCatalogTool({ client }: ToolContext) {
  return tool({
    description:
      "Find real tracks in the catalogue. Either a free-text query, or a list of songs (title and artist) to check: songs that do not exist are dropped. Always check songs you suggest from memory with this tool before naming them.",
    inputSchema: searchCatalogInput,
    execute: async ({ query, tracks }): Promise<TrackListOutput> => {
      if (tracks && tracks.length > 0) {
        const grounded = await groundTracks(client, tracks);
        return {
          ...grounded,
          summary: `${grounded.tracks.length} of ${tracks.length} songs found in the catalogue${grounded.dropped > 0 ? `; ${grounded.dropped} could not be found and were left out` : ""}.`,
        };
      }
      const found = query ? await searchTracks(client, query, 8) : [];
      return {
        tracks: found,
        dropped: 0,
        summary: found.length > 0 ? `${found.length} tracks match “${query}”.` : `Nothing in the catalogue matches “${query ?? ""}”.`,
      };
    },
  });
}
