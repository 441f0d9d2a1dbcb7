import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { dashboardFor } from "@/lib/insights";
import { demoCatalogPort, spotifyCatalogPort } from "@/lib/reco";
import type { TasteOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const pad = (hour: number) => `${String(hour).padStart(2, "0")}:00`;
const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

const explainTasteInput = zodSchema(z.object({}));

/** "Explain my taste": who and what dominates all-time listening, genres, decades, habits. */
export function explainTasteTool({ listener, client }: ToolContext) {
  return tool({
    description:
      "Describe the listener's taste from all their plays: top artists with their share, genres, release decades and listening habits.",
    inputSchema: explainTasteInput,
    execute: async (): Promise<TasteOutput> => {
      const data = await dashboardFor(listener, { range: { preset: "all" }, by: "time" });
      const total = Math.max(1, data.totals.msPlayed);
      const topArtists = data.top.artists
        .slice(0, 5)
        .map((item) => ({ name: item.name, share: Math.round((item.msPlayed / total) * 1000) / 1000 }));
      const topGenres = (data.genres ?? [])
        .slice(0, 5)
        .map((genre) => ({ name: genre.genre, share: Math.round(genre.share * 1000) / 1000 }));
      // Release decades of the top tracks, from the catalogue.
      const catalog = listener.isDemo ? demoCatalogPort() : spotifyCatalogPort(client);
      const ids = data.top.tracks
        .map((item) => (item.key.startsWith("spotify:track:") ? item.key.slice(14) : null))
        .filter((id): id is string => id !== null);
      const facts = ids.length > 0 ? await catalog.tracks(ids).catch(() => new Map()) : new Map();
      const decadeMs = new Map<string, number>();
      let dated = 0;
      for (const item of data.top.tracks) {
        const year = facts.get(item.key.slice(14))?.releaseYear as number | null | undefined;
        if (!year) continue;
        const decade = `${Math.floor(year / 10) * 10}s`;
        decadeMs.set(decade, (decadeMs.get(decade) ?? 0) + item.msPlayed);
        dated += item.msPlayed;
      }
      const decades = [...decadeMs.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([decade, ms]) => ({ decade, share: Math.round((ms / Math.max(1, dated)) * 1000) / 1000 }));
      const habits: string[] = [];
      if (data.clock.busiestHour >= 0)
        habits.push(
          `Busiest hour: ${pad(data.clock.busiestHour)}–${pad((data.clock.busiestHour + 1) % 24)}, busiest day ${WEEKDAYS[data.clock.busiestWeekday] ?? ""}.`,
        );
      habits.push(`Skips ${Math.round(data.skips.rate * 100)}% of plays.`);
      if (data.sessions.count > 0)
        habits.push(
          `${data.sessions.count.toLocaleString("en")} sessions, typically ${Math.round(data.sessions.medianMs / 60_000)} minutes.`,
        );
      if (data.streaks.longest) habits.push(`Longest daily streak: ${data.streaks.longest.days} days.`);
      const lead = topArtists[0];
      const summary = lead
        ? `Over all your plays, ${lead.name} leads with ${Math.round(lead.share * 100)}% of your time` +
          (topGenres[0] ? `; ${topGenres[0].name} is your main genre (${Math.round(topGenres[0].share * 100)}%)` : "") +
          (decades[0] ? `; your favourite tracks are mostly from the ${decades[0].decade}` : "") +
          "."
        : "There is no listening history yet to describe: import your Spotify history or connect Spotify.";
      return { summary, topArtists, topGenres, decades, habits };
    },
  });
}
