import { describe, expect, it } from "vitest";
import { getDemoCatalog } from "./catalog";
import {
  ACCOUNT_DATA_ROWS_PER_FILE,
  EXTENDED_FIELDS,
  LEGACY_EXTENDED_FIELDS,
  LEGACY_ROWS_BEFORE,
  writeAccountData,
  writeExtendedHistory,
  type ExportFile,
} from "./export";
import { generateListeningHistory } from "./history";

type Row = Record<string, unknown>;

const catalog = getDemoCatalog();
const streams = generateListeningHistory({ plays: 20_000 });
const MAX_BYTES = 2_000_000;
const files = writeExtendedHistory(streams, catalog, { maxBytesPerFile: MAX_BYTES });
const audio = files.filter((file) => file.name.startsWith("Streaming_History_Audio_"));
const video = files.filter((file) => file.name.startsWith("Streaming_History_Video_"));

const AUDIO_NAME = /^Streaming_History_Audio_(\d{4})(?:-(\d{4}))?_(\d+)\.json$/;
const TS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const bytes = (file: ExportFile) => new TextEncoder().encode(file.content).length;
const parse = (file: ExportFile): Row[] => JSON.parse(file.content.replace(/^\uFEFF/, "")) as Row[];
const audioRows = audio.map(parse);
const allRows = audioRows.flat();
/** A stream's identity in both worlds: end second, item and time played. */
const rowKey = (row: Row) =>
  `${row.ts as string}|${(row.spotify_track_uri ?? row.spotify_episode_uri) as string}|${row.ms_played as number}`;
const streamKey = (stream: (typeof streams)[number]) =>
  `${new Date(Math.floor(stream.ts.getTime() / 1000) * 1000).toISOString().slice(0, 19)}Z|${stream.trackId ? `spotify:track:${stream.trackId}` : `spotify:episode:${stream.episodeId}`}|${stream.msPlayed}`;

