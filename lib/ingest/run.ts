import "server-only";
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
 * The entries, each parsed as the loop reaches it. Only `next` holds an entry: its text (tens of MB
 * for a large file, twice that as a two-byte string once a title is outside Latin-1) is garbage
 * before the file's rows are stored, so a collection meanwhile neither keeps it nor sets the heap's
 * next limit from it. (A generator would hold the entry while suspended at its `yield`.)
 */
function parsedFiles(files: Iterable<ExportEntry>, now: Date | undefined): Iterable<ParsedFile> {
  return {
    [Symbol.iterator]: () => {
      const entries = files[Symbol.iterator]();
      return {
        next: (): IteratorResult<ParsedFile, undefined> => {
          const next = entries.next();
          return next.done ? { done: true, value: undefined } : { done: false, value: parseExportEntry(next.value, { now }) };
        },
        // A loop left early (a failed chunk) closes the source, as a loop over it would.
        return: (): IteratorResult<ParsedFile, undefined> => {
          entries.return?.();
          return { done: true, value: undefined };
        },
      };
    },
  };
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
 * chunks of 5,000 rows (the same pipeline as the API) before the next is read, so memory holds one
 * file's rows, never the whole export's. `files` may be lazy (a generator reading from disk).
 */
export async function importExport(
  userId: string,
  files: Iterable<ExportEntry>,
  options: { now?: Date; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<{ report: ImportReport; files: ImportedFile[] }> {
  const job = await createImport(userId, []);
  const imported: ImportedFile[] = [];
  let rowsDone = 0;
  let index = 0;
  for (const file of parsedFiles(files, options.now)) {
    const message = file.message || file.error ? (file.error?.message ?? file.message ?? "").slice(0, 1000) : undefined;
    await addImportFile(userId, job.id, { name: file.name, kind: file.kind, rows: file.rowsRead, ...(message ? { message } : {}) });
    const rows = file.rows.sort((a, b) => (a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : 0));
    const rejected = Object.fromEntries(Object.entries(file.rejected).filter(([, count]) => count > 0));
    // A file with no rows still brings its rejections: one empty chunk carries them.
    for (let start = 0, part = 0; start < rows.length || part === 0; start += CHUNK_ROWS, part += 1) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      await receiveChunk(userId, job.id, { chunkId: `cli-${index}-${part}`, rows: chunk, rejected: part === 0 ? rejected : {} });
      rowsDone += chunk.length;
      options.onProgress?.({ rowsDone, file: file.name });
    }
    imported.push({ name: file.name, kind: file.kind, rowsRead: file.rowsRead, rows: rows.length, rejected, message, error: file.error });
    index += 1;
  }
  return { report: await completeImport(userId, job.id), files: imported };
}
