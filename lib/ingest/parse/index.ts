/**
 * The privacy-export parser shared by the browser import worker and the server CLI: file kind
 * detection, rows normalised to `ImportRow`, rejections counted by reason, and messages for the
 * listener. Pure TypeScript plus zod's row contract: nothing here needs Node or a server.
 */
export { baseName, classifyFile, detectFile, FILE_KINDS, HEAD_CHARS, type Detection, type FileKind, type StreamingKind } from "./detect";
export { findJsonProblem, stripPreamble, type JsonProblem } from "./json";
export {
  beforeParsing,
  DEFAULT_MAX_FILE_BYTES,
  emptyRejections,
  FUTURE_TOLERANCE_MS,
  MAX_REJECTED_SAMPLES,
  parseExportEntry,
  parseExportFile,
  parseRows,
  type ParsedFile,
  type ParseError,
  type ParseErrorCode,
  type ParseOptions,
  type RejectedSample,
  type ZipProblem,
} from "./parse";
export { summariseFiles, type ImportSummary, type KindTotals, type SummaryMessage } from "./summary";
export { readExportZip, readZipEntries, type ExportEntry, type ZipLimits } from "./zip";
