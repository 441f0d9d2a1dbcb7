/** Messages between the import page and its Web Worker. */
export interface FileSummary {
  name: string;
  kind: string;
  rows: number;
  message?: string;
  error?: string;
}

export interface ImportReportView {
  id: string;
  status: string;
  files: FileSummary[];
  counts: { read: number; accepted: number; duplicate: number; short: number; rejected: number };
  rejectedReasons: Record<string, number>;
  chunkIds: string[];
  /** Set when the import found no play at all: why, one sentence per file or reason. */
  nothingImported: string[] | null;
  listenRule: string;
  /** The threshold this import split listens from short plays with (absent from an older server: 30 s). */
  listenThresholdMs?: number;
}

export type WorkerRequest = { type: "start"; files: File[]; resumeImportId: string | null };

export type WorkerEvent =
  | { type: "reading"; file: string; filesDone: number; filesTotal: number; rowsRead: number }
  | { type: "parsed"; files: FileSummary[]; totalRows: number; fingerprint: string }
  | { type: "created"; importId: string; fingerprint: string; resumed: boolean }
  | { type: "progress"; rowsSent: number; totalRows: number; rowsPerSecond: number }
  | { type: "retrying"; attempt: number; waitSeconds: number; reason: string }
  | { type: "done"; report: ImportReportView }
  | { type: "failed"; message: string };
