import { z } from "zod";
import { importRowSchema, rejectionReasons } from "@/lib/ingest";

export { importParams } from "../schema";

const reasonCodes = Object.keys(rejectionReasons) as [keyof typeof rejectionReasons, ...Array<keyof typeof rejectionReasons>];

/** Well under Vercel's 4.5 MB request limit: about 1.5 MB of JSON per 5,000 rows. */
export const MAX_ROWS_PER_CHUNK = 5_000;

export const chunkBody = z.object({
  chunkId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "must be 1-128 letters, digits or ._:-"),
  rows: z.array(importRowSchema).max(MAX_ROWS_PER_CHUNK, `at most ${MAX_ROWS_PER_CHUNK} rows per chunk: split the file`),
  rejected: z.partialRecord(z.enum(reasonCodes), z.number().int().min(0)).default({}),
});