describe("writeExtendedHistory", () => {
  it("is deterministic", () => {
    expect(writeExtendedHistory(streams, catalog, { maxBytesPerFile: MAX_BYTES })).toEqual(files);
  });

  it("names files the way Spotify does, numbered in order, with each file's years", () => {
    expect(audio.length).toBeGreaterThan(3);
    expect(video).toHaveLength(1);
    expect(video[0]?.name).toMatch(/^Streaming_History_Video_\d{4}_0\.json$/);
    audio.forEach((file, index) => {
      const match = AUDIO_NAME.exec(file.name);
      expect(match, file.name).not.toBeNull();
      expect(Number(match?.[3])).toBe(index);
      const years = (audioRows[index] ?? []).map((row) => Number((row.ts as string).slice(0, 4)));
      const span = Math.min(...years) === Math.max(...years) ? `${Math.min(...years)}` : `${Math.min(...years)}-${Math.max(...years)}`;
      expect(file.name).toBe(`Streaming_History_Audio_${span}_${index}.json`);
      expect(file.records).toBe(audioRows[index]?.length);
    });
  });

  it("keeps every file within the byte limit", () => {
    for (const file of files) expect(bytes(file), file.name).toBeLessThanOrEqual(MAX_BYTES);
    expect(Math.max(...audio.map(bytes))).toBeGreaterThan(MAX_BYTES * 0.95);
  });

  it("gives every row exactly the documented fields, in order", () => {
    const current = allRows.filter((row) => "ip_addr" in row);
    const legacy = allRows.filter((row) => "ip_addr_decrypted" in row);
    expect(current.length + legacy.length).toBe(allRows.length);
    expect(current.filter((row) => Object.keys(row).join() !== EXTENDED_FIELDS.join())).toEqual([]);
    expect(legacy.filter((row) => Object.keys(row).join() !== LEGACY_EXTENDED_FIELDS.join())).toEqual([]);
    // Older field names only on older rows, with the long platform names of the time.
    expect(legacy.length).toBeGreaterThan(0);
    expect(legacy.filter((row) => Date.parse(row.ts as string) >= LEGACY_ROWS_BEFORE)).toEqual([]);
    expect(legacy.some((row) => /^(Android OS|iOS|Windows|OS X|WebPlayer)/.test(row.platform as string))).toBe(true);
    expect(current.filter((row) => !/^\d+\.\d+\.\d+\.x$/.test(row.ip_addr as string))).toEqual([]);
  });

  it("writes timestamps in UTC with seconds and a Z", () => {
    expect(allRows.filter((row) => !TS.test(row.ts as string))).toEqual([]);
  });

  it("leaves track fields empty on podcast rows", () => {
    const podcasts = allRows.filter((row) => row.spotify_episode_uri !== null);
    expect(podcasts.length).toBeGreaterThan(0);
    const withTrackFields = podcasts.filter(
      (row) =>
        row.master_metadata_track_name !== null ||
        row.master_metadata_album_artist_name !== null ||
        row.master_metadata_album_album_name !== null ||
        row.spotify_track_uri !== null ||
        typeof row.episode_name !== "string" ||
        typeof row.episode_show_name !== "string",
    );
    expect(withTrackFields).toEqual([]);
    const songs = allRows.filter((row) => row.spotify_track_uri !== null);
    expect(
      songs.filter((row) => !/^spotify:track:[0-9A-Za-z]{22}$/.test(row.spotify_track_uri as string) || row.episode_name !== null),
    ).toEqual([]);
  });

  it("reads back to every stream once, plus the duplicates it injects", () => {
    const unique = new Set(allRows.map((row) => JSON.stringify(row)));
    const duplicates = allRows.length - unique.size;
    expect(duplicates).toBeGreaterThan(0);
    expect(unique.size).toBe(streams.length);
    expect(allRows.length).toBe(streams.length + duplicates);
    const written = new Set(allRows.map(rowKey));
    expect(streams.filter((stream) => !written.has(streamKey(stream)))).toEqual([]);
  });

  it("has the quirks of real exports", () => {
    const timesOf = (rows: Row[]) => rows.map((row) => Date.parse(row.ts as string));
    // Out of order inside a file and across files.
    expect(audioRows.some((rows) => timesOf(rows).some((time, index, times) => index > 0 && time < (times[index - 1] ?? 0)))).toBe(true);
    const ranges = audioRows.map((rows) => ({ from: Math.min(...timesOf(rows)), to: Math.max(...timesOf(rows)) }));
    expect(ranges.some((range, index) => index > 0 && range.from < (ranges[index - 1]?.to ?? 0))).toBe(true);
    // Jackson spacing in one file, a BOM before another's "[", zero-length plays.
    expect(audio.filter((file) => /\n {2}"ts" : "/.test(file.content))).toHaveLength(1);
    expect(audio.filter((file) => file.content.startsWith("\uFEFF["))).toHaveLength(1);
    expect(audio.filter((file) => /^\uFEFF?\[/.test(file.content))).toHaveLength(audio.length);
    expect(allRows.some((row) => row.ms_played === 0)).toBe(true);
    // Offline time in seconds on current rows, in milliseconds on older ones.
    const offline = allRows.filter((row) => typeof row.offline_timestamp === "number");
    expect(offline.some((row) => (row.offline_timestamp as number) < 1e11)).toBe(true);
    expect(offline.some((row) => (row.offline_timestamp as number) > 1e12)).toBe(true);
  });

  it("writes video rows without offline information", () => {
    const rows = video.flatMap(parse);
    expect(rows.length).toBeGreaterThan(0);
    expect(
      rows.filter((row) => row.offline !== null || row.offline_timestamp !== null || Object.keys(row).join() !== EXTENDED_FIELDS.join()),
    ).toEqual([]);
  });

  it("writes one clean, sorted export without quirks", () => {
    const clean = writeExtendedHistory(streams, catalog, { maxBytesPerFile: MAX_BYTES, quirks: false }).filter((file) =>
      file.name.includes("_Audio_"),
    );
    const rows = clean.flatMap((file) => JSON.parse(file.content) as Row[]);
    expect(rows).toHaveLength(streams.length);
    expect(clean.some((file) => file.content.startsWith("\uFEFF") || file.content.includes('" : '))).toBe(false);
    expect(rows.filter((row) => Object.keys(row).join() !== EXTENDED_FIELDS.join())).toEqual([]);
    expect(rows.map(rowKey)).toEqual(streams.map(streamKey));
  });

  it("rejects a byte limit too small for one row and writes nothing for no streams", () => {
    expect(() => writeExtendedHistory(streams, catalog, { maxBytesPerFile: 100 })).toThrow(RangeError);
    expect(writeExtendedHistory([], catalog)).toEqual([]);
  });
});

describe("writeAccountData", () => {
  const everything = writeAccountData(streams, catalog, { since: new Date(0) });
  const byName = new Map(everything.map((file) => [file.name, file]));

  it("writes the account package's files", () => {
    const names = everything.map((file) => file.name);
    expect(names.filter((name) => /^StreamingHistory_music_\d+\.json$/.test(name))).toEqual([
      "StreamingHistory_music_0.json",
      "StreamingHistory_music_1.json",
    ]);
    expect(names).toContain("StreamingHistory_podcast_0.json");
    expect(names).toContain("Userdata.json");
    expect(names).toContain("Identity.json");
    const userdata = JSON.parse(byName.get("Userdata.json")?.content ?? "{}") as Row;
    expect(userdata.country).toBe("DE");
    expect(userdata.email).toMatch(/@example\.com$/);
  });

  it("splits music at 10,000 records with minute-precision end times", () => {
    const music = everything
      .filter((file) => file.name.startsWith("StreamingHistory_music_"))
      .map((file) => JSON.parse(file.content) as Row[]);
    for (const rows of music) expect(rows.length).toBeLessThanOrEqual(ACCOUNT_DATA_ROWS_PER_FILE);
    expect(music[0]).toHaveLength(ACCOUNT_DATA_ROWS_PER_FILE);
    const rows = music.flat();
    expect(rows.filter((row) => Object.keys(row).join() !== "endTime,artistName,trackName,msPlayed")).toEqual([]);
    expect(rows.filter((row) => !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(row.endTime as string))).toEqual([]);
    const podcasts = JSON.parse(byName.get("StreamingHistory_podcast_0.json")?.content ?? "[]") as Row[];
    expect(podcasts.filter((row) => Object.keys(row).join() !== "endTime,podcastName,episodeName,msPlayed")).toEqual([]);
    expect(rows.length + podcasts.length).toBe(streams.length);
    expect(byName.get("StreamingHistory_music_0.json")?.content).toContain('"endTime" : "');
  });

  it("covers the last year by default", () => {
    const lastYear = writeAccountData(streams, catalog).filter((file) => file.name.startsWith("StreamingHistory_"));
    const rows = lastYear.flatMap((file) => JSON.parse(file.content) as Row[]);
    const last = streams[streams.length - 1]?.ts.getTime() ?? 0;
    const expected = streams.filter((stream) => stream.ts.getTime() >= last - 365 * 86_400_000).length;
    expect(rows).toHaveLength(expected);
    expect(rows.length).toBeLessThan(streams.length / 4);
  });
});
