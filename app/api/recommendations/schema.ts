import { z } from "zod";
import { parseContexts } from "@/lib/reco";

export const recommendationsQuery = z.object({
  /** Context ids, comma-separated, at most one per kind (`chill,workout`); normalised to a list in kind order. */
  context: z
    .string()
    .max(200)
    .optional()
    .transform((value, issue) => {
      if (value === undefined) return undefined;
      const parsed = parseContexts(value);
      if (parsed.error !== undefined) {
        issue.addIssue({ code: "custom", message: parsed.error });
        return z.NEVER;
      }
      return parsed.contexts.map((context) => context.id);
    }),
  seed: z.string().min(1).max(600).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  novelty: z.coerce.number().min(0).max(1).default(0.3),
  /** Days of recent plays to leave out; without it, the listener's setting (30 unless they changed it). */
  recentDays: z.coerce.number().int().min(0).max(365).optional(),
});
