/**
 * Export files as the parser wants them: a .zip is opened through the size-checked zip reader
 * (only its .json and .pdf entries), a .json is read as text. Shared by the CLI and the
 * benchmarks; the browser worker does the same with the same reader.
 */
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { inExportOrder } from "./export-order";
import { DEFAULT_MAX_FILE_BYTES, readExportZip, type ExportEntry } from "./parse";

export type ExportText = ExportEntry;

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

export function readExportFiles(paths: string[]): ExportText[] {
  const sizes = paths.map((path) => checkedSize(path));
  const files: ExportText[] = [];
  paths.forEach((path, position) => {
    if (/\.zip$/i.test(path)) {
      files.push(...readExportZip(basename(path), readFileSync(path)));
    } else if ((sizes[position] ?? 0) > DEFAULT_MAX_FILE_BYTES) {
      files.push({ name: basename(path), text: "", tooLarge: { bytes: sizes[position] ?? 0, limit: DEFAULT_MAX_FILE_BYTES } });
    } else {
      files.push({ name: basename(path), text: readFileSync(path, "utf8") });
    }
  });
  // A shell glob gives Spotify's files in name order, which is not their time order.
  return inExportOrder(files);
}
