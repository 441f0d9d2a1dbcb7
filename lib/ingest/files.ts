/**
 * Export files as the parser wants them: a .zip is opened (only its .json and .pdf entries), a
 * .json is read as text. Shared by the CLI and the benchmarks; the browser worker does the same.
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { unzipSync } from "fflate";

export interface ExportText {
  name: string;
  text: string;
}

const decoder = new TextDecoder();

export function readExportFiles(paths: string[]): ExportText[] {
  const files: ExportText[] = [];
  for (const path of paths) {
    if (/\.zip$/i.test(path)) {
      const entries = unzipSync(readFileSync(path), { filter: (entry) => /\.(json|pdf)$/i.test(entry.name) });
      for (const [entry, bytes] of Object.entries(entries))
        files.push({ name: basename(entry), text: /\.json$/i.test(entry) ? decoder.decode(bytes) : "" });
    } else {
      files.push({ name: basename(path), text: readFileSync(path, "utf8") });
    }
  }
  return files;
}
