import { describe, expect, it } from "vitest";
import { generateListeningHistory, getDemoCatalog, writeAccountData, writeExtendedHistory } from "@/lib/demo";
import { LISTEN_THRESHOLD_MS, rejectionReasons, type RejectionReason } from "../rows";
import { FILE_KINDS, parseExportFile, summariseFiles, type ParsedFile } from "./index";

const END = new Date("2026-11-01T00:00:00Z");
const catalog = getDemoCatalog();
const streams = generateListeningHistory({ plays: 6_000, years: 4, end: END });
const uploads = [
  ...writeExtendedHistory(streams, catalog, { maxBytesPerFile: 1_000_000 }),
  ...writeAccountData(streams, catalog),
  { name: "ReadMeFirst_ExtendedStreamingHistory.pdf", content: "%PDF-1.7", records: 0 },
  { name: "Streaming_History_Audio_broken.json", content: '[{"ts": "2023-', records: 0 },
];
const parsed = uploads.map((file) => parseExportFile(file.name, file.content, { now: END }));
const summary = summariseFiles(parsed);
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("summariseFiles", () => {
  it("adds up rows by file kind and by reason", () => {
    expect(summary.files).toBe(uploads.length);
    expect(summary.rowsRead).toBe(sum(parsed.map((file) => file.rowsRead)));
    expect(summary.rows).toBe(sum(parsed.map((file) => file.rows.length)));
    expect(summary.rowsRead).toBe(summary.rows + summary.rejectedTotal);
    expect(summary.rejectedTotal).toBe(sum(Object.values(summary.rejected)));
    for (const reason of Object.keys(rejectionReasons) as RejectionReason[]) {
      expect(summary.rejected[reason], reason).toBe(sum(parsed.map((file) => file.rejected[reason])));
    }
    expect(Object.keys(summary.byKind).sort()).toEqual([...FILE_KINDS].sort());
    expect(sum(Object.values(summary.byKind).map((totals) => totals.files))).toBe(uploads.length);
    for (const kind of FILE_KINDS) {
      const ofKind = parsed.filter((file) => file.kind === kind);
      expect(summary.byKind[kind], kind).toEqual({
        files: ofKind.length,
        rowsRead: sum(ofKind.map((file) => file.rowsRead)),
        rows: sum(ofKind.map((file) => file.rows.length)),
        rejected: sum(ofKind.map((file) => file.rowsRead - file.rows.length)),
      });
    }
    expect(summary.byKind["extended-audio"].rows).toBeGreaterThan(5_000);
    expect(summary.byKind["account-music"].rows).toBeGreaterThan(0);
    expect(summary.byKind["wrong-package"].files).toBe(2);
    expect(summary.rejected.podcast_episode).toBeGreaterThan(0);
    expect(summary.rejected.video).toBe(summary.byKind["extended-video"].rowsRead);
  });

  it("counts listens, row kinds and the time covered", () => {
    const rows = parsed.flatMap((file) => file.rows);
    expect(summary.rowsByKind).toEqual({
      extended: rows.filter((row) => row.kind === "extended").length,
      account: rows.filter((row) => row.kind === "account").length,
    });
    expect(summary.listens).toBe(rows.filter((row) => row.msPlayed >= LISTEN_THRESHOLD_MS).length);
    expect(summary.listens).toBeLessThan(summary.rows);
    const times = rows.map((row) => Date.parse(row.endedAt));
    expect(summary.firstEndedAt).toBe(new Date(Math.min(...times)).toISOString());
    expect(summary.lastEndedAt).toBe(new Date(Math.max(...times)).toISOString());
  });

  it("lists every file's message and error in order", () => {
    expect(summary.failedFiles).toBe(1);
    const errors = summary.messages.filter((message) => message.level === "error");
    expect(errors).toEqual([
      { file: "Streaming_History_Audio_broken.json", level: "error", code: "truncated", text: expect.stringContaining("ends too early") },
    ]);
    const infos = summary.messages.filter((message) => message.level === "info");
    expect(infos.map((message) => message.file)).toEqual(parsed.filter((file) => file.message).map((file) => file.name));
    expect(infos.some((message) => message.file === "Userdata.json" && /Extended streaming history/.test(message.text))).toBe(true);
    expect(infos.some((message) => /video/i.test(message.text))).toBe(true);
    expect(summary.messages.filter((message) => message.file === null)).toEqual([]);
  });

  it("adds a note when nothing could be imported or only account data came", () => {
    const podcastsOnly: ParsedFile[] = [
      parseExportFile(
        "StreamingHistory_podcast_0.json",
        '[{"endTime": "2024-01-10 20:57", "podcastName": "S", "episodeName": "E", "msPlayed": 1}]',
        { now: END },
      ),
    ];
    const notes = summariseFiles(podcastsOnly).messages.filter((message) => message.file === null);
    expect(notes.map((message) => message.text)).toEqual([
      expect.stringMatching(/Only files from the Account data package/),
      expect.stringMatching(/No plays were found/),
    ]);
    const empty = summariseFiles([]);
    expect(empty).toMatchObject({ files: 0, rowsRead: 0, rows: 0, listens: 0, firstEndedAt: null, lastEndedAt: null, messages: [] });
  });
});
