/**
 * Spotify's export zip, opened without trusting it: each entry's declared size is checked before
 * anything is inflated, and inflating stops as soon as an entry (or the whole zip) passes its
 * limit, so a small zip that expands to gigabytes costs at most the limit. Shared by the browser
 * worker and the CLI; pure, synchronous, no Node APIs.
 */
import { Unzip, UnzipInflate, UnzipPassThrough, type AsyncFlateStreamHandler, type UnzipDecoder } from "fflate";
import { DEFAULT_MAX_FILE_BYTES, type ZipProblem } from "./parse";

export interface ExportEntry {
  /** The entry's file name, without the folders of the zip. */
  name: string;
  /** Decoded text of a .json entry; empty for a .pdf (only its name matters) or a skipped entry. */
  text: string;
  /** Set when the entry was not read because it is larger than EchoTune reads from one file. */
  tooLarge?: { bytes: number; limit: number };
  /** Set on the one entry standing for a zip that held nothing to read: why (`readExportZip`). */
  zip?: ZipProblem;
}

export interface ZipLimits {
  /** Largest entry inflated (default: the parser's largest file, 300 MB). */
  maxEntryBytes?: number;
  /** Largest total inflated across the zip's entries (default: three times that). */
  maxTotalBytes?: number;
}

/**
 * fflate's DEFLATE decoder for zip entries, made stoppable: its own has no `terminate`, so an
 * entry refused halfway went on being inflated (and thrown away) to its very end, seconds of CPU
 * for a bomb of a few gigabytes. Once terminated, the rest of the entry's bytes are skipped.
 */
export class StoppableInflate implements UnzipDecoder {
  static readonly compression = UnzipInflate.compression;
  ondata: AsyncFlateStreamHandler = () => undefined;
  private readonly inflate = new UnzipInflate();
  private stopped = false;

  constructor() {
    this.inflate.ondata = (error, chunk, final) => this.ondata(error, chunk, final);
  }

  push(chunk: Uint8Array, final: boolean): void {
    if (!this.stopped) this.inflate.push(chunk, final);
  }

  terminate(): void {
    this.stopped = true;
  }
}

const WANTED = /\.(json|pdf)$/i;
const PUSH_BYTES = 2 * 1024;

/** One decode over the joined bytes: decoding each small chunk on its own is three times slower. */
function decodeParts(parts: Uint8Array[], length: number): string {
  if (parts.length === 1) return decoder.decode(parts[0]);
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  parts.length = 0;
  return decoder.decode(joined);
}

const decoder = new TextDecoder();

/** A zip starts with a local file header, or, when it holds nothing, with its end record. */
const isZip = (bytes: Uint8Array) =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

/**
 * The export files of an uploaded zip (`readZipEntries`), or, when it has none to read, one entry
 * standing for the zip that says why: it is empty, it is not a zip at all, or it holds other files.
 * The parser turns that entry into a message, so such an upload never passes unnoticed.
 */
export function readExportZip(name: string, bytes: Uint8Array, limits: ZipLimits = {}): ExportEntry[] {
  if (bytes.length === 0) return [{ name, text: "", zip: { problem: "empty", files: [] } }];
  if (!isZip(bytes)) return [{ name, text: "", zip: { problem: "not-a-zip", files: [] } }];
  const others: string[] = [];
  let entries: ExportEntry[];
  try {
    entries = readZipEntries(bytes, limits, others);
  } catch {
    // fflate refuses what it cannot inflate: a damaged zip is not one we can read.
    return [{ name, text: "", zip: { problem: "not-a-zip", files: [] } }];
  }
  if (entries.length > 0) return entries;
  return [{ name, text: "", zip: { problem: others.length === 0 ? "empty" : "no-export-files", files: others } }];
}

/** The zip's .json and .pdf entries; the names of its other files go to `others` when given. */
export function readZipEntries(bytes: Uint8Array, limits: ZipLimits = {}, others?: string[]): ExportEntry[] {
  const maxEntry = limits.maxEntryBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxTotal = limits.maxTotalBytes ?? maxEntry * 3;
  const entries: ExportEntry[] = [];
  let total = 0;
  const unzip = new Unzip((file) => {
    if (!WANTED.test(file.name)) {
      const name = file.name.split("/").pop() ?? "";
      // Folders are entries too: only files count.
      if (name !== "") others?.push(name);
      return;
    }
    const name = file.name.split("/").pop() ?? file.name;
    const isJson = /\.json$/i.test(name);
    const limit = Math.min(maxEntry, maxTotal - total);
    // The declared size comes first: a bomb that admits its size is never inflated at all.
    if (file.originalSize !== undefined && file.originalSize > limit) {
      entries.push({ name, text: "", tooLarge: { bytes: file.originalSize, limit } });
      return;
    }
    if (!isJson) {
      entries.push({ name, text: "" });
      return;
    }
    const parts: Uint8Array[] = [];
    let inflated = 0;
    const entry: ExportEntry = { name, text: "" };
    entries.push(entry);
    file.ondata = (error, chunk, final) => {
      if (error) throw error;
      if (entry.tooLarge) return;
      inflated += chunk.length;
      total += chunk.length;
      if (inflated > limit) {
        // The header lied (or left the size out): stop inflating this entry here.
        entry.tooLarge = { bytes: inflated, limit };
        parts.length = 0;
        file.terminate();
        return;
      }
      parts.push(chunk);
      if (final) entry.text = decodeParts(parts, inflated);
    };
    file.start();
  });
  unzip.register(StoppableInflate);
  unzip.register(UnzipPassThrough);
  // Inflating answers each push at once: small pushes keep one answer (at most about a thousand
  // times its input, DEFLATE's limit) small, so a lying entry is stopped close to its limit.
  for (let offset = 0; offset < bytes.length; offset += PUSH_BYTES) {
    const end = Math.min(bytes.length, offset + PUSH_BYTES);
    unzip.push(bytes.subarray(offset, end), end === bytes.length);
  }
  if (bytes.length === 0) unzip.push(bytes, true);
  return entries;
}
