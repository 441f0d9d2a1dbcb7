import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { recommendationsFor, type Recommendation } from "@/lib/reco";
import type { TrackCard, TrackListOutput } from "../tool-outputs";
import { contextSchema, historyTrackFor, type ToolContext } from "./context";

/** An engine pick as a card: a Spotify track when it has an id, else a play known only from history. */
export function trackCardOf(item: Recommendation): TrackCard {
  const fromCatalog = item.trackId !== null;
  return {
    key: item.key,
    trackId: item.trackId,
    name: item.name,
    artist: item.artist,
    album: item.album,
    imageUrl: item.imageUrl,
    confidence: fromCatalog ? 1 : 0,
    source: fromCatalog ? "catalog" : "history",
    explanation: item.explanation,
  };
}

const recommendInput = zodSchema(
  z.object({
    context: contextSchema.optional(),
    seed: z.string().trim().min(1).max(200).optional(),
    novelty: z.number().min(0).max(1).optional(),
    limit: z.number().int().min(1).max(20).optional(),
  }),
);

/** Picks from our own engine (the Discover page's), as cards with their evidence. */
export async function engineTracks(
  ctx: ToolContext,
  input: { context?: string; seed?: string; novelty?: number; limit?: number },
): Promise<{ tracks: TrackCard[]; seedName: string | null }> {
  const seed = input.seed ? await historyTrackFor(ctx.listener, input.seed) : null;
  const seedTrack = seed ? seed.index.tracks[seed.id]! : null;
  const response = await recommendationsFor(ctx.listener, {
    ...(input.context ? { context: input.context } : {}),
    ...(seedTrack ? { seed: seedTrack.key } : {}),
    limit: input.limit ?? 10,
    novelty: input.novelty ?? 0.5,
    // recentDays left out: the listener's setting, as on Discover.
  });
  const tracks = response.items.map(trackCardOf);
  return { tracks, seedName: seedTrack ? seedTrack.name : null };
}

export function recommendTool(ctx: ToolContext) {
  return tool({
    description:
      "Recommend tracks from EchoTune's own engine, built on the listener's history and similar listeners. Optional context (mood, activity, era or time of day), a seed (a track or artist the listener knows: 'more like X'), novelty 0 (familiar) to 1 (new).",
    inputSchema: recommendInput,
    execute: async (input): Promise<TrackListOutput> => {
      const { tracks, seedName } = await engineTracks(ctx, input);
      const what = [input.context ? `for ${input.context}` : null, seedName ? `like “${seedName}”` : null].filter(Boolean).join(" ");
      const summary =
        tracks.length > 0
          ? `${tracks.length} picks${what ? ` ${what}` : ""}, starting with “${tracks[0]!.name}” by ${tracks[0]!.artist}.`
          : `No picks${what ? ` ${what}` : ""} right now: try another mood or fewer filters.`;
      return { tracks, dropped: 0, summary };
    },
  });
}
