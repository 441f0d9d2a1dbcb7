/**
 * One export file (name and decoded text) to normalised rows, counted rejections and a word for
 * the listener. Pure and synchronous: the browser worker and the server CLI call it per file.
 */
import type { ImportRow } from "../rows";
import { rejectionReasons, type RejectionReason } from "../reasons";
import { accountRow, extendedRow, rejectAll, type RowConverter, type RowProblem } from "./convert";
import { baseName, classifyFile, HEAD_CHARS, streamingShapeOf, type Detection, type FileKind, type StreamingKind } from "./detect";
import { findJsonProblem, stripPreamble } from "./json";
import { messages } from "./messages";

export type ParseErrorCode = "empty_file" | "not_a_zip" | "malformed_json" | "truncated" | "unknown_shape" | "too_large";

export interface ParseError {
  code: ParseErrorCode;
  message: string;
}

export interface RejectedSample {
  /** Position of the row in the file's JSON array, from 0. */
  index: number;
  reason: RejectionReason;
  /** The row's key at fault (`ms_played`, `ts`, `trackName`…), or null when the whole row is (not an object, a video). */
  field: string | null;
}

export interface ParsedFile {
  name: string;
  kind: FileKind;
  /** Entries of the file's JSON array; always `rows.length` plus the sum of `rejected`. */
  rowsRead: number;
  rows: ImportRow[];
  rejected: Record<RejectionReason, number>;
  /** The first `MAX_REJECTED_SAMPLES` rejections, in file order. */
  rejectedSamples: RejectedSample[];
  /** For files skipped or only partly useful: what they are and what to do next. */
  message?: string;
  /** The file could not be read; it then has no rows. */
  error?: ParseError;
}

export interface ParseOptions {
  /** Rows ending more than a day after this are rejected as `future_timestamp` (default: the clock). */
  now?: Date;
  /** Largest file read, in characters of decoded text (default `DEFAULT_MAX_FILE_BYTES`). */
  maxBytes?: number;
}

/** 300 MB: twenty times the largest file Spotify writes (about 12.8 MB). */
export const DEFAULT_MAX_FILE_BYTES = 300_000_000;
export const MAX_REJECTED_SAMPLES = 20;
/** How far past `now` a timestamp may be (clock skew, time zones) before it is not believed. */
export const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
/** Entries looked at to decide what a file's rows are. */
const SHAPE_SAMPLE = 20;

export function emptyRejections(): Record<RejectionReason, number> {
  const counts = {} as Record<RejectionReason, number>;
  for (const reason of Object.keys(rejectionReasons) as RejectionReason[]) counts[reason] = 0;
  return counts;
}

const family = (kind: FileKind) => (kind.startsWith("extended-") ? "extended" : kind.startsWith("account-") ? "account" : null);

/** The kind the rows say, when the name said something else (or nothing): a renamed file. */
function reconcile(named: FileKind, shape: StreamingKind): StreamingKind {
  return family(named) === family(shape) ? (named as StreamingKind) : shape;
}

function shapeOfRows(data: readonly unknown[]): StreamingKind | null {
  for (let index = 0; index < data.length && index < SHAPE_SAMPLE; index++) {
    const shape = streamingShapeOf(data[index]);
    if (shape) return shape;
  }
  return null;
}

const CONVERTERS: Record<StreamingKind, RowConverter> = {
  "extended-audio": extendedRow,
  "extended-video": rejectAll("video"),
  "account-music": accountRow,
  "account-podcast": rejectAll("podcast_episode"),
  "account-audiobook": rejectAll("audiobook"),
};

const sameStream = (a: ImportRow, b: ImportRow) =>
  a.msPlayed === b.msPlayed && a.trackId === b.trackId && a.trackName === b.trackName && a.artistName === b.artistName;

/**
 * Converts every entry, counting each one exactly once: kept, or rejected with a reason. Exact
 * repeats of a kept stream (same end, track and time played) are rejected as duplicates; the
 * index is keyed by the end time, a string each row has anyway.
 */
function convertRows(data: readonly unknown[], convert: RowConverter, latestMs: number, result: ParsedFile): void {
  const { rows, rejected, rejectedSamples } = result;
  const seen = new Map<string, ImportRow | ImportRow[]>();
  const problem: RowProblem = { field: null };
  const reject = (index: number, reason: RejectionReason, field: string | null) => {
    rejected[reason]++;
    if (rejectedSamples.length < MAX_REJECTED_SAMPLES) rejectedSamples.push({ index, reason, field });
  };
  for (let index = 0; index < data.length; index++) {
    const row = convert(data[index], latestMs, problem);
    if (typeof row === "string") {
      reject(index, row, problem.field);
      continue;
    }
    const earlier = seen.get(row.endedAt);
    if (earlier === undefined) {
      seen.set(row.endedAt, row);
    } else if (Array.isArray(earlier)) {
      if (earlier.some((other) => sameStream(other, row))) {
        reject(index, "duplicate_in_file", null);
        continue;
      }
      earlier.push(row);
    } else {
      if (sameStream(earlier, row)) {
        reject(index, "duplicate_in_file", null);
        continue;
      }
      seen.set(row.endedAt, [earlier, row]);
    }
    rows.push(row);
  }
  result.rowsRead = data.length;
}

