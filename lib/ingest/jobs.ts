import "server-only";
import { getStore, importsRepository, usersRepository, type ImportDocument } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { recordImportRows } from "@/lib/telemetry";
import { chunkTally, storeRows } from "./import";
import { messages } from "./parse/messages";
import { LISTEN_THRESHOLD_MS, rejectionReasons, thresholdWords } from "./reasons";
import type { ImportRow, RejectionReason } from "./rows";

/** What the listener sees of an import: progress while it runs, the report when it ends. */
export interface ImportReport {
  id: string;
  status: ImportDocument["status"];
  files: ImportDocument["files"];
  counts: ImportDocument["counts"];
  rejectedReasons: Record<string, number>;
  chunksReceived: number;
  /** Chunk ids already applied: a resumed upload sends only the rest. */
  chunkIds: string[];
  /**
   * Set when the import ended without finding a single play: why, in the listener's words (what
   * each file turned out to be, why rows were refused). The page says "Nothing was imported" with
   * these, never "Import complete".
   */
  nothingImported: string[] | null;
  /** Which rule the insights use for "a listen". */
  listenRule: string;
  /** The listen threshold this import split listens from short plays with (the listener's setting when it started). */
  listenThresholdMs: number;
  createdAt: string;
  completedAt: string | null;
}

/** Why a completed import found no play at all (none new, short or already there); null when it found some. */
export function nothingImported(job: Pick<ImportDocument, "status" | "counts" | "files" | "rejectedReasons">): string[] | null {
  if (job.status !== "completed") return null;
  const { accepted, short, duplicate } = job.counts;
  if (accepted + short + duplicate > 0) return null;
  const reasons = [...new Set(job.files.flatMap((file) => (file.message ? [file.message] : [])))];
  for (const [reason, count] of Object.entries(job.rejectedReasons)) {
    if (!(count > 0)) continue;
    const why = rejectionReasons[reason as RejectionReason] ?? reason;
    reasons.push(`${count.toLocaleString("en-US")} ${count === 1 ? "row was" : "rows were"} left out: ${why}.`);
  }
  if (reasons.length === 0) reasons.push(messages.nothingImported());
  return reasons;
}

const thresholdOf = (job: Pick<ImportDocument, "listenThresholdMs">) => job.listenThresholdMs ?? LISTEN_THRESHOLD_MS;

function listenRuleOf(thresholdMs: number): string {
  const rule = thresholdMs === LISTEN_THRESHOLD_MS ? " (Spotify's rule)" : " (your setting; Spotify's rule is 30 seconds)";
  return `A play counts as a listen from ${thresholdWords(thresholdMs)}${rule}; shorter plays are kept and counted as short. Changing the threshold in Settings recounts your insights without a new import.`;
}

export function toReport(job: ImportDocument): ImportReport {
  return {
    id: job._id,
    status: job.status,
    files: job.files,
    counts: job.counts,
    rejectedReasons: job.rejectedReasons,
    chunksReceived: job.chunkIds.length,
    chunkIds: job.chunkIds,
    nothingImported: nothingImported(job),
    listenRule: listenRuleOf(thresholdOf(job)),
    listenThresholdMs: thresholdOf(job),
    createdAt: job.createdAt.toISOString(),
    completedAt: job.completedAt?.toISOString() ?? null,
  };
}

const notFound = (id: string) => new AppError("not_found", { detail: `No import ${id} for this listener. Start a new import.` });

export async function createImport(userId: string, files: ImportDocument["files"]): Promise<ImportReport> {
  const store = await getStore();
  // The report splits listens from short plays by the listener's threshold at the start.
  const listenThresholdMs = (await usersRepository(store).findById(userId))?.settings.listenThresholdMs;
  return toReport(await importsRepository(store).create(userId, files, { listenThresholdMs }));
}

/** Names one more file of a receiving import (the server-side import reads its files one at a time). */
export async function addImportFile(userId: string, id: string, file: ImportDocument["files"][number]): Promise<void> {
  if (!(await importsRepository(await getStore()).addFile(userId, id, file))) throw notFound(id);
}

export async function getImport(userId: string, id: string): Promise<ImportReport> {
  const job = await importsRepository(await getStore()).get(userId, id);
  if (!job) throw notFound(id);
  return toReport(job);
}

export async function listImports(userId: string): Promise<ImportReport[]> {
  return (await importsRepository(await getStore()).list(userId)).map(toReport);
}

export interface ChunkInput {
  chunkId: string;
  rows: ImportRow[];
  /** Rows the parser rejected in this part of the file, by reason. */
  rejected: Partial<Record<RejectionReason, number>>;
}

/**
 * Applies a chunk once. A replayed chunk (a retry, a resumed upload, another tab) changes nothing
 * and answers with the current report.
 */
export async function receiveChunk(
  userId: string,
  id: string,
  chunk: ChunkInput,
  options: { stored?: ReadonlySet<string> } = {},
): Promise<{ report: ImportReport; replayed: boolean }> {
  const store = await getStore();
  const imports = importsRepository(store);
  const job = await imports.get(userId, id);
  if (!job) throw notFound(id);
  if (job.chunkIds.includes(chunk.chunkId)) return { report: toReport(job), replayed: true };
  if (job.status !== "receiving") {
    throw new AppError("conflict", { detail: `This import is ${job.status}; it takes no more data. Start a new import to add files.` });
  }
  const started = performance.now();
  const outcome = await storeRows(store, userId, id, chunk.chunkId, chunk.rows, {
    listenThresholdMs: thresholdOf(job),
    stored: options.stored,
  });
  const rejectedTotal = Object.values(chunk.rejected).reduce((sum, count) => sum + (count ?? 0), 0);
  const applied = await imports.applyChunk(
    userId,
    id,
    chunk.chunkId,
    chunkTally(chunk.rows.length + rejectedTotal, outcome, chunk.rejected),
  );
  // Throughput for the operations page: the rows this chunk brought and the time to store them.
  if (applied) recordImportRows(chunk.rows.length, performance.now() - started);
  const latest = await imports.get(userId, id);
  if (!latest) throw notFound(id);
  return { report: toReport(latest), replayed: !applied };
}

export async function completeImport(userId: string, id: string, status: "completed" | "cancelled" = "completed"): Promise<ImportReport> {
  const imports = importsRepository(await getStore());
  const job = await imports.get(userId, id);
  if (!job) throw notFound(id);
  if (job.status === "receiving") await imports.finish(userId, id, status);
  return toReport((await imports.get(userId, id)) as ImportDocument);
}
