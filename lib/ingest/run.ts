import "server-only";
import { getStore } from "@/lib/db";
import { storedPlayKeys } from "@/lib/listening";
import type { ImportRow, RejectionReason } from "./rows";
import { parseExportEntry, type ExportEntry, type ParsedFile } from "./parse";
import { addImportFile, completeImport, createImport, receiveChunk, type ImportReport } from "./jobs";

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

/**
 * Where chunks of about `size` rows of a time-sorted file start and end: each runs on to the end
 * of its last row's UTC day, so no day spans two chunks. Each chunk then inserts its days' rollups
 * whole, where a day cut in two took an update of the first chunk's (on FerretDB v1 an update by
 * id reads the whole collection: 218 of them were 15 s of a 300,000-play import).
 */
export function dayChunks(rows: readonly Pick<ImportRow, "endedAt">[], size: number): Array<[start: number, end: number]> {
  const chunks: Array<[number, number]> = [];
  let start = 0;
  while (start < rows.length) {
    let end = Math.min(start + size, rows.length);
    // `endedAt` is ISO 8601 in UTC: its first ten characters are the day.
    const day = rows[end - 1]!.endedAt.slice(0, 10);
    while (end < rows.length && rows[end]!.endedAt.slice(0, 10) === day) end += 1;
    chunks.push([start, end]);
    start = end;
  }
  return chunks;
}

/** What the report says of one file, as it was read. */
export interface ImportedFile {
  name: string;
  kind: ParsedFile["kind"];
  rowsRead: number;
  rows: number;
  rejected: Partial<Record<RejectionReason, number>>;
  message?: string;
  error?: ParsedFile["error"];
}

export interface ImportProgress {
  /** Rows stored so far, over every file. */
  rowsDone: number;
  /** The file being stored. */
  file: string;
}

/**
 * The whole server-side import, one file at a time: each file is parsed, sorted and stored in
 * chunks of about 5,000 rows, whole days each (the same pipeline as the API) before the next is read, so memory holds one
 * file's rows, never the whole export's. `files` may be lazy (a generator reading from disk).
 */
export async function importExport(
  userId: string,
  files: Iterable<ExportEntry>,
  options: { now?: Date; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<{ report: ImportReport; files: ImportedFile[] }> {
  // What the listener has stored already, read once before the first chunk: a re-imported export
  // (or a newer one over an older) sends only its new rows.
  const stored = await storedPlayKeys(await getStore(), userId);
  const job = await createImport(userId, []);
  const imported: ImportedFile[] = [];
  let rowsDone = 0;
  let index = 0;
  for (const entry of files) {
    const file = parseExportEntry(entry, { now: options.now });
    const message = file.message || file.error ? (file.error?.message ?? file.message ?? "").slice(0, 1000) : undefined;
    await addImportFile(userId, job.id, { name: file.name, kind: file.kind, rows: file.rowsRead, ...(message ? { message } : {}) });
    const rows = file.rows.sort((a, b) => (a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : 0));
    const rejected = Object.fromEntries(Object.entries(file.rejected).filter(([, count]) => count > 0));
    // A file with no rows still brings its rejections: one empty chunk carries them.
    for (const [part, [start, end]] of (rows.length === 0 ? [[0, 0]] : dayChunks(rows, CHUNK_ROWS)).entries()) {
      const chunk = rows.slice(start, end);
      await receiveChunk(
        userId,
        job.id,
        { chunkId: `cli-${index}-${part}`, rows: chunk, rejected: part === 0 ? rejected : {} },
        { stored },
      );
      rowsDone += chunk.length;
      options.onProgress?.({ rowsDone, file: file.name });
    }
    imported.push({ name: file.name, kind: file.kind, rowsRead: file.rowsRead, rows: rows.length, rejected, message, error: file.error });
    index += 1;
  }
  return { report: await completeImport(userId, job.id), files: imported };
}
