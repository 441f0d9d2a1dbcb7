/**
 * The import job's final report when nothing in the upload is a Spotify play: an empty file, other
 * JSON, a CSV, an empty zip or one without a streaming history. It says nothing was imported and
 * why (`nothingImported`), in the parser's words; an import that found plays (even only plays it
 * already had) reports as before. The whole server-side pipeline (parse, job, chunks, complete),
 * on both store adapters.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { strToU8, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { generateListeningHistory, getDemoCatalog, writeExtendedHistory } from "@/lib/demo";
import { readExportZip } from "./parse";

type Ingest = typeof import("@/lib/ingest");
type Db = typeof import("@/lib/db");

const dataDir = mkdtempSync(join(tmpdir(), "echotune-import-report-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const EXPORT_AGAIN = /Export your data again from Spotify's privacy page \(spotify\.com\/account\/privacy\)/;

describe.each([
  ["embedded", (): Record<string, string> => ({ DATA_DIR: join(dataDir, "embedded") })],
  ["mongodb", (): Record<string, string> => ({ MONGODB_URI: inject("mongoUri"), MONGODB_DB: `import_report_${process.pid}` })],
])("the final report of an import that finds no plays (%s)", (kind, storeVars) => {
  let ingest: Ingest;
  let db: Db;
  let run = 0;

  beforeAll(async () => {
    vi.resetModules();
    for (const [name, value] of Object.entries(storeVars())) vi.stubEnv(name, value);
    ingest = await import("@/lib/ingest");
    db = await import("@/lib/db");
    expect((await db.getStore()).kind).toBe(kind);
  });

  afterAll(async () => {
    await db?.closeStore();
    vi.unstubAllEnvs();
  });

  /** Imports these files (as the CLI and the browser read them) for a listener of their own; the stored report. */
  async function importFiles(files: Array<{ name: string; text?: string; bytes?: Uint8Array }>) {
    const user = `u-${kind}-${++run}`;
    const entries = files.flatMap((file) =>
      file.bytes ? readExportZip(file.name, file.bytes) : [{ name: file.name, text: file.text ?? "" }],
    );
    const { report } = await ingest.importExport(user, entries);
    // What GET /api/imports/:id answers later says the same.
    expect(await ingest.getImport(user, report.id)).toEqual(report);
    return report;
  }

  it("reads a lazy source one file at a time, and closes it when the import stops midway", async () => {
    const [file] = writeExtendedHistory(generateListeningHistory({ seed: 5, plays: 40, years: 1 }), getDemoCatalog(5));
    const read: string[] = [];
    let closed = false;
    function* source() {
      try {
        for (const n of [0, 1, 2, 3]) {
          const name = `Streaming_History_Audio_2024_${n}.json`;
          read.push(name);
          yield { name, text: file!.content };
        }
      } finally {
        closed = true;
      }
    }
    const stop = new Error("stopped by the caller");
    const outcome = ingest.importExport(`u-${kind}-${++run}`, source(), {
      onProgress: () => {
        throw stop;
      },
    });
    await expect(outcome).rejects.toBe(stop);
    // The first chunk goes once the second file is read (a file's rows wait for the next) and fails
    // while the third is read (chunks are stored while the loop goes on); that file's rows, of the
    // same days, wait for it, so the import stops there.
    expect(read).toEqual([
      "Streaming_History_Audio_2024_0.json",
      "Streaming_History_Audio_2024_1.json",
      "Streaming_History_Audio_2024_2.json",
    ]);
    expect(closed).toBe(true);
  });

  it("says an empty file is empty and what to do", async () => {
    for (const text of ["", "  \n\t", "\uFEFF"]) {
      const report = await importFiles([{ name: "Streaming_History_Audio_2024_0.json", text }]);
      expect(report.status).toBe("completed");
      expect(report.counts).toEqual({ read: 0, accepted: 0, duplicate: 0, short: 0, rejected: 0 });
      expect(report.nothingImported).toEqual([expect.stringMatching(/^Streaming_History_Audio_2024_0\.json is empty: /)]);
      expect(report.nothingImported?.[0]).toMatch(EXPORT_AGAIN);
      expect(report.nothingImported?.[0]).toMatch(/Streaming_History_Audio_\*\.json/);
      expect(report.nothingImported?.join(" ")).not.toMatch(/ends too early|middle of its list/);
    }
  });

  it("says other JSON, a CSV and zips without a streaming history are not a Spotify history", async () => {
    const cases: Array<[Array<{ name: string; text?: string; bytes?: Uint8Array }>, RegExp]> = [
      [
        [{ name: "data.json", text: '{"foo":1}' }],
        /^data\.json holds a single JSON object rather than a list of plays, so it was skipped\./,
      ],
      [
        [{ name: "people.json", text: '[{"id":1,"name":"Ada"},{"id":2,"name":"Alan"}]' }],
        /^people\.json holds a list, but its entries are not Spotify plays/,
      ],
      [
        [{ name: "history.csv", text: "ts,track,artist\n2024-01-01T10:00:00Z,Song,Band\n" }],
        /^history\.csv is not a file EchoTune recognises/,
      ],
      [[{ name: "my_spotify_data.zip", bytes: zipSync({}) }], /^my_spotify_data\.zip is an empty zip: .*Export your data again/],
      [
        [{ name: "photos.zip", bytes: zipSync({ "holiday/beach.jpg": strToU8("x"), "notes.txt": strToU8("y") }) }],
        /^photos\.zip holds no files from a Spotify privacy export \(only beach\.jpg, notes\.txt\)/,
      ],
      [
        [
          {
            name: "account.zip",
            bytes: zipSync({ "Spotify Account Data/Userdata.json": strToU8('{"username":"x","email":"x@example.com"}') }),
          },
        ],
        /^Userdata\.json is from Spotify's Account data package: it holds your profile details/,
      ],
    ];
    for (const [files, reason] of cases) {
      const report = await importFiles(files);
      expect(report.status, files[0]?.name).toBe("completed");
      expect(report.counts.accepted + report.counts.short + report.counts.duplicate).toBe(0);
      expect(report.nothingImported, files[0]?.name).toEqual([expect.stringMatching(reason)]);
    }
  });

  it("names every file, and rows it left out, when several files bring nothing", async () => {
    const report = await importFiles([
      { name: "Streaming_History_Audio_2023_0.json", text: "" },
      { name: "data.json", text: '{"foo":1}' },
      {
        name: "StreamingHistory_podcast_0.json",
        text: JSON.stringify([{ endTime: "2024-01-01 10:00", podcastName: "A Show", episodeName: "One", msPlayed: 600_000 }]),
      },
    ]);
    expect(report.counts).toMatchObject({ read: 1, rejected: 1, accepted: 0 });
    expect(report.nothingImported).toEqual([
      expect.stringMatching(/^Streaming_History_Audio_2023_0\.json is empty/),
      expect.stringMatching(/^data\.json holds a single JSON object/),
      expect.stringMatching(/^StreamingHistory_podcast_0\.json lists podcast episodes/),
      "1 row was left out: Podcast episode (EchoTune imports music only).",
    ]);
  });

  it("reports an export with plays as before, and one whose plays were all there already too", async () => {
    const catalog = getDemoCatalog(7);
    const streams = generateListeningHistory({ seed: 7, plays: 300, years: 1, end: new Date("2025-06-01T00:00:00Z") });
    const [file] = writeExtendedHistory(streams, catalog, { quirks: false });
    const entries = [{ name: file!.name, text: file!.content }];
    const user = `u-${kind}-plays`;
    const { report: first } = await ingest.importExport(user, entries);
    expect(first.counts.accepted).toBeGreaterThan(0);
    expect(first.nothingImported).toBeNull();
    const { report: again } = await ingest.importExport(user, entries);
    expect(again.counts.accepted).toBe(0);
    expect(again.counts.duplicate).toBeGreaterThan(0);
    expect(again.nothingImported).toBeNull();
  });

  it("stores every row of overlapping files once, whichever file's pass stores it, with each day counted once", async () => {
    const catalog = getDemoCatalog(9);
    const streams = generateListeningHistory({ seed: 9, plays: 3_000, years: 2, end: new Date("2025-06-01T00:00:00Z") });
    // Small files with the export's quirks: rows far from their time, streams written twice.
    const files = writeExtendedHistory(streams, catalog, { maxBytesPerFile: 200_000 }).map((file) => ({
      name: file.name,
      text: file.content,
    }));
    expect(files.length).toBeGreaterThan(5);
    const user = `u-${kind}-overlap`;
    const { report, files: imported } = await ingest.importExport(user, files);
    const { accepted, short, duplicate, rejected, read } = report.counts;
    expect(accepted + short + duplicate + rejected).toBe(read);
    expect(imported.map((file) => file.rows).reduce((sum, rows) => sum + rows, 0)).toBe(accepted + short + duplicate);
    const store = await db.getStore();
    const plays = await db.playsRepository(store).between(user, {});
    expect(plays).toHaveLength(accepted + short);
    const perDay = new Map<string, number>();
    for (const play of plays)
      perDay.set(play.playedAt.toISOString().slice(0, 10), (perDay.get(play.playedAt.toISOString().slice(0, 10)) ?? 0) + 1);
    const days = await db.rollupsRepository(store).days(user);
    expect(Object.fromEntries(days.map((day) => [day.bucket, day.plays]))).toEqual(Object.fromEntries(perDay));
    // The same files again: nothing new.
    const { report: again } = await ingest.importExport(user, files);
    expect(again.counts).toMatchObject({ accepted: 0, short: 0, duplicate: accepted + short + duplicate, read });
  });

  it("splits listens from short plays by the listener's threshold, and says which", async () => {
    const catalog = getDemoCatalog(8);
    const streams = generateListeningHistory({ seed: 8, plays: 400, years: 1, end: new Date("2025-06-01T00:00:00Z") });
    const [file] = writeExtendedHistory(streams, catalog, { quirks: false });
    const parsed = ingest.parseExport([{ name: file!.name, text: file!.content }]);
    const expectedShort = (thresholdMs: number) => parsed.rows.filter((row) => row.msPlayed < thresholdMs).length;
    expect(expectedShort(60_000)).toBeGreaterThan(expectedShort(30_000));

    const users = db.usersRepository(await db.getStore());
    const [strict, plain] = [`u-${kind}-strict`, `u-${kind}-plain`];
    for (const id of [strict, plain])
      await users.upsertSpotifyUser({
        id: id.replace(/^spotify:/, ""),
        displayName: null,
        email: null,
        imageUrl: null,
        country: null,
        product: null,
      });
    await users.updateSettings(`spotify:${strict}`, { listenThresholdMs: 60_000 });

    const { report: strictReport } = await ingest.importExport(`spotify:${strict}`, [{ name: file!.name, text: file!.content }]);
    const { report: plainReport } = await ingest.importExport(`spotify:${plain}`, [{ name: file!.name, text: file!.content }]);
    expect(strictReport.counts.short).toBe(expectedShort(60_000));
    expect(plainReport.counts.short).toBe(expectedShort(30_000));
    expect(strictReport.counts.accepted + strictReport.counts.short).toBe(plainReport.counts.accepted + plainReport.counts.short);
    expect(strictReport.listenThresholdMs).toBe(60_000);
    expect(strictReport.listenRule).toMatch(/from 1 minute \(your setting/);
    expect(plainReport.listenRule).toMatch(/from 30 seconds \(Spotify's rule\)/);
    // The threshold is the one the import started with, whatever the setting says later.
    await users.updateSettings(`spotify:${strict}`, { listenThresholdMs: 10_000 });
    expect((await ingest.getImport(`spotify:${strict}`, strictReport.id)).counts.short).toBe(expectedShort(60_000));
  });
});
