import "server-only";
import type { ImportRow, RejectionReason } from "./rows";
import { parseExportEntry, type ExportEntry, type ParsedFile } from "./parse";
import { completeImport, createImport, receiveChunk, type ImportReport } from "./jobs";

export const CHUNK_ROWS = 5_000;

export interface ParsedExport {
  files: ParsedFile[];
  rows: ImportRow[];
  rejected: Partial<Record<RejectionReason, number>>;
  rowsRead: number;
}

/** Parses every file and sorts the rows by time, as the browser worker does before uploading. */
export function parseExport(files: ExportEntry[], now = new Date()): ParsedExport {
  const parsed = files.map((file) => parseExportEntry(file, { now }));
  const rows = parsed.flatMap((file) => file.rows);
  rows.sort((a, b) => (a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : 0));
  const rejected: Partial<Record<RejectionReason, number>> = {};
  for (const file of parsed) {
    for (const [reason, count] of Object.entries(file.rejected) as Array<[RejectionReason, number]>)
      if (count) rejected[reason] = (rejected[reason] ?? 0) + count;
  }
  return { files: parsed, rows, rejected, rowsRead: parsed.reduce((sum, file) => sum + file.rowsRead, 0) };
}

/** The whole server-side import: one job, chunks of 5,000 rows, the same pipeline as the API. */
export async function importParsed(userId: string, parsed: ParsedExport, onProgress?: (rowsDone: number) => void): Promise<ImportReport> {
  const job = await createImport(
    userId,
    parsed.files.map((file) => ({
      name: file.name,
      kind: file.kind,
      rows: file.rowsRead,
      ...(file.message || file.error ? { message: (file.error?.message ?? file.message ?? "").slice(0, 1000) } : {}),
    })),
  );
  for (let start = 0, index = 0; start < parsed.rows.length; start += CHUNK_ROWS, index += 1) {
    await receiveChunk(userId, job.id, { chunkId: `cli-${index}`, rows: parsed.rows.slice(start, start + CHUNK_ROWS), rejected: {} });
    onProgress?.(Math.min(parsed.rows.length, start + CHUNK_ROWS));
  }
  await receiveChunk(userId, job.id, { chunkId: "cli-rejected", rows: [], rejected: parsed.rejected });
  return completeImport(userId, job.id);
}
