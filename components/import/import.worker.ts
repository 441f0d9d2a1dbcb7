/// <reference lib="webworker" />
/**
 * Reads the export in the background so the page never freezes: unzips, detects each file,
 * parses and validates rows (personal fields are dropped here, before anything is sent), sorts
 * them, and uploads them in idempotent chunks with retries. Re-sent chunks change nothing.
 */
import { fetchJson, ProblemError, retryDelay, shouldRetry, type RetryPolicy } from "@/lib/http/client";
import { DEFAULT_MAX_FILE_BYTES, parseExportEntry, readExportZip, type ExportEntry } from "@/lib/ingest/worker";
import type { ImportRow, RejectionReason } from "@/lib/ingest/worker";
import type { FileSummary, ImportReportView, WorkerEvent, WorkerRequest } from "./protocol";

const CHUNK_ROWS = 5_000;
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (event: WorkerEvent) => scope.postMessage(event);
/** The files' entries; a zip is opened by the size-checked reader, so a zip bomb is refused, not inflated. */
async function* exportFiles(files: File[]): AsyncGenerator<ExportEntry> {
  for (const file of files) {
    if (/\.zip$/i.test(file.name)) {
      yield* readExportZip(file.name, new Uint8Array(await file.arrayBuffer()));
    } else if (file.size > DEFAULT_MAX_FILE_BYTES) {
      yield { name: file.name, text: "", tooLarge: { bytes: file.size, limit: DEFAULT_MAX_FILE_BYTES } };
    } else {
      yield { name: file.name, text: await file.text() };
    }
  }
}

/** Same files, same fingerprint: how a reload finds the import it interrupted. */
async function fingerprint(files: File[]): Promise<string> {
  const description = files
    .map((file) => `${file.name}:${file.size}`)
    .sort()
    .join("|");
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(description));
  return [...new Uint8Array(digest)]
    .slice(0, 12)
    .map((byte) => byte.toString(16).padStart(2, "0"))
    .join("");
}

async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  return fetchJson<T>(url, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
}

/**
 * The shared retry rule (network, 408, 429, 5xx; a 4xx is the listener's to fix), with more
 * patience than a query: an upload over a shaky connection keeps going for minutes, and a rate
 * limit's Retry-After is waited out. Chunks are idempotent, so a chunk sent twice changes nothing.
 */
const UPLOAD_RETRY: RetryPolicy = { retries: 7, maxRetryAfterSeconds: 300 };

async function withRetries<T>(action: () => Promise<T>): Promise<T> {
  for (let failures = 0; ; failures += 1) {
    try {
      return await action();
    } catch (error) {
      if (!shouldRetry(failures, error, UPLOAD_RETRY)) throw error;
      const waitMs = retryDelay(failures, error, UPLOAD_RETRY);
      // The reason is shown in a sentence of its own: a problem's short title ("No connection", "Too many requests").
      const reason = error instanceof ProblemError ? error.title : error instanceof Error ? error.message : String(error);
      post({ type: "retrying", attempt: failures + 1, waitSeconds: Math.ceil(waitMs / 1000), reason });
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function run({ files, resumeImportId }: WorkerRequest): Promise<void> {
  const summaries: FileSummary[] = [];
  const rows: ImportRow[] = [];
  const rejected: Partial<Record<RejectionReason, number>> = {};
  let filesDone = 0;
  let rowsRead = 0;
  for await (const entry of exportFiles(files)) {
    const name = entry.name;
    post({ type: "reading", file: name, filesDone, filesTotal: files.length, rowsRead });
    const parsed = parseExportEntry(entry, { now: new Date() });
    for (const row of parsed.rows) rows.push(row);
    for (const [reason, count] of Object.entries(parsed.rejected) as Array<[RejectionReason, number]>) {
      if (count) rejected[reason] = (rejected[reason] ?? 0) + count;
    }
    rowsRead += parsed.rowsRead;
    summaries.push({
      name,
      kind: parsed.kind,
      rows: parsed.rowsRead,
      message: parsed.error?.message ?? parsed.message,
      error: parsed.error?.code,
    });
    filesDone += 1;
  }
  // Sorted, chunks cover short time spans: de-duplication and rollups touch few buckets each.
  rows.sort((a, b) =>
    a.endedAt < b.endedAt ? -1 : a.endedAt > b.endedAt ? 1 : (a.trackId ?? a.trackName).localeCompare(b.trackId ?? b.trackName),
  );
  const id = await fingerprint(files);
  post({ type: "parsed", files: summaries, totalRows: rowsRead, fingerprint: id });

  let report: ImportReportView | null = null;
  if (resumeImportId) {
    report = await withRetries(() => request<ImportReportView>("GET", `/api/imports/${resumeImportId}`)).catch(() => null);
    if (report?.status !== "receiving") report = null;
  }
  if (!report) {
    report = await withRetries(() =>
      request<ImportReportView>("POST", "/api/imports", {
        files: summaries.map(({ name, kind, rows: count, message }) => ({ name, kind, rows: count, message: message?.slice(0, 1000) })),
      }),
    );
  }
  const importId = report.id;
  post({ type: "created", importId, fingerprint: id, resumed: report.chunkIds.length > 0 });

  const received = new Set(report.chunkIds);
  const chunks: Array<{ chunkId: string; rows: ImportRow[]; rejected: Partial<Record<RejectionReason, number>> }> = [];
  for (let start = 0, index = 0; start < rows.length; start += CHUNK_ROWS, index += 1)
    chunks.push({ chunkId: `${id}-${index}`, rows: rows.slice(start, start + CHUNK_ROWS), rejected: {} });
  // Rejections are counted once, in a chunk of their own, so the report adds up to the rows read.
  chunks.push({ chunkId: `${id}-rejected`, rows: [], rejected });

  const started = performance.now();
  let sent = rowsRead - rows.length;
  let sentThisSession = 0;
  for (const chunk of chunks) {
    if (!received.has(chunk.chunkId)) {
      report = await withRetries(() => request<ImportReportView>("POST", `/api/imports/${importId}/chunks`, chunk));
      sentThisSession += chunk.rows.length;
    }
    sent += chunk.rows.length;
    const seconds = (performance.now() - started) / 1000;
    post({
      type: "progress",
      rowsSent: Math.min(sent, rowsRead),
      totalRows: rowsRead,
      rowsPerSecond: seconds > 0 ? Math.round(sentThisSession / seconds) : 0,
    });
  }
  report = await withRetries(() => request<ImportReportView>("POST", `/api/imports/${importId}/complete`, { status: "completed" }));
  post({ type: "done", report });
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  run(event.data).catch((error: unknown) => post({ type: "failed", message: error instanceof Error ? error.message : String(error) }));
};
