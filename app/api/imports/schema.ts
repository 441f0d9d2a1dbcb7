import { z } from "zod";

export const createImportBody = z.object({
  files: z
    .array(
      z.object({
        name: z.string().min(1).max(300),
        kind: z.string().min(1).max(40),
        rows: z.number().int().min(0),
        message: z.string().max(1000).optional(),
      }),
    )
    .min(1, "name at least one file")
    .max(200),
});
