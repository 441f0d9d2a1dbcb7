import { z } from "zod";

/** POST /api/ops/models/rollback: back to `toVersion`, or to the newest earlier version that passed the gate. */
export const rollbackBody = z.object({
  toVersion: z.number().int("must be a whole version number").min(1).optional(),
  reason: z.string().trim().min(3, "Say why, in a few words: it is kept with the model's history.").max(300),
});
