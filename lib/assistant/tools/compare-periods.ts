import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { topItems, totals } from "@/lib/insights";
import type { FactsOutput } from "../tool-outputs";
import type { ToolContext } from "./context";
import { minutesOf, rangeWords, units } from "./format";
import { rangeFor, rangeSchema, type RangeFields } from "./range";

const comparePeriodsInput = zodSchema(z.object({ first: rangeSchema, second: rangeSchema }));

/** "2023 vs 2024": minutes, plays and the top artist of two ranges, side by side. */
export function comparePeriodsTool({ listener }: ToolContext) {
  return tool({
    description:
      "Compare two date ranges of the listener's history: minutes, plays, artists and the top artist of each. Quote the summary's numbers as given.",
    inputSchema: comparePeriodsInput,
    execute: async ({ first, second }): Promise<FactsOutput> => {
      const side = async (input: RangeFields) => {
        const { index, q, info } = await rangeFor(listener, input);
        const sums = totals(index, q);
        const [top] = topItems(index, q, { kind: "artist", by: "plays", limit: 1 });
        return { info, when: rangeWords(info), minutes: minutesOf(sums.msPlayed), plays: sums.listens, artists: sums.artists, top };
      };
      const a = await side(first);
      const b = await side(second);
      const change = a.minutes === 0 ? null : Math.round(((b.minutes - a.minutes) / a.minutes) * 100);
      const topOf = (s: typeof a) => (s.top ? `${s.top.name} (${units(s.top.plays, "listen")})` : "nobody");
      const amount = (s: typeof a) => (s.plays === 0 ? "no listens" : `${units(s.minutes, "minute")} over ${units(s.plays, "listen")}`);
      const summary =
        `${a.when.charAt(0).toUpperCase()}${a.when.slice(1)}: ${amount(a)}; ${b.when}: ${amount(b)}` +
        (change === null ? "." : ` (${change >= 0 ? "+" : ""}${change}% minutes).`) +
        ` Top artist: ${topOf(a)} then, ${topOf(b)} later.`;
      return {
        title: "Two periods compared",
        range: null,
        facts: [
          { label: a.info.label, value: units(a.minutes, "minute") },
          { label: b.info.label, value: units(b.minutes, "minute") },
        ],
        rows: [a, b].map((s) => ({
          name: s.info.label,
          detail: `top artist ${topOf(s)}`,
          value: `${units(s.plays, "listen")} · ${units(s.artists, "artist")}`,
        })),
        rowsTitle: "Side by side",
        summary,
      };
    },
  });
}
