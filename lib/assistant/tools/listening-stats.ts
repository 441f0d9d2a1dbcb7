import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { dashboardFor } from "@/lib/insights";
import { parseRangeParams } from "@/lib/insights";
import type { ListeningStatsOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const MINUTE = 60_000;

/** "What did I play most last winter?": totals and top artists and tracks for a range of the listener's plays. */
export function listeningStatsTool({ listener }: ToolContext) {
  return tool({
    description:
      "The listener's own listening statistics for a date range: minutes, plays, top artists and top tracks, busiest hour. Use range 4w, 6m, 1y or all, or custom with from/to dates (YYYY-MM-DD, inclusive) for seasons, months or years.",
    inputSchema: z.object({
      range: z.enum(["4w", "6m", "1y", "all", "custom"]),
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      to: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
      by: z.enum(["plays", "time"]).optional(),
    }),
    execute: async ({ range, from, to, by }): Promise<ListeningStatsOutput> => {
      const spec = parseRangeParams({ range, ...(from ? { from } : {}), ...(to ? { to } : {}) });
      const data = await dashboardFor(listener, { range: spec, by: by ?? "plays" });
      const topArtists = data.top.artists
        .slice(0, 5)
        .map((item) => ({ name: item.name, plays: item.plays, minutes: Math.round(item.msPlayed / MINUTE) }));
      const topTracks = data.top.tracks
        .slice(0, 5)
        .map((item) => ({ name: item.name, artist: item.artist ?? "", plays: item.plays, minutes: Math.round(item.msPlayed / MINUTE) }));
      const minutes = Math.round(data.totals.msPlayed / MINUTE);
      // Presets get their dates spelled out ("Last 4 weeks (…)"); custom labels are the dates already.
      const label = "preset" in spec ? `${data.range.label} (${data.range.fromDate} to ${data.range.toDate})` : data.range.label;
      const first = topArtists[0];
      const summary =
        data.totals.plays === 0
          ? `${label}: no plays.`
          : `${label}: ${minutes.toLocaleString("en")} minutes over ${data.totals.plays.toLocaleString("en")} plays. ` +
            (first ? `Your top artist was ${first.name} with ${first.plays} plays` : "") +
            (topTracks[0] ? `, and your top track “${topTracks[0].name}” by ${topTracks[0].artist} (${topTracks[0].plays} plays).` : ".");
      return {
        range: { label: data.range.label, fromDate: data.range.fromDate, toDate: data.range.toDate },
        totals: { minutes, plays: data.totals.plays, artists: data.totals.artists, tracks: data.totals.tracks },
        topArtists,
        topTracks,
        busiestHour: data.clock.busiestHour >= 0 ? data.clock.busiestHour : null,
        summary,
      };
    },
  });
}
