import { z } from "zod";

export const healthQuery = z.object({
  ready: z
    .enum(["1", "true", "0", "false"], { error: "must be 1 or 0" })
    .optional()
    .transform((value) => value === "1" || value === "true"),
});
