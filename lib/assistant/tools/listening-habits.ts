import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { clock, discovery, sessions, skips, streaks } from "@/lib/insights";
import { localDateString } from "@/lib/listening";
import type { FactsOutput } from "../tool-outputs";
import type { ToolContext } from "./context";
import { count, dayLabel, hourLabel, listOf, minutesOf, rangeWords, units, WEEKDAY_NAMES } from "./format";
import { rangeFields, rangeFor } from "./range";

const TOPICS = ["clock", "weekdays", "streaks", "skips", "sessions", "discovery"] as const;
type Topic = (typeof TOPICS)[number];

const TITLES: Record<Topic, string> = {
  clock: "When you listen",
  weekdays: "Your listening week",
  streaks: "Listening streaks",
  skips: "Skips",
  sessions: "Listening sessions",
  discovery: "New music",
};

const capital = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
const percent = (share: number) => `${Math.round(share * 100)}%`;

const listeningHabitsInput = zodSchema(z.object({ topic: z.enum(TOPICS), ...rangeFields }));

/**
 * Habits over a range, computed by the dashboard's own widgets: when (hours, weekdays), streaks of
 * days in a row, skips, sessions, and new artists and tracks.
 */
export function listeningHabitsTool({ listener }: ToolContext) {
  return tool({
    description:
      "The listener's habits in a date range, computed like the dashboard: clock (busiest hours), weekdays, streaks (longest ever, longest in the range, current), skips (rate and most skipped tracks), sessions (count and typical length), discovery (new artists and tracks). Quote the summary's numbers as given.",
    inputSchema: listeningHabitsInput,
    execute: async ({ topic, ...rangeInput }): Promise<FactsOutput> => {
      const { index, q, info, now } = await rangeFor(listener, rangeInput);
      const when = rangeWords(info);
      const base = { title: TITLES[topic], range: info };
      if (index.count === 0)
        return {
          ...base,
          facts: [],
          rows: [],
          summary: "There is no listening history yet: import your Spotify history or connect Spotify.",
        };
      switch (topic) {
        case "clock":
        case "weekdays": {
          const data = clock(index, q);
          const hourMs = Array.from({ length: 24 }, (_, hour) => data.cells.reduce((sum, row) => sum + (row[hour] ?? 0), 0));
          const dayMs = data.cells.map((row) => row.reduce((sum, value) => sum + value, 0));
          const total = hourMs.reduce((sum, value) => sum + value, 0);
          if (total === 0 || data.busiestHour < 0) return { ...base, facts: [], rows: [], summary: `You have no listens ${when}.` };
          const hours = [...hourMs.keys()].sort((a, b) => hourMs[b]! - hourMs[a]! || a - b).slice(0, 3);
          const days = [...dayMs.keys()].sort((a, b) => dayMs[b]! - dayMs[a]! || a - b);
          const weekendShare = (dayMs[5]! + dayMs[6]!) / total;
          const facts = [
            { label: "Busiest hour", value: hourLabel(data.busiestHour) },
            { label: "Busiest day", value: WEEKDAY_NAMES[data.busiestWeekday] ?? "" },
            { label: "Weekend share", value: percent(weekendShare) },
          ];
          const summary =
            topic === "clock"
              ? `${capital(when)} you listened most between ${hourLabel(data.busiestHour)} (${percent(hourMs[data.busiestHour]! / total)} of your listening time), then ${listOf(hours.slice(1).map((hour) => hourLabel(hour)))}. Your busiest day is ${WEEKDAY_NAMES[data.busiestWeekday]}.`
              : `${capital(when)} your busiest day was ${WEEKDAY_NAMES[days[0]!]} (${percent(dayMs[days[0]!]! / total)} of your listening time) and your quietest ${WEEKDAY_NAMES[days.at(-1)!]} (${percent(dayMs[days.at(-1)!]! / total)}); weekends are ${percent(weekendShare)} of it.`;
          const rows =
            topic === "clock"
              ? hours.map((hour) => ({ name: hourLabel(hour), value: units(minutesOf(hourMs[hour]!), "minute") }))
              : days.map((day) => ({ name: WEEKDAY_NAMES[day]!, value: units(minutesOf(dayMs[day]!), "minute") }));
          return { ...base, facts, rows, rowsTitle: "By listening time", summary };
        }
        case "streaks": {
          // The dashboard's three streaks, from one set of listen days: they cannot contradict.
          const inRange = streaks(index, q, { now });
          const longest = inRange.longestEver;
          const current = inRange.current;
          const facts = [
            { label: "Longest ever", value: longest ? units(longest.days, "day") : "none" },
            { label: "Current", value: current ? units(current.days, "day") : "none" },
          ];
          const sentences: string[] = [];
          if (longest)
            sentences.push(
              `Your longest streak ever is ${units(longest.days, "day")} in a row, from ${dayLabel(longest.start)} to ${dayLabel(longest.end)}.`,
            );
          else sentences.push("You have no streak of days with a listen yet.");
          if (info.label !== "All time" && inRange.longest) {
            facts.push({ label: `Longest ${when}`, value: units(inRange.longest.days, "day") });
            sentences.push(
              `Your longest ${when} was ${units(inRange.longest.days, "day")} (${dayLabel(inRange.longest.start)} – ${dayLabel(inRange.longest.end)}).`,
            );
          }
          sentences.push(
            current
              ? `Your current streak is ${units(current.days, "day")}, since ${dayLabel(current.start)}.`
              : "You have no streak running right now: listen today to start one.",
          );
          return { ...base, facts, rows: [], summary: sentences.join(" ") };
        }
        case "skips": {
          const data = skips(index, q, { limit: 5 });
          const rows = data.mostSkipped.map((track) => ({
            name: track.name,
            detail: track.artist,
            value: `${units(track.skips, "skip")} of ${units(track.plays, "play")}`,
          }));
          const lead = data.mostSkipped[0];
          const summary = lead
            ? `${capital(when)} you skipped ${percent(data.rate)} of your plays. Your most skipped track is “${lead.name}” by ${lead.artist}, skipped ${units(lead.skips, "time")} out of ${units(lead.plays, "play")}` +
              (data.mostSkipped.length > 1
                ? `, then ${listOf(data.mostSkipped.slice(1, 3).map((track) => `“${track.name}” (${units(track.skips, "skip")})`))}.`
                : ".")
            : `${capital(when)} you skipped ${percent(data.rate)} of your plays, and no track was skipped often enough to stand out.`;
          return { ...base, facts: [{ label: "Skip rate", value: percent(data.rate) }], rows, rowsTitle: "Most skipped", summary };
        }
        case "sessions": {
          const data = sessions(index, q, { limit: 3 });
          if (data.count === 0) return { ...base, facts: [], rows: [], summary: `You have no listens ${when}.` };
          const typical = minutesOf(data.medianMs);
          const rows = data.longest.map((session) => ({
            name: dayLabel(localDateString(session.start, listener.settings.timeZone)),
            detail: session.topArtist,
            value: units(minutesOf(session.end - session.start), "minute"),
          }));
          const summary = `${capital(when)} you had ${units(data.count, "session")} (a session ends after 30 minutes without music); a typical session (the median) lasts ${units(typical, "minute")}, and your longest lasted ${units(minutesOf((data.longest[0]?.end ?? 0) - (data.longest[0]?.start ?? 0)), "minute")}.`;
          return {
            ...base,
            facts: [
              { label: "Sessions", value: count(data.count) },
              { label: "Typical length", value: units(typical, "minute") },
            ],
            rows,
            rowsTitle: "Longest sessions",
            summary,
          };
        }
        case "discovery": {
          const data = discovery(index, q);
          const found = { artists: data.newArtists, tracks: data.newTracks };
          const summary = `${capital(when)} you found ${units(found.artists, "new artist")} and ${units(found.tracks, "new track")} (first listened to ever).`;
          return {
            ...base,
            facts: [
              { label: "New artists", value: count(found.artists) },
              { label: "New tracks", value: count(found.tracks) },
            ],
            rows: [],
            summary,
          };
        }
      }
    },
  });
}
