import { z } from "zod";
import { CONTEXT_IDS } from "@/lib/reco";

export const recommendationsQuery = z.object({
  context: z.enum(CONTEXT_IDS as [string, ...string[]], { message: `must be one of ${CONTEXT_IDS.join(", ")}` }).optional(),
  seed: z.string().min(1).max(600).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
  novelty: z.coerce.number().min(0).max(1).default(0.3),
  recentDays: z.coerce.number().int().min(0).max(365).default(30),
});
