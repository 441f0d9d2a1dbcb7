import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { normaliseName } from "@/lib/listening";
import { listenerIndex } from "@/lib/insights";
import type { SearchHistoryOutput } from "../tool-outputs";
import type { ToolContext } from "./context";

const day = (epochMs: number) => new Date(epochMs).toISOString().slice(0, 10);

/** "Did I ever play X?": artists and tracks of the listener's history whose names contain the words. */
export function searchHistoryTool({ listener }: ToolContext) {
  return tool({
    description: "Search the listener's own play history for an artist or a track by name: plays, minutes, first and last play.",
    inputSchema: z.object({ query: z.string().trim().min(1).max(200) }),
    execute: async ({ query }): Promise<SearchHistoryOutput> => {
      const index = await listenerIndex(listener);
      const needle = normaliseName(query);
      const artistHit = new Set<number>();
      index.artists.forEach((artist, id) => {
        if (needle && artist.key.includes(needle)) artistHit.add(id);
      });
      const trackHit = new Set<number>();
      index.tracks.forEach((track, id) => {
        if (needle && normaliseName(track.name).includes(needle)) trackHit.add(id);
      });
      type Stat = { plays: number; ms: number; first: number; last: number };
      const stats = new Map<string, Stat>();
      const bump = (key: string, row: number) => {
        const at = index.playedAt[row]!;
        const stat = stats.get(key) ?? { plays: 0, ms: 0, first: at, last: at };
        stat.plays++;
        stat.ms += index.msPlayed[row]!;
        stat.first = Math.min(stat.first, at);
        stat.last = Math.max(stat.last, at);
        stats.set(key, stat);
      };
      for (let row = 0; row < index.count; row++) {
        const track = index.track[row]!;
        const artist = index.tracks[track]!.artist;
        if (artistHit.has(artist)) bump(`a${artist}`, row);
        if (trackHit.has(track)) bump(`t${track}`, row);
      }
      const matches = [...stats.entries()]
        .sort((a, b) => b[1].plays - a[1].plays)
        .slice(0, 8)
        .map(([key, stat]) => {
          const id = Number(key.slice(1));
          const isArtist = key.startsWith("a");
          const track = isArtist ? null : index.tracks[id]!;
          return {
            kind: isArtist ? ("artist" as const) : ("track" as const),
            name: isArtist ? index.artists[id]!.name : track!.name,
            artist: track ? (index.artists[track.artist]?.name ?? null) : null,
            plays: stat.plays,
            minutes: Math.round(stat.ms / 60_000),
            firstPlayedAt: day(stat.first),
            lastPlayedAt: day(stat.last),
          };
        });
      const top = matches[0];
      const summary = top
        ? `${top.kind === "artist" ? top.name : `“${top.name}” by ${top.artist}`}: ${top.plays} plays since ${top.firstPlayedAt}, last on ${top.lastPlayedAt}.`
        : `Nothing in your history matches “${query}”.`;
      return { query, matches, summary };
    },
  });
}
