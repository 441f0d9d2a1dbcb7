import { z } from "zod";
import { DEFAULT_OPS_HOURS } from "@/lib/ops/client";

/** GET /api/ops?hours=24: the window of the counters, 1 minute to 15 days. */
export const opsQuery = z.object({
  hours: z.coerce
    .number({ error: "must be a number of hours" })
    .min(1 / 60, "must be at least 1 minute (0.0167 h)")
    .max(360, "must be at most 15 days (360 h)")
    .default(DEFAULT_OPS_HOURS),
});
