/**
 * Export files as the parser wants them: a .zip is opened through the size-checked zip reader
 * (only its .json and .pdf entries), a .json is read as text when its turn comes. Shared by the
 * CLI and the benchmarks; the browser worker does the same with the same reader.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { inExportOrder } from "./export-order";
import { parseExportBytes } from "./bytes";
import { DEFAULT_MAX_FILE_BYTES, parseExportEntry, readExportZip, type ExportEntry, type ParsedFile, type ParseOptions } from "./parse";

/** A .json file on disk, read where it is parsed (`parseExportSource`): on a parsing thread, or just in time. */
export interface ExportFile {
  name: string;
  path: string;
}

/** One file of an export: read already (a zip's entry), or still on disk. */
export type ExportSource = ExportEntry | ExportFile;

/** The source parsed; a file on disk is read now, and parsed from its bytes (`parseExportBytes`). */
export function parseExportSource(source: ExportSource, options: ParseOptions = {}): ParsedFile {
  return "path" in source ? parseExportBytes(source.name, readFileSync(source.path), options) : parseExportEntry(source, options);
}

/** A path given to the import that is not a readable file: the CLI names it and exits 2. */
export class ExportPathError extends Error {
  readonly path: string;
  constructor(path: string, reason: string) {
    super(`${path}: ${reason}`);
    this.name = "ExportPathError";
    this.path = path;
  }
}

function checkedSize(path: string): number {
  try {
    const stats = statSync(path);
    if (!stats.isFile()) throw new ExportPathError(path, "not a file. Give the .zip Spotify sent, or the .json files inside it.");
    return stats.size;
  } catch (error) {
    if (error instanceof ExportPathError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new ExportPathError(
      path,
      code === "ENOENT"
        ? "no such file. Check the path (and quote it if it has spaces)."
        : code === "EACCES"
          ? "permission denied."
          : String(error),
    );
  }
}

/**
 * The files the listener named, in the order to store them. A .json file is only checked here (it
 * exists, it is a file, its size): its text is read when the import reaches it, so the import
 * never holds more than a file or two of text.
 */
export function readExportFiles(paths: string[]): ExportSource[] {
  const sizes = paths.map((path) => checkedSize(path));
  const files: ExportSource[] = [];
  paths.forEach((path, position) => {
    if (/\.zip$/i.test(path)) {
      files.push(...readExportZip(basename(path), readFileSync(path)));
    } else if ((sizes[position] ?? 0) > DEFAULT_MAX_FILE_BYTES) {
      files.push({ name: basename(path), text: "", tooLarge: { bytes: sizes[position] ?? 0, limit: DEFAULT_MAX_FILE_BYTES } });
    } else {
      files.push({ name: basename(path), path });
    }
  });
  // A shell glob gives Spotify's files in name order, which is not their time order.
  return inExportOrder(files);
}
