export { playFromRecent, storeRecentPlays, syncAll, syncListener, type SyncResult } from "./sync";
export { chunkTally, storeRows, type ChunkOutcome } from "./import";
export { completeImport, createImport, getImport, listImports, receiveChunk, toReport, type ChunkInput, type ImportReport } from "./jobs";
export { importRowSchema, LISTEN_THRESHOLD_MS, rejectionReasons, type ImportRow, type RejectionReason } from "./rows";
export { thresholdWords } from "./reasons";
export {
  matchConfidence,
  MIN_CONFIDENCE,
  pendingNameCount,
  resolveAccountPlays,
  resolveNameBatch,
  type ResolveBatch,
  type ResolveResult,
} from "./resolve";
export { demoHistoryProgress, demoPreparing, ensureDemoHistory, type DemoHistoryOptions } from "./demo-seed";
export { ExportPathError, parseExportSource, readExportFiles, type ExportFile, type ExportSource } from "./files";
export { inExportOrder } from "./export-order";
export { CHUNK_ROWS, importExport, parseExport, type ImportedFile, type ImportProgress, type ParsedExport } from "./run";
