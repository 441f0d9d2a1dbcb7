/**
 * An export file parsed from its bytes, with the result `parseExportFile` gives for its UTF-8 text,
 * in about half the time. Decoding a file's UTF-8 cost more than its JSON.parse: one title outside
 * ASCII makes the whole text two bytes a character, and the engine's decoder took 60-90 ms for an
 * 11 MB file against 20-25 ms for one byte per byte (Latin-1).
 *
 * So the bytes are read as Latin-1 and parsed, and then the few strings holding a byte over 0x7F
 * are decoded as the UTF-8 they are. That is exact when no `\u` escape is in the file: every byte
 * of JSON's own syntax is ASCII, and no byte of a multi-byte UTF-8 character is, so the parse sees
 * the same structure and each string keeps its own bytes (an ASCII byte, a quote included, ends an
 * unfinished character in both decodings, so a damaged one becomes U+FFFD alike). Anything else (an
 * escape, a file that does not parse, a name that is not a streaming file) takes the text path.
 * Node-only (Buffer): the browser worker decodes with TextDecoder and parses the text.
 */
import { Buffer, isAscii } from "node:buffer";
import {
  beforeParsing,
  classifyFile,
  DEFAULT_MAX_FILE_BYTES,
  HEAD_CHARS,
  parseExportFile,
  parseRows,
  type ParsedFile,
  type ParseOptions,
} from "./parse";

const NOT_PARSED = Symbol("not parsed this way");
const OVER_ASCII = /[\x80-\xff]/;

const isPreambleByte = (byte: number | undefined) => byte === 0 || byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;

/** The string's bytes, read as Latin-1, decoded as UTF-8. */
const asUtf8 = (latin1: string) => Buffer.from(latin1, "latin1").toString("utf8");

class Unrepairable extends Error {}

/** Every string in the parsed value decoded as UTF-8, in place (objects and arrays are the parse's own). */
function repair(value: unknown): unknown {
  if (typeof value === "string") return OVER_ASCII.test(value) ? asUtf8(value) : value;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      const item: unknown = value[index];
      if (typeof item === "string" || (typeof item === "object" && item !== null)) value[index] = repair(item);
    }
    return value;
  }
  const object = value as Record<string, unknown>;
  for (const key in object) {
    // A key outside ASCII would need the object rebuilt, and `__proto__` cannot be assigned: rare
    // enough to leave to the text path.
    if (OVER_ASCII.test(key)) throw new Unrepairable();
    const item = object[key];
    if (typeof item !== "string" && (typeof item !== "object" || item === null)) continue;
    const repaired = repair(item);
    if (repaired === item) continue;
    if (key === "__proto__") throw new Unrepairable();
    object[key] = repaired;
  }
  return object;
}

const BACKSLASH = 0x5c;
const LETTER_U = 0x75;

/**
 * Whether a `\u` escape is anywhere in the bytes. Backslashes are rare in an export (an escaped
 * quote in a title), and a search for one byte runs several times faster than one for two.
 */
function hasUnicodeEscape(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(BACKSLASH); at !== -1; at = bytes.indexOf(BACKSLASH, at + 2)) {
    if (bytes[at + 1] === LETTER_U) return true;
  }
  return false;
}

/** The JSON value of the bytes as UTF-8, by way of Latin-1; `NOT_PARSED` when that might not be exact. */
function parseLatin1(bytes: Buffer, maxBytes: number): unknown {
  if (bytes.length > maxBytes || hasUnicodeEscape(bytes)) return NOT_PARSED;
  // The preamble `stripPreamble` takes off the text: byte order marks, NUL bytes, whitespace.
  let start = 0;
  let end = bytes.length;
  while (start < end) {
    if (bytes[start] === 0xef && bytes[start + 1] === 0xbb && bytes[start + 2] === 0xbf) start += 3;
    else if (isPreambleByte(bytes[start])) start += 1;
    else break;
  }
  while (end > start && isPreambleByte(bytes[end - 1])) end -= 1;
  if (start >= end) return NOT_PARSED;
  const body = bytes.subarray(start, end);
  let data: unknown;
  try {
    data = JSON.parse(body.toString("latin1"));
  } catch {
    return NOT_PARSED;
  }
  if (isAscii(body)) return data;
  try {
    return repair(data);
  } catch (error) {
    if (error instanceof Unrepairable) return NOT_PARSED;
    throw error;
  }
}

/** Whether these bytes (a whole file) are parsed without decoding their text: for tests. */
export const parsesAsLatin1 = (bytes: Uint8Array, maxBytes = DEFAULT_MAX_FILE_BYTES) =>
  parseLatin1(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), maxBytes) !== NOT_PARSED;

/** `parseExportFile` of the bytes' UTF-8 text, the same result without decoding the whole text when it can. */
export function parseExportBytes(name: string, bytes: Uint8Array, options: ParseOptions = {}): ParsedFile {
  const buffer = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The head `parseExportFile` classifies by: its first characters are in the first four bytes each.
  const head = buffer.toString("utf8", 0, HEAD_CHARS * 4).slice(0, HEAD_CHARS);
  const detection = classifyFile(name, head);
  const known = beforeParsing(name, detection);
  if (known) return known;
  const data = detection.kind === "unknown" ? NOT_PARSED : parseLatin1(buffer, options.maxBytes ?? DEFAULT_MAX_FILE_BYTES);
  if (data !== NOT_PARSED) return parseRows(name, detection, data, options);
  return parseExportFile(name, buffer.toString("utf8"), options);
}
