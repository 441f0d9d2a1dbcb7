import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { dashboardFor, parseRangeParams } from "@/lib/insights";
import type { ListeningStatsOutput, RankedItem } from "../tool-outputs";
import type { ToolContext } from "./context";
import { listOf, minutesOf, rangeWords, units } from "./format";
import { rangeFields } from "./range";

const KIND_WORDS = { artist: "artist", track: "track", album: "album", genre: "genre" } as const;
type Kind = keyof typeof KIND_WORDS;

/** "2,046 plays (6,120 minutes)" or, ranked by time, "6,120 minutes (2,046 plays)". */
function measure(item: { plays: number; minutes: number }, by: "plays" | "time"): string {
  return by === "time"
    ? `${units(item.minutes, "minute")} (${units(item.plays, "listen")})`
    : `${units(item.plays, "listen")} (${units(item.minutes, "minute")})`;
}

const named = (item: RankedItem) => (item.artist ? `“${item.name}” by ${item.artist}` : item.name);

const listeningStatsInput = zodSchema(
  z.object({
    ...rangeFields,
    by: z.enum(["plays", "time"]).optional().describe("rank by plays (default) or by minutes listened"),
    kind: z.enum(["artist", "track", "album", "genre"]).optional().describe("which top list the question is about"),
  }),
);

/**
 * "Who is my top artist of all time?", "What did I play most in March 2023?": the range's totals
 * and its top artists, tracks, albums (and genres where known), ranked exactly as the dashboard
 * ranks them (by plays or by minutes), with the numbers the dashboard shows.
 */
export function listeningStatsTool({ listener }: ToolContext) {
  return tool({
    description:
      "The listener's own listening statistics for a date range, computed like the dashboard: total minutes and plays, and the top artists, tracks, albums and genres ranked by plays (default) or by minutes. `kind` says which list the question is about. Quote the summary's numbers as given.",
    inputSchema: listeningStatsInput,
    execute: async ({ range, from, to, by = "plays", kind }): Promise<ListeningStatsOutput> => {
      const spec = parseRangeParams({ range, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const data = await dashboardFor(listener, { range: spec, by });
      const ranked = (items: typeof data.top.artists): RankedItem[] =>
        items.slice(0, 5).map((item) => ({
          name: item.name,
          ...(item.artist === undefined ? {} : { artist: item.artist }),
          plays: item.plays,
          minutes: minutesOf(item.msPlayed),
        }));
      const topArtists = ranked(data.top.artists);
      const topTracks = ranked(data.top.tracks);
      const topAlbums = ranked(data.top.albums);
      const topGenres = (data.genres ?? [])
        .slice(0, 5)
        .map((genre) => ({ name: genre.genre, share: Math.round(genre.share * 1000) / 1000 }));
      const minutes = minutesOf(data.totals.msPlayed);
      const rangeInfo = { label: data.range.label, fromDate: data.range.fromDate, toDate: data.range.toDate };
      const when = rangeWords(rangeInfo);
      const order = by === "time" ? "by minutes listened" : "by listens";
      let summary: string;
      if (data.totals.listens === 0) {
        summary = `You have no listens ${when}.`;
      } else {
        const lists: Record<Exclude<Kind, "genre">, RankedItem[]> = { artist: topArtists, track: topTracks, album: topAlbums };
        const sentences = [
          `${when.charAt(0).toUpperCase()}${when.slice(1)} you listened for ${units(minutes, "minute")} over ${units(data.totals.listens, "listen")} (${units(data.totals.plays, "play")} in all, skips included).`,
        ];
        const lead = (which: Exclude<Kind, "genre">) => {
          const items = lists[which];
          if (!items[0]) return;
          const rest = items.slice(1, 5).map((item) => `${named(item)} (${measure(item, by).replace(/ \(.*\)$/, "")})`);
          sentences.push(
            `Your top ${KIND_WORDS[which]} ${order} was ${named(items[0])} with ${measure(items[0], by)}.` +
              (rest.length > 0 && kind === which ? ` Then ${listOf(rest)}.` : ""),
          );
        };
        if (kind === "genre") {
          if (topGenres[0])
            sentences.push(
              `Your top genre by listening time was ${topGenres[0].name} (${Math.round(topGenres[0].share * 100)}% of the time of artists with known genres)` +
                (topGenres.length > 1
                  ? `, then ${listOf(topGenres.slice(1, 4).map((genre) => `${genre.name} (${Math.round(genre.share * 100)}%)`))}.`
                  : "."),
            );
          else sentences.push("Genres are not known for the artists you played then.");
        } else if (kind) lead(kind);
        else {
          lead("artist");
          lead("track");
        }
        summary = sentences.join(" ");
      }
      return {
        range: rangeInfo,
        by,
        kind: kind ?? null,
        totals: { minutes, plays: data.totals.listens, artists: data.totals.artists, tracks: data.totals.tracks },
        topArtists,
        topTracks,
        topAlbums,
        topGenres,
        busiestHour: data.clock.busiestHour >= 0 ? data.clock.busiestHour : null,
        summary,
      };
    },
  });
}
