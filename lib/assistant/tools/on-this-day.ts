import "server-only";
import { tool, zodSchema } from "ai";
import { z } from "zod";
import { listenerIndex, listenerNow, onThisDay } from "@/lib/insights";
import { localDateString } from "@/lib/listening";
import type { FactsOutput } from "../tool-outputs";
import type { ToolContext } from "./context";
import { dayLabel, units } from "./format";

const onThisDayInput = zodSchema(
  z.object({
    date: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional()
      .describe("YYYY-MM-DD; today when left out"),
  }),
);

/** "On this day": what the listener played on today's date in earlier years, as on the dashboard. */
export function onThisDayTool({ listener }: ToolContext) {
  return tool({
    description:
      "What the listener played on a date (today by default) in earlier years: plays and top tracks per year, newest first. Quote the summary's numbers as given.",
    inputSchema: onThisDayInput,
    execute: async ({ date }): Promise<FactsOutput> => {
      const index = await listenerIndex(listener);
      const day = date ?? localDateString(listenerNow(listener), listener.settings.timeZone);
      const years = onThisDay(index, {
        date: day,
        timeZone: listener.settings.timeZone,
        listenThresholdMs: listener.settings.listenThresholdMs,
        limit: 3,
      });
      const label = dayLabel(day).replace(/ \d+$/, "");
      const rows = years.map((year) => ({
        name: String(year.year),
        ...(year.tracks[0] ? { detail: `“${year.tracks[0].name}” by ${year.tracks[0].artist}` } : {}),
        value: units(year.plays, "listen"),
      }));
      const latest = years[0];
      const summary = latest
        ? `On ${label} ${latest.year} you had ${units(latest.plays, "listen")}` +
          (latest.tracks[0]
            ? `, most of all “${latest.tracks[0].name}” by ${latest.tracks[0].artist} (${units(latest.tracks[0].plays, "listen")})`
            : "") +
          `.${years.length > 1 ? ` You listened on this day in ${units(years.length, "earlier year")}.` : ""}`
        : `You have no listens on ${label} in earlier years.`;
      return {
        title: `On this day: ${label}`,
        range: null,
        facts: [{ label: "Years with listens", value: String(years.length) }],
        rows,
        rowsTitle: "By year",
        summary,
      };
    },
  });
}