const looksLikeJson = (name: string, head: string) => /\.json$/i.test(name) || /^[\s\uFEFF\u0000]*[[{]/.test(head);

/** What a zip without a single file of an export is, when the zip itself stands in for its entries. */
export interface ZipProblem {
  problem: "empty" | "not-a-zip" | "no-export-files";
  /** The zip's other files (for `no-export-files`), folders left out. */
  files: string[];
}

/**
 * Parses one entry read from an export (a file, or a zip entry): an entry the zip reader refused
 * to inflate is reported as too large, with the same words as a file that is, and a zip that held
 * nothing to read (`readExportZip`) says so.
 */
export function parseExportEntry(
  entry: { name: string; text: string; tooLarge?: { bytes: number; limit: number }; zip?: ZipProblem },
  options: ParseOptions = {},
): ParsedFile {
  if (!entry.tooLarge && !entry.zip) return parseExportFile(entry.name, entry.text, options);
  const detection = classifyFile(entry.name, "");
  const result: ParsedFile = {
    name: entry.name,
    kind: detection.kind,
    rowsRead: 0,
    rows: [],
    rejected: emptyRejections(),
    rejectedSamples: [],
  };
  const file = baseName(entry.name);
  if (entry.tooLarge)
    return { ...result, error: { code: "too_large", message: messages.tooLarge(file, entry.tooLarge.bytes, entry.tooLarge.limit) } };
  const zip = entry.zip as ZipProblem;
  if (zip.problem === "empty") return { ...result, error: { code: "empty_file", message: messages.emptyZip(file) } };
  if (zip.problem === "not-a-zip") return { ...result, error: { code: "not_a_zip", message: messages.notAZip(file) } };
  return { ...result, message: messages.zipWithoutExport(file, zip.files) };
}

/**
 * Parses one file of a Spotify privacy export. Files without plays (the Account data package's
 * profile files, the PDF guide, video) come back with a `message`; unreadable ones with an `error`.
 */
export function parseExportFile(name: string, text: string, options: ParseOptions = {}): ParsedFile {
  const file = baseName(name);
  const head = text.slice(0, HEAD_CHARS);
  const detection = classifyFile(name, head);
  const result = emptyResult(name, detection);
  const fail = (code: ParseErrorCode, message: string): ParsedFile => ({ ...result, error: { code, message } });

  const early = beforeParsing(name, detection);
  if (early) return early;
  // Nothing at all (0 bytes, or only whitespace, a BOM or NUL bytes): not a list cut short.
  const body = stripPreamble(text);
  if (body.length === 0) return fail("empty_file", messages.emptyFile(file));
  if (detection.kind === "unknown" && !looksLikeJson(file, head)) return { ...result, message: messages.unknown(file) };

  const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (text.length > maxBytes) return fail("too_large", messages.tooLarge(file, text.length, maxBytes));

  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    // The engine's own error is never repeated: it quotes the file, whose rows hold IP addresses.
    const problem = findJsonProblem(body);
    if (problem?.kind === "truncated") return fail("truncated", messages.truncated(file, body.length));
    return fail("malformed_json", messages.malformed(file, problem));
  }
  return parseRows(name, detection, data, options);
}

const emptyResult = (name: string, detection: Detection): ParsedFile => ({
  name,
  kind: detection.kind,
  rowsRead: 0,
  rows: [],
  rejected: emptyRejections(),
  rejectedSamples: [],
});

/** A file known from its name and head not to hold plays: what it is. Undefined for one to parse. */
export function beforeParsing(name: string, detection: Detection): ParsedFile | undefined {
  const file = baseName(name);
  if (detection.kind === "readme") return { ...emptyResult(name, detection), message: messages.readme(file) };
  if (detection.kind === "wrong-package") {
    return {
      ...emptyResult(name, detection),
      message: messages.wrongPackage(file, detection.holds ?? "account details", detection.source ?? "account-data"),
    };
  }
  return undefined;
}

/**
 * The rest of `parseExportFile`, once the file's JSON has parsed to `data`: its rows, rejections and
 * message. For a reader that parses the text its own way (`parseExportBytes`).
 */
export function parseRows(name: string, detection: Detection, data: unknown, options: ParseOptions = {}): ParsedFile {
  const file = baseName(name);
  const result = emptyResult(name, detection);
  const fail = (code: ParseErrorCode, message: string): ParsedFile => ({ ...result, error: { code, message } });
  if (!Array.isArray(data))
    return fail("unknown_shape", messages.unknownShape(file, typeof data === "object" && data !== null ? "object" : "value"));
  if (data.length === 0) return { ...result, message: messages.empty(file) };
  const shape = shapeOfRows(data);
  if (!shape) return fail("unknown_shape", messages.unknownShape(file, "rows"));

  const kind = reconcile(detection.kind, shape);
  result.kind = kind;
  const latestMs = (options.now ?? new Date()).getTime() + FUTURE_TOLERANCE_MS;
  convertRows(data, CONVERTERS[kind], latestMs, result);

  if (kind === "extended-video") result.message = messages.video(file, result.rowsRead);
  else if (kind === "account-podcast") result.message = messages.accountPodcast(file, result.rowsRead);
  else if (kind === "account-audiobook") result.message = messages.accountAudiobook(file, result.rowsRead);
  else if (kind === "account-music") result.message = messages.accountMusic(file);
  return result;
}
