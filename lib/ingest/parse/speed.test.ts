import { describe, expect, it } from "vitest";
import { generateListeningHistory, getDemoCatalog, writeExtendedHistory } from "@/lib/demo";
import { parseExportFile, summariseFiles } from "./index";

describe("parse speed", () => {
  it("parses a 100,000-row export", { timeout: 120_000 }, () => {
    const end = new Date("2026-11-01T00:00:00Z");
    const files = writeExtendedHistory(generateListeningHistory({ plays: 100_000, years: 10, end }), getDemoCatalog());
    const records = files.reduce((sum, file) => sum + file.records, 0);
    const chars = files.reduce((sum, file) => sum + file.content.length, 0);
    const started = performance.now();
    const parsed = files.map((file) => parseExportFile(file.name, file.content, { now: end }));
    const elapsed = performance.now() - started;
    console.info(
      `Parsed ${records.toLocaleString("en-US")} rows (${files.length} files, ${(chars / 1e6).toFixed(0)} MB) in ${elapsed.toFixed(0)} ms`,
    );
    const summary = summariseFiles(parsed);
    expect(summary.rowsRead).toBe(records);
    expect(summary.rowsRead).toBe(summary.rows + summary.rejectedTotal);
    expect(summary.rows).toBeGreaterThan(90_000);
    expect(summary.failedFiles).toBe(0);
  });
});
