import "server-only";
import { z } from "zod";
import { listenerIndex, listenerNow, parseRangeParams, resolveRange, type InsightQuery, type ListeningIndex } from "@/lib/insights";
import type { ListenerProfile } from "@/lib/listener";
import type { RangeInfo } from "../tool-outputs";

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date, YYYY-MM-DD")
  .optional();

/** The range every stats tool takes: a dashboard preset, or inclusive local dates. */
export const rangeFields = {
  range: z.enum(["4w", "6m", "1y", "all", "custom"]).describe("4w, 6m, 1y (last 12 months), all, or custom with from/to"),
  from: date,
  to: date,
};
export const rangeSchema = z.object(rangeFields);
export type RangeFields = z.infer<typeof rangeSchema>;

/** A range resolved for a listener the way the dashboard resolves it: the same days, the same rows. */
export async function rangeFor(
  listener: ListenerProfile,
  input: Partial<RangeFields>,
): Promise<{ index: ListeningIndex; q: InsightQuery; info: RangeInfo; now: number }> {
  const index = await listenerIndex(listener);
  const now = listenerNow(listener);
  const spec = parseRangeParams({
    range: input.range ?? "all",
    ...(input.from ? { from: input.from } : {}),
    ...(input.to ? { to: input.to } : {}),
  });
  const range = resolveRange(spec, listener.settings.timeZone, now, index);
  const q = {
    from: range.from,
    to: range.to,
    timeZone: listener.settings.timeZone,
    listenThresholdMs: listener.settings.listenThresholdMs,
  };
  return { index, q, info: infoOf(range), now };
}

/** The words a range goes by in an answer: "All time (2 Nov 2018 – 2 Dec 2026)", "1 Mar 2023 – 31 Mar 2023". */
export function infoOf(range: RangeInfo): RangeInfo {
  return { label: range.label, fromDate: range.fromDate, toDate: range.toDate };
}
