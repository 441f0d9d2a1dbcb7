import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { localDateString, normaliseName } from "@/lib/listening";
import type { SearchHistoryOutput } from "../tool-outputs";
import type { ToolContext } from "./context";
import { dayLabel, minutesOf, rangeWords, units } from "./format";
import { rangeFields, rangeFor } from "./range";

type Stat = { plays: number; ms: number; allPlays: number; first: number; last: number };

/** How well an item's name answers the query: 3 exact, 2 starts with it, 1 contains it, 0 not at all. */
function closeness(name: string, needle: string): number {
  if (!needle) return 0;
  if (name === needle) return 3;
  if (name.startsWith(`${needle} `) || name.startsWith(`${needle} (`)) return 2;
  return name.includes(needle) ? 1 : 0;
}

const searchHistoryInput = zodSchema(
  z.object({
    query: z.string().trim().min(1).max(200),
    ask: z.enum(["plays", "minutes", "first", "last"]).optional(),
    ...rangeFields,
    range: rangeFields.range.optional(),
  }),
);

/**
 * "How many times did I play X?", "When did I first listen to Y?": the artists and tracks of the
 * listener's history that match a name, with plays and minutes in a range (all time by default)
 * and their first and last listen ever. A play counts from the listen threshold, as on every page;
 * exact names come before partial ones, then the most played.
 */
export function searchHistoryTool({ listener }: ToolContext) {
  return tool({
    description:
      'Look up one artist or track ("Song", "Song by Artist" or an artist) in the listener\'s own history: plays and minutes in a range (all time by default), and the first and last listen. `ask` says which fact the question is about. Quote the summary\'s numbers as given.',
    inputSchema: searchHistoryInput,
    execute: async ({ query, ask = "plays", ...rangeInput }): Promise<SearchHistoryOutput> => {
      const { index, q, info } = await rangeFor(listener, rangeInput);
      const [titlePart, artistPart] = query.split(/\s+by\s+/i);
      const needle = normaliseName(query);
      const title = normaliseName(titlePart ?? "");
      const artistNeedle = artistPart ? normaliseName(artistPart) : null;
      const artistScore = new Map<number, number>();
      index.artists.forEach((artist, id) => {
        const score = closeness(artist.key, artistNeedle ?? needle);
        if (score > 0 && !artistNeedle) artistScore.set(id, score);
      });
      const trackScore = new Map<number, number>();
      index.tracks.forEach((track, id) => {
        const score = closeness(normaliseName(track.name), artistNeedle ? title : needle);
        if (score === 0) return;
        if (artistNeedle && closeness(index.artists[track.artist]?.key ?? "", artistNeedle) === 0) return;
        trackScore.set(id, score);
      });
      const stats = new Map<string, Stat>();
      const threshold = q.listenThresholdMs;
      const bump = (key: string, row: number) => {
        let stat = stats.get(key);
        if (!stat) {
          stat = { plays: 0, ms: 0, allPlays: 0, first: Number.NaN, last: Number.NaN };
          stats.set(key, stat);
        }
        const at = index.playedAt[row]!;
        const played = index.msPlayed[row]!;
        const inRange = at >= q.from && at < q.to;
        if (inRange) stat.ms += played;
        if (played < threshold) return;
        stat.allPlays++;
        if (inRange) stat.plays++;
        if (Number.isNaN(stat.first)) stat.first = at;
        stat.last = at;
      };
      if (artistScore.size > 0 || trackScore.size > 0)
        for (let row = 0; row < index.count; row++) {
          const track = index.track[row]!;
          if (artistScore.has(index.artist[row]!)) bump(`a${index.artist[row]}`, row);
          if (trackScore.has(track)) bump(`t${track}`, row);
        }
      const scoreOf = (key: string) => (key.startsWith("a") ? artistScore : trackScore).get(Number(key.slice(1))) ?? 0;
      const zone = listener.settings.timeZone;
      const matches = [...stats.entries()]
        .filter(([, stat]) => stat.allPlays > 0 || stat.ms > 0)
        .sort((a, b) => scoreOf(b[0]) - scoreOf(a[0]) || b[1].allPlays - a[1].allPlays || b[1].ms - a[1].ms)
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
            minutes: minutesOf(stat.ms),
            firstPlayedAt: Number.isNaN(stat.first) ? null : localDateString(stat.first, zone),
            lastPlayedAt: Number.isNaN(stat.last) ? null : localDateString(stat.last, zone),
          };
        });
      const top = matches[0];
      const when = rangeWords(info);
      let summary: string;
      if (!top) summary = `Nothing in your history matches “${query}”.`;
      else {
        const who = top.kind === "artist" ? top.name : `“${top.name}” by ${top.artist}`;
        const firstLast =
          top.firstPlayedAt && top.lastPlayedAt
            ? `first listen on ${dayLabel(top.firstPlayedAt)}, last on ${dayLabel(top.lastPlayedAt)}`
            : "never played for long enough to count as a listen";
        summary =
          ask === "first" && top.firstPlayedAt
            ? `You first listened to ${who} on ${dayLabel(top.firstPlayedAt)}; ${units(top.plays, "listen")} ${when}, last on ${dayLabel(top.lastPlayedAt!)}.`
            : ask === "last" && top.lastPlayedAt
              ? `You last listened to ${who} on ${dayLabel(top.lastPlayedAt)}; ${units(top.plays, "listen")} ${when}, first on ${dayLabel(top.firstPlayedAt!)}.`
              : ask === "minutes"
                ? `You listened to ${who} for ${units(top.minutes, "minute")} over ${units(top.plays, "listen")} ${when}; ${firstLast}.`
                : `You listened to ${who} ${units(top.plays, "time")} ${when} (${units(top.plays, "listen")}, ${units(top.minutes, "minute")}); ${firstLast}.`;
      }
      return { query, range: info, matches, summary };
    },
  });
}
