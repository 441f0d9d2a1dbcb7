import { z } from "zod";
import { importRowSchema, rejectionReasons } from "@/lib/ingest/rows";

const reasonCodes = Object.keys(rejectionReasons) as [keyof typeof rejectionReasons, ...Array<keyof typeof rejectionReasons>];

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

/** Well under Vercel's 4.5 MB request limit: about 1.5 MB of JSON per 5,000 rows. */
export const MAX_ROWS_PER_CHUNK = 5_000;

export const chunkBody = z.object({
  chunkId: z.string().regex(/^[A-Za-z0-9._:-]{1,128}$/, "must be 1-128 letters, digits or ._:-"),
  rows: z.array(importRowSchema).max(MAX_ROWS_PER_CHUNK, `at most ${MAX_ROWS_PER_CHUNK} rows per chunk: split the file`),
  rejected: z.partialRecord(z.enum(reasonCodes), z.number().int().min(0)).default({}),
});

export const importParams = z.object({ id: z.uuid({ error: "is not an import id" }) });

export const completeBody = z.object({ status: z.enum(["completed", "cancelled"]).default("completed") }).default({ status: "completed" });
