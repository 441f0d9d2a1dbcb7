import { z } from "zod";
import { canonicalTimeZone, RECENT_DAYS_MAX, THRESHOLD_BOUNDS_MS } from "@/lib/listener";

const timeZone = z
  .string()
  .max(64)
  .refine((zone) => canonicalTimeZone(zone) !== null, { message: "Use an IANA time zone name such as Europe/Berlin." });

/**
 * A change to the listener's settings: any of them, at least one. Unknown fields are refused
 * (a misspelt field would otherwise look saved). `browserTimeZone` is what the browser reports at
 * first sign-in: it fills a zone never chosen, and cannot come with a chosen `timeZone`.
 */
export const settingsPatch = z
  .strictObject({
    timeZone: timeZone.optional(),
    browserTimeZone: timeZone.optional(),
    listenThresholdMs: z
      .number()
      .int()
      .min(THRESHOLD_BOUNDS_MS.min, "A listen needs at least 5 s (5000 ms).")
      .max(THRESHOLD_BOUNDS_MS.max, "A listen needs at most 5 minutes (300000 ms).")
      .multipleOf(1000, "Use whole seconds, in milliseconds (30000 is 30 s).")
      .optional(),
    allowExplicit: z.boolean().optional(),
    recentDays: z.number().int().min(0).max(RECENT_DAYS_MAX, `Use at most ${RECENT_DAYS_MAX} days.`).optional(),
  })
  .refine((patch) => Object.values(patch).some((value) => value !== undefined), { message: "Send at least one setting to change." })
  .refine((patch) => patch.timeZone === undefined || patch.browserTimeZone === undefined, {
    message: "Send timeZone (the listener's choice) or browserTimeZone (the browser's guess), not both.",
    path: ["browserTimeZone"],
  });
