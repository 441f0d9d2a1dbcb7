import "server-only";
import { getStore } from "@/lib/db";
import { storedPlayKeys } from "@/lib/listening";
import type { ImportRow, RejectionReason } from "./rows";
import { parseExportSource, type ExportSource } from "./files";
import { parseExportEntry, type ExportEntry, type ParsedFile } from "./parse";
import { daySpan } from "./import";
import { addImportFile, completeImport, createImport, receiveChunk, type ImportReport } from "./jobs";
import { chunkPipeline, type DaySpan } from "./pipeline";

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

/**
 * The entries, each read and parsed as the loop reaches it. Only `next` holds an entry: its text
 * (tens of MB for a large file, twice that as a two-byte string once a title is outside Latin-1) is
 * garbage before the file's rows are stored, so a collection meanwhile neither keeps it nor sets
 * the heap's next limit from it. (A generator would hold the entry while suspended at its `yield`.)
 */
function parsedFiles(files: Iterable<ExportSource>, now: Date | undefined): Iterable<ParsedFile> {
  return {
    [Symbol.iterator]: () => {
      const entries = files[Symbol.iterator]();
      return {
        next: (): IteratorResult<ParsedFile, undefined> => {
          const next = entries.next();
          return next.done ? { done: true, value: undefined } : { done: false, value: parseExportSource(next.value, { now }) };
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
 * Chunks being stored at once at most: enough that the server always has a plays insert to work
 * on while a chunk writes its rollups, segment and bookkeeping (with 4 commands per insert, see the
 * MongoDB adapter), few enough that a failed import stops soon after its first error.
 */
const CHUNKS_IN_FLIGHT = 2;
/** The span of a chunk without rows (rejections only): it shares no day with any other. */
const NO_DAYS: DaySpan = { first: "~", last: "" };

/** Rows held back for the next file at most, whatever order the files come in. */
const MAX_HELD_ROWS = 60_000;

const byTime = (a: ImportRow, b: ImportRow) => (a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : 0);

/**
 * The whole server-side import, one file at a time: each file is parsed, sorted and stored in
 * chunks of about 5,000 rows, whole days each (the same pipeline as the API), so memory holds a
 * file's rows and a part of the ones before, never the whole export's. `files` may be lazy (a
 * generator reading from disk).
 *
 * The rows from the middle of the previous file's time on wait for the next file: an export's files
 * overlap (a row lands up to a file away from its time, so the next file may hold rows of any day of
 * this one), and a day stored in two passes has its rollup written by the first and incremented by
 * the second, which on FerretDB v1 reads the whole rollups collection (holding from this file's
 * middle instead left 5 days of a generated 300,000-play export split, none this way). Which pass
 * stores a row changes nothing else.
 */
export async function importExport(
  userId: string,
  files: Iterable<ExportSource>,
  options: { now?: Date; onProgress?: (progress: ImportProgress) => void } = {},
): Promise<{ report: ImportReport; files: ImportedFile[] }> {
  // What the listener has stored already, read once before the first chunk: a re-imported export
  // (or a newer one over an older) sends only its new rows.
  const stored = await storedPlayKeys(await getStore(), userId);
  const job = await createImport(userId, []);
  const imported: ImportedFile[] = [];
  const pipeline = chunkPipeline(CHUNKS_IN_FLIGHT);
  let rowsDone = 0;
  let chunks = 0;
  let held: ImportRow[] = [];
  let previousMiddle: string | undefined;
  const send = async (rows: ImportRow[], rejected: Partial<Record<RejectionReason, number>>, file: string) => {
    // Rejections ride on the first chunk: an empty one when no row goes now.
    if (rows.length === 0 && Object.keys(rejected).length === 0) return;
    for (const [part, [start, end]] of (rows.length === 0 ? [[0, 0]] : dayChunks(rows, CHUNK_ROWS)).entries()) {
      const chunk = rows.slice(start, end);
      const input = { chunkId: `cli-${chunks++}`, rows: chunk, rejected: part === 0 ? rejected : {} };
      await pipeline.add(chunk.length === 0 ? NO_DAYS : daySpan(chunk), async () => {
        await receiveChunk(userId, job.id, input, { stored });
        rowsDone += chunk.length;
        options.onProgress?.({ rowsDone, file });
      });
    }
  };
  try {
    for (const file of parsedFiles(files, options.now)) {
      const message = file.message || file.error ? (file.error?.message ?? file.message ?? "").slice(0, 1000) : undefined;
      await addImportFile(userId, job.id, { name: file.name, kind: file.kind, rows: file.rowsRead, ...(message ? { message } : {}) });
      const rows = file.rows.sort(byTime);
      const rejected = Object.fromEntries(Object.entries(file.rejected).filter(([, count]) => count > 0));
      // Up to the day the previous file's middle row falls on (nothing yet after the first file),
      // with what earlier files held back.
      const cutDay = previousMiddle;
      if (rows.length > 0) previousMiddle = rows[rows.length >> 1]!.endedAt.slice(0, 10);
      const all = held.length === 0 ? rows : [...held, ...rows].sort(byTime);
      let cut = cutDay === undefined ? 0 : all.findIndex((row) => row.endedAt.slice(0, 10) >= cutDay);
      if (cut < 0) cut = all.length;
      cut = Math.max(cut, all.length - MAX_HELD_ROWS);
      await send(all.slice(0, cut), rejected, file.name);
      held = all.slice(cut);
      imported.push({ name: file.name, kind: file.kind, rowsRead: file.rowsRead, rows: rows.length, rejected, message, error: file.error });
    }
    await send(held, {}, imported.at(-1)?.name ?? "");
    await pipeline.finish();
  } finally {
    // After an error, no chunk goes on writing behind the error the caller gets.
    await pipeline.idle();
  }
  return { report: await completeImport(userId, job.id), files: imported };
}
