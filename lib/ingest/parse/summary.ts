/**
 * The totals of an import's files, for the import report: rows by file kind and by rejection
 * reason, the listens among them, and every message and error in file order.
 */
import { LISTEN_THRESHOLD_MS, type RejectionReason } from "../reasons";
import { FILE_KINDS, type FileKind } from "./detect";
import { messages as notes } from "./messages";
import { emptyRejections, type ParseErrorCode, type ParsedFile } from "./parse";

export interface KindTotals {
  files: number;
  rowsRead: number;
  rows: number;
  rejected: number;
}

export interface SummaryMessage {
  /** The file's name as given, or null for a note about the upload as a whole. */
  file: string | null;
  level: "error" | "info";
  /** Set for errors: why the file could not be read. */
  code?: ParseErrorCode;
  text: string;
}

export interface ImportSummary {
  files: number;
  rowsRead: number;
  /** Rows kept, by row kind; `rowsRead === rows + rejectedTotal`. */
  rows: number;
  rowsByKind: { extended: number; account: number };
  /** Kept rows played for at least `LISTEN_THRESHOLD_MS`. */
  listens: number;
  rejected: Record<RejectionReason, number>;
  rejectedTotal: number;
  byKind: Record<FileKind, KindTotals>;
  /** Files that could not be read. */
  failedFiles: number;
  /** Earliest and latest `endedAt` of the kept rows. */
  firstEndedAt: string | null;
  lastEndedAt: string | null;
  messages: SummaryMessage[];
}

export function summariseFiles(files: readonly ParsedFile[]): ImportSummary {
  const byKind = Object.fromEntries(FILE_KINDS.map((kind) => [kind, { files: 0, rowsRead: 0, rows: 0, rejected: 0 }])) as Record<
    FileKind,
    KindTotals
  >;
  const rejected = emptyRejections();
  const rowsByKind = { extended: 0, account: 0 };
  const messages: SummaryMessage[] = [];
  let rowsRead = 0;
  let rows = 0;
  let listens = 0;
  let rejectedTotal = 0;
  let failedFiles = 0;
  let firstEndedAt: string | null = null;
  let lastEndedAt: string | null = null;

  for (const file of files) {
    const totals = byKind[file.kind];
    totals.files++;
    totals.rowsRead += file.rowsRead;
    totals.rows += file.rows.length;
    rowsRead += file.rowsRead;
    rows += file.rows.length;
    for (const reason of Object.keys(rejected) as RejectionReason[]) {
      const counted = file.rejected[reason];
      rejected[reason] += counted;
      totals.rejected += counted;
      rejectedTotal += counted;
    }
    for (const row of file.rows) {
      rowsByKind[row.kind]++;
      if (row.msPlayed >= LISTEN_THRESHOLD_MS) listens++;
      // ISO instants in UTC sort as strings.
      if (firstEndedAt === null || row.endedAt < firstEndedAt) firstEndedAt = row.endedAt;
      if (lastEndedAt === null || row.endedAt > lastEndedAt) lastEndedAt = row.endedAt;
    }
    if (file.error) {
      failedFiles++;
      messages.push({ file: file.name, level: "error", code: file.error.code, text: file.error.message });
    }
    if (file.message) messages.push({ file: file.name, level: "info", text: file.message });
  }

  // Account-music files say this themselves; podcast and audiobook ones don't.
  const otherAccountFiles = byKind["account-podcast"].files + byKind["account-audiobook"].files;
  if (otherAccountFiles > 0 && byKind["account-music"].files === 0 && byKind["extended-audio"].files === 0) {
    messages.push({ file: null, level: "info", text: notes.onlyAccountData() });
  }
  if (files.length > 0 && rows === 0 && failedFiles < files.length)
    messages.push({ file: null, level: "info", text: notes.nothingImported() });

  return {
    files: files.length,
    rowsRead,
    rows,
    rowsByKind,
    listens,
    rejected,
    rejectedTotal,
    byKind,
    failedFiles,
    firstEndedAt,
    lastEndedAt,
    messages,
  };
}
