import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { researchArtist } from "@/lib/research";
import type { ResearchOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const researchArtistInput = zodSchema(
  z.object({
    question: z.string().trim().min(3).max(500),
    artist: z.string().trim().min(1).max(200).optional(),
  }),
);

/** Facts from the web about an artist, album, song or scene (Perplexity), with the sources it cites. */
export function researchArtistTool({ listener }: ToolContext) {
  return tool({
    description:
      "Research an artist, album, song or music scene on the web: history, members, the story behind a record, influences, recent news. Returns an answer with numbered sources. Not for the listener's own listening (use the other tools for that).",
    inputSchema: researchArtistInput,
    execute: async ({ question, artist }, { abortSignal }): Promise<ResearchOutput> => {
      const result = await researchArtist({ userId: listener.id, question, subject: artist }, { signal: abortSignal });
      return {
        ...result,
        question,
        artist: artist ?? null,
        // The answer is the summary: the offline model reads it out, and the card shows its sources.
        summary: result.answer,
      };
    },
  });
}
