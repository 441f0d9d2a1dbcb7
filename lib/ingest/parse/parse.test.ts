import { describe, expect, it } from "vitest";
import {
  EXTENDED_FIELDS,
  generateListeningHistory,
  getDemoCatalog,
  LEGACY_EXTENDED_FIELDS,
  LEGACY_ROWS_BEFORE,
  writeAccountData,
  writeExtendedHistory,
  type ExportFile,
} from "@/lib/demo";
import { importRowSchema, rejectionReasons, type RejectionReason } from "../rows";
import { DEFAULT_MAX_FILE_BYTES, MAX_REJECTED_SAMPLES, parseExportFile, type ParsedFile, type ParseOptions } from "./index";

type Row = Record<string, unknown>;

const END = new Date("2026-11-01T00:00:00Z");
const NOW = END;
const options: ParseOptions = { now: NOW };
const catalog = getDemoCatalog();
const streams = generateListeningHistory({ plays: 20_000, years: 10, end: END });
const files = writeExtendedHistory(streams, catalog, { maxBytesPerFile: 2_000_000 });
const audio = files.filter((file) => file.name.startsWith("Streaming_History_Audio_"));
const video = files.filter((file) => file.name.startsWith("Streaming_History_Video_"));
const rawRows = (file: ExportFile): Row[] => JSON.parse(file.content.replace(/^\uFEFF/, "")) as Row[];
const parsedAudio = audio.map((file) => parseExportFile(file.name, file.content, options));

const ROW_KEYS = Object.keys(importRowSchema.shape).sort();
const PERSONAL_FIELDS = ["ip_addr", "ip_addr_decrypted", "user_agent_decrypted", "username", "offline_timestamp"];

const sumRejected = (file: ParsedFile) => Object.values(file.rejected).reduce((sum, count) => sum + count, 0);

/** The contract every parsed file keeps, whatever went in. */
function expectConsistent(file: ParsedFile): void {
  expect(file.rowsRead, file.name).toBe(file.rows.length + sumRejected(file));
  expect(Object.keys(file.rejected).sort()).toEqual(Object.keys(rejectionReasons).sort());
  expect(file.rejectedSamples.length).toBe(Math.min(MAX_REJECTED_SAMPLES, sumRejected(file)));
  if (file.error) {
    expect(file.rows).toEqual([]);
    expect(file.rowsRead).toBe(0);
    expect(file.error.message).toContain(file.name.split("/").at(-1));
  }
  for (const row of file.rows) {
    expect(Object.keys(row).sort()).toEqual(ROW_KEYS);
    expect(importRowSchema.safeParse(row).success, JSON.stringify(row)).toBe(true);
  }
}

/** A current-format extended row (every field), with overrides. */
function extendedRaw(overrides: Row = {}): Row {
  return {
    ts: "2023-02-25T11:20:37Z",
    platform: "android",
    ms_played: 215_000,
    conn_country: "DE",
    ip_addr: "203.0.113.x",
    master_metadata_track_name: "Song",
    master_metadata_album_artist_name: "Artist",
    master_metadata_album_album_name: "Album",
    spotify_track_uri: "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
    episode_name: null,
    episode_show_name: null,
    spotify_episode_uri: null,
    audiobook_title: null,
    audiobook_uri: null,
    audiobook_chapter_uri: null,
    audiobook_chapter_title: null,
    reason_start: "clickrow",
    reason_end: "trackdone",
    shuffle: false,
    skipped: false,
    offline: false,
    offline_timestamp: 1677323975,
    incognito_mode: false,
    ...overrides,
  };
}

const AUDIO_NAME = "Streaming_History_Audio_2023_0.json";
const parseRows = (rows: unknown[], name = AUDIO_NAME, parseOptions: ParseOptions = options) => {
  const parsed = parseExportFile(name, JSON.stringify(rows, null, 2), parseOptions);
  expectConsistent(parsed);
  return parsed;
};
const onlyRejection = (file: ParsedFile): RejectionReason[] => file.rejectedSamples.map((sample) => sample.reason);

describe("a generated extended export", () => {
  it("reads every row of every file exactly once", () => {
    parsedAudio.forEach((parsed, index) => {
      expectConsistent(parsed);
      expect(parsed.error).toBeUndefined();
      expect(parsed.kind).toBe("extended-audio");
      expect(parsed.rowsRead).toBe(audio[index]?.records);
    });
    const read = parsedAudio.reduce((sum, parsed) => sum + parsed.rowsRead, 0);
    expect(read).toBe(audio.reduce((sum, file) => sum + file.records, 0));
    expect(read).toBeGreaterThan(streams.length);
  });

  it("keeps the music, rejects the podcasts and the repeats within a file", () => {
    let podcasts = 0;
    let duplicates = 0;
    audio.forEach((file, index) => {
      const rows = rawRows(file);
      const filePodcasts = rows.filter((row) => row.spotify_episode_uri !== null).length;
      const seen = new Set<string>();
      let fileDuplicates = 0;
      for (const row of rows) {
        if (row.spotify_episode_uri !== null) continue;
        const key = `${row.ts as string}|${row.spotify_track_uri as string}|${row.ms_played as number}`;
        if (seen.has(key)) fileDuplicates++;
        seen.add(key);
      }
      const parsed = parsedAudio[index] as ParsedFile;
      expect(parsed.rejected.podcast_episode, file.name).toBe(filePodcasts);
      expect(parsed.rejected.duplicate_in_file, file.name).toBe(fileDuplicates);
      expect(parsed.rows.length, file.name).toBe(rows.length - filePodcasts - fileDuplicates);
      expect(sumRejected(parsed)).toBe(filePodcasts + fileDuplicates);
      podcasts += filePodcasts;
      duplicates += fileDuplicates;
    });
    expect(podcasts).toBeGreaterThan(0);
    expect(duplicates).toBeGreaterThan(0);
    const musicStreams = streams.filter((stream) => stream.trackId !== null).length;
    const kept = parsedAudio.reduce((sum, parsed) => sum + parsed.rows.length, 0);
    // Repeats that landed in another file are for the importer's cross-file de-duplication.
    expect(kept).toBeGreaterThanOrEqual(musicStreams);
    expect(kept - musicStreams).toBeLessThan(20);
  });

  it("carries no personal field into any row", () => {
    const rows = parsedAudio.flatMap((parsed) => parsed.rows);
    expect(rows.filter((row) => Object.keys(row).some((key) => PERSONAL_FIELDS.includes(key)))).toEqual([]);
    expect(rows.filter((row) => Object.keys(row).sort().join() !== ROW_KEYS.join())).toEqual([]);
    const text = JSON.stringify(rows);
    expect(text).not.toMatch(/echotune-demo-|203\.0\.113\.|198\.51\.100\.|192\.0\.2\.|Mozilla|Spotify\/\d/);
  });

  it("maps the fields of a stream", () => {
    const file = audio[1] as ExportFile;
    const raw = rawRows(file).find((row) => row.spotify_track_uri !== null && Date.parse(row.ts as string) >= LEGACY_ROWS_BEFORE) as Row;
    const endedAt = (raw.ts as string).replace("Z", ".000Z");
    const trackId = (raw.spotify_track_uri as string).slice("spotify:track:".length);
    const row = (parsedAudio[1] as ParsedFile).rows.find((candidate) => candidate.endedAt === endedAt && candidate.trackId === trackId);
    expect(row).toEqual({
      kind: "extended",
      endedAt,
      trackId,
      trackName: raw.master_metadata_track_name,
      artistName: raw.master_metadata_album_artist_name,
      albumName: raw.master_metadata_album_album_name,
      msPlayed: raw.ms_played,
      platform: raw.platform,
      reasonStart: raw.reason_start,
      reasonEnd: raw.reason_end,
      shuffle: raw.shuffle,
      skipped: raw.skipped,
      offline: raw.offline,
      incognito: raw.incognito_mode,
      country: raw.conn_country,
    });
  });

  it("keeps zero-length plays", () => {
    const kept = new Set(parsedAudio.flatMap((parsed) => parsed.rows).map((row) => `${row.endedAt}|${row.trackId}|${row.msPlayed}`));
    const zero = audio.flatMap(rawRows).filter((row) => row.ms_played === 0 && row.spotify_track_uri !== null);
    expect(zero.length).toBeGreaterThan(0);
    const key = (row: Row) => `${(row.ts as string).replace("Z", ".000Z")}|${(row.spotify_track_uri as string).slice(14)}|0`;
    expect(zero.filter((row) => !kept.has(key(row)))).toEqual([]);
  });

  it("reads the Jackson-spaced file, the file behind a BOM and the pre-2019 rows", () => {
    const jackson = audio.findIndex((file) => file.content.includes('"ts" : "'));
    const bom = audio.findIndex((file) => file.content.startsWith("\uFEFF"));
    expect(jackson).toBeGreaterThanOrEqual(0);
    expect(bom).toBeGreaterThanOrEqual(0);
    expect(parsedAudio[jackson]?.rows.length).toBeGreaterThan(0);
    expect(parsedAudio[bom]?.rows.length).toBeGreaterThan(0);
    const legacy = parsedAudio.flatMap((parsed) => parsed.rows).filter((row) => Date.parse(row.endedAt) < LEGACY_ROWS_BEFORE);
    expect(legacy.length).toBeGreaterThan(100);
    // The long platform names of the time, kept as given, and the `skipped` they left empty.
    expect(legacy.every((row) => row.skipped === null && row.platform !== null && row.platform.length > 12)).toBe(true);
  });

  it("skips the video file with a message", () => {
    const file = video[0] as ExportFile;
    const parsed = parseExportFile(file.name, file.content, options);
    expectConsistent(parsed);
    expect(parsed.kind).toBe("extended-video");
    expect(parsed.rows).toEqual([]);
    expect(parsed.rowsRead).toBe(file.records);
    expect(parsed.rejected.video).toBe(file.records);
    expect(parsed.message).toMatch(/video/i);
    expect(parsed.message).toContain(file.name);
  });

  it("finds no duplicates in a clean export", () => {
    const clean = writeExtendedHistory(streams.slice(0, 3_000), catalog, { quirks: false, maxBytesPerFile: 1_000_000 });
    for (const file of clean.filter((candidate) => candidate.name.includes("_Audio_"))) {
      const parsed = parseExportFile(file.name, file.content, options);
      expectConsistent(parsed);
      expect(parsed.rejected.duplicate_in_file).toBe(0);
    }
  });
});

describe("extended rows", () => {
  it("reads the pre-2019 field set and an endsong file", () => {
    const legacy: Row = {
      ts: "2016-05-02T21:13:07Z",
      username: "someone",
      platform: "Android OS 7.0 API 24 (samsung, SM-G930F)",
      ms_played: 187_000,
      conn_country: "SE",
      ip_addr_decrypted: "198.51.100.23",
      user_agent_decrypted: "unknown",
      master_metadata_track_name: "  Old Song ",
      master_metadata_album_artist_name: "Old Artist",
      master_metadata_album_album_name: "Old Album",
      spotify_track_uri: "spotify:track:6rqhFgbbKwnb9MLmUQDhG6",
      episode_name: null,
      episode_show_name: null,
      spotify_episode_uri: null,
      reason_start: "trackdone",
      reason_end: "trackdone",
      shuffle: true,
      skipped: null,
      offline: false,
      offline_timestamp: 1462223400000,
      incognito_mode: false,
    };
    expect(Object.keys(legacy)).toEqual([...LEGACY_EXTENDED_FIELDS]);
    const parsed = parseRows([legacy], "endsong_0.json");
    expect(parsed.kind).toBe("extended-audio");
    expect(parsed.rows).toEqual([
      {
        kind: "extended",
        endedAt: "2016-05-02T21:13:07.000Z",
        trackId: "6rqhFgbbKwnb9MLmUQDhG6",
        trackName: "Old Song",
        artistName: "Old Artist",
        albumName: "Old Album",
        msPlayed: 187_000,
        platform: "Android OS 7.0 API 24 (samsung, SM-G930F)",
        reasonStart: "trackdone",
        reasonEnd: "trackdone",
        shuffle: true,
        skipped: null,
        offline: false,
        incognito: false,
        country: "SE",
      },
    ]);
  });

  it("tolerates extra and missing optional keys", () => {
    expect(Object.keys(extendedRaw())).toEqual([...EXTENDED_FIELDS]);
    const minimal = {
      ts: "2023-02-25T11:20:37Z",
      ms_played: 0,
      master_metadata_track_name: "Song",
      master_metadata_album_artist_name: "Artist",
    };
    const parsed = parseRows([minimal, extendedRaw({ something_new: { nested: true } })]);
    expect(parsed.rows).toHaveLength(2);
    expect(parsed.rows[0]).toMatchObject({
      trackId: null,
      albumName: null,
      platform: null,
      shuffle: null,
      offline: null,
      country: null,
      msPlayed: 0,
    });
  });

  it("rejects podcast and audiobook rows", () => {
    const podcast = extendedRaw({
      master_metadata_track_name: null,
      master_metadata_album_artist_name: null,
      master_metadata_album_album_name: null,
      spotify_track_uri: null,
      episode_name: "Episode 12",
      episode_show_name: "The Show",
      spotify_episode_uri: "spotify:episode:0Q86acNRm6V9GYx55SXKwf",
    });
    const bareEpisode = extendedRaw({ ...podcast, episode_name: null, episode_show_name: null });
    const audiobook = extendedRaw({
      master_metadata_track_name: null,
      master_metadata_album_artist_name: null,
      master_metadata_album_album_name: null,
      spotify_track_uri: null,
      audiobook_title: "A Book",
      audiobook_uri: "spotify:audiobook:7iHfbu1YPACw6oZPAFJtqe",
      audiobook_chapter_uri: "spotify:chapter:2b0yT5sTFpKsvXqQOTWeYw",
      audiobook_chapter_title: "Chapter 1",
    });
    const parsed = parseRows([podcast, bareEpisode, audiobook, extendedRaw()]);
    expect(parsed.rejected).toMatchObject({ podcast_episode: 2, audiobook: 1 });
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rejectedSamples).toEqual([
      { index: 0, reason: "podcast_episode", field: "episode_name" },
      { index: 1, reason: "podcast_episode", field: "spotify_episode_uri" },
      { index: 2, reason: "audiobook", field: "audiobook_title" },
    ]);
  });

  it("rejects rows with null metadata as missing fields", () => {
    const parsed = parseRows([
      extendedRaw({
        master_metadata_track_name: null,
        master_metadata_album_artist_name: null,
        master_metadata_album_album_name: null,
        spotify_track_uri: null,
      }),
      extendedRaw({ master_metadata_track_name: null }),
      extendedRaw({ master_metadata_album_artist_name: "   " }),
      extendedRaw({ ts: null }),
      extendedRaw({ ms_played: undefined }),
      extendedRaw({ master_metadata_album_album_name: null }),
    ]);
    expect(parsed.rejected.missing_fields).toBe(5);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rows[0]?.albumName).toBeNull();
  });

  it("rejects timestamps more than a day in the future", () => {
    const at = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
    const parsed = parseRows([
      extendedRaw({ ts: at(NOW.getTime() + 2 * 86_400_000) }),
      extendedRaw({ ts: "2099-01-01T00:00:00Z" }),
      extendedRaw({ ts: at(NOW.getTime() + 12 * 3_600_000) }),
      extendedRaw({ ts: at(NOW.getTime() - 1_000) }),
    ]);
    expect(parsed.rejected.future_timestamp).toBe(2);
    expect(parsed.rows).toHaveLength(2);
    expect(onlyRejection(parsed)).toEqual(["future_timestamp", "future_timestamp"]);
  });

  it("uses the clock when no `now` is given", () => {
    const parsed = parseRows([extendedRaw({ ts: "2099-01-01T00:00:00Z" }), extendedRaw()], AUDIO_NAME, {});
    expect(parsed.rejected.future_timestamp).toBe(1);
    expect(parsed.rows).toHaveLength(1);
  });

  it("rejects malformed timestamps", () => {
    const bad = [
      "2023-02-30T10:00:00Z",
      "2023-13-01T10:00:00Z",
      "2023-02-25T24:00:00Z",
      "2023-02-25T11:60:00Z",
      "2023-02-25 11:20:37",
      "2023-02-25T11:20:37",
      "2023-02-25",
      "25/02/2023 11:20",
      "Sat Feb 25 2023 11:20:37 GMT+0000",
      "yesterday",
      "2023-02-25T11:20:37ZZ",
      "0023-02-25T11:20:37Z",
    ];
    const parsed = parseRows(bad.map((ts) => extendedRaw({ ts })));
    expect(parsed.rejected.malformed_timestamp).toBe(bad.length);
    expect(parsed.rows).toEqual([]);
  });

  it("normalises the ISO forms it accepts", () => {
    const forms: Array<[string, string]> = [
      ["2023-02-25T11:20:37Z", "2023-02-25T11:20:37.000Z"],
      ["2023-02-25T11:20:37.123Z", "2023-02-25T11:20:37.123Z"],
      ["2023-02-25T11:20:37.5Z", "2023-02-25T11:20:37.500Z"],
      ["2023-02-25T12:20:37+01:00", "2023-02-25T11:20:37.000Z"],
      ["2023-02-25T06:20:37-0500", "2023-02-25T11:20:37.000Z"],
      ["2023-02-25T11:20Z", "2023-02-25T11:20:00.000Z"],
      ["2024-02-29T23:59:59Z", "2024-02-29T23:59:59.000Z"],
    ];
    const parsed = parseRows(forms.map(([ts], index) => extendedRaw({ ts, ms_played: index })));
    expect(parsed.rows.map((row) => row.endedAt)).toEqual(forms.map(([, expected]) => expected));
  });

  it("rejects values of the wrong type", () => {
    const bad: Row[] = [
      { ms_played: "215000" },
      { ms_played: -1 },
      { ms_played: 1.5 },
      { ms_played: 25 * 3_600_000 },
      { shuffle: "yes" },
      { skipped: 0 },
      { incognito_mode: "false" },
      { platform: 5 },
      { conn_country: ["DE"] },
      { reason_start: { why: "clickrow" } },
      { master_metadata_track_name: 42 },
      { master_metadata_album_album_name: false },
      { master_metadata_track_name: "x".repeat(4_097) },
      { spotify_track_uri: 123 },
      { ts: 1677323975 },
    ];
    const parsed = parseRows([...bad.map((overrides) => extendedRaw(overrides)), null, 7, "row", [1, 2], extendedRaw()]);
    expect(parsed.rejected.invalid_value).toBe(bad.length + 4);
    expect(parsed.rows).toHaveLength(1);
    expect(parsed.rowsRead).toBe(bad.length + 5);
  });

  it("keeps real long titles: a track with thirty featured artists, about 560 characters", () => {
    const featured = Array.from({ length: 30 }, (_, index) => `Featured Artist Number ${index + 1}`).join(", ");
    const title = `We Are the World 25 for Haiti (feat. ${featured})`;
    expect(title.length).toBeGreaterThan(550);
    const parsed = parseRows([extendedRaw({ master_metadata_track_name: title, master_metadata_album_album_name: title })]);
    expect(parsed.rejected.invalid_value).toBe(0);
    expect(parsed.rows[0]?.trackName).toBe(title);
    expect(importRowSchema.safeParse(parsed.rows[0]).success).toBe(true);
  });

  it("keeps a row whose track URI is not a track URI, without an id", () => {
    const parsed = parseRows([
      extendedRaw({ spotify_track_uri: "spotify:local:Artist:Album:Song:215" }),
      extendedRaw({ spotify_track_uri: "spotify:track:tooShort", ms_played: 1 }),
      extendedRaw({ spotify_track_uri: "spotify:track:4uLU6hMCjMI75M1A2tKUQ!", ms_played: 2 }),
    ]);
    expect(parsed.rows.map((row) => row.trackId)).toEqual([null, null, null]);
  });

  it("counts exact repeats within a file once and keeps the first", () => {
    const first = extendedRaw({ platform: "ios" });
    const parsed = parseRows([
      first,
      extendedRaw({ platform: "ios" }),
      extendedRaw({ ms_played: 1_000 }),
      extendedRaw({ spotify_track_uri: "spotify:track:6rqhFgbbKwnb9MLmUQDhG6", master_metadata_track_name: "Other" }),
      extendedRaw({ ts: "2023-02-25T11:20:38Z" }),
      extendedRaw({ ms_played: 1_000 }),
      extendedRaw({ ts: "2023-02-25T12:20:37+01:00" }),
    ]);
    expect(parsed.rejected.duplicate_in_file).toBe(3);
    expect(parsed.rows).toHaveLength(4);
    expect(parsed.rejectedSamples).toEqual([
      { index: 1, reason: "duplicate_in_file", field: null },
      { index: 5, reason: "duplicate_in_file", field: null },
      { index: 6, reason: "duplicate_in_file", field: null },
    ]);
    expect(parsed.rows[0]?.platform).toBe("ios");
  });

  it("keeps only the first 20 rejections as samples", () => {
    const parsed = parseRows([...Array.from({ length: 30 }, () => extendedRaw({ ts: "nope" })), extendedRaw()]);
    expect(parsed.rejected.malformed_timestamp).toBe(30);
    expect(parsed.rejectedSamples).toHaveLength(MAX_REJECTED_SAMPLES);
    expect(parsed.rejectedSamples.map((sample) => sample.index)).toEqual(Array.from({ length: 20 }, (_, index) => index));
  });
});

describe("account data", () => {
  const account = writeAccountData(streams, catalog, { since: new Date(0) });
  const music = account.filter((file) => file.name.startsWith("StreamingHistory_music_"));

  it("parses the short music history at minute precision, without ids or albums", () => {
    expect(music.length).toBeGreaterThan(1);
    let kept = 0;
    for (const file of music) {
      const parsed = parseExportFile(`Spotify Account Data/${file.name}`, file.content, options);
      expectConsistent(parsed);
      expect(parsed.kind).toBe("account-music");
      expect(parsed.rowsRead).toBe(file.records);
      expect(parsed.message).toMatch(/Account data package.*Extended streaming history/s);
      const raw = rawRows(file);
      const repeats = raw.length - new Set(raw.map((row) => JSON.stringify(row))).size;
      expect(parsed.rejected.duplicate_in_file).toBe(repeats);
      expect(parsed.rows).toHaveLength(raw.length - repeats);
      for (const row of parsed.rows) {
        expect(row.endedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
        expect(row).toMatchObject({ kind: "account", trackId: null, albumName: null, platform: null, shuffle: null, country: null });
      }
      const first = raw[0] as Row;
      expect(parsed.rows[0]).toMatchObject({
        endedAt: `${(first.endTime as string).replace(" ", "T")}:00.000Z`,
        trackName: first.trackName,
        artistName: first.artistName,
        msPlayed: first.msPlayed,
      });
      kept += parsed.rows.length;
    }
    expect(kept).toBeGreaterThan(10_000);
  });

  it("reads the older StreamingHistory<N>.json and rejects bad account rows", () => {
    const rows = [
      { endTime: "2019-03-01 08:15", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-03-01 08:15", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-03-01 08:16", artistName: null, trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-03-01T08:17", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-03-01 08:17:30", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-02-29 08:18", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "01.03.2019 08:18", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2099-03-01 08:18", artistName: "Artist", trackName: "Song", msPlayed: 12_000 },
      { endTime: "2019-03-01 08:19", artistName: "Artist", trackName: "Song", msPlayed: "12000" },
      { endTime: "2019-03-01 08:20", podcastName: "Show", episodeName: "Episode", msPlayed: 12_000 },
    ];
    const parsed = parseRows(rows, "StreamingHistory0.json");
    expect(parsed.kind).toBe("account-music");
    expect(parsed.rejected).toMatchObject({
      duplicate_in_file: 1,
      missing_fields: 1,
      malformed_timestamp: 2,
      future_timestamp: 1,
      invalid_value: 1,
      podcast_episode: 1,
    });
    expect(parsed.rows.map((row) => row.endedAt)).toEqual([
      "2019-03-01T08:15:00.000Z",
      "2019-03-01T08:17:00.000Z",
      "2019-03-01T08:17:30.000Z",
    ]);
  });

  it("rejects every podcast and audiobook play with a message", () => {
    const podcasts = account.find((file) => file.name.startsWith("StreamingHistory_podcast_")) as ExportFile;
    const parsed = parseExportFile(podcasts.name, podcasts.content, options);
    expectConsistent(parsed);
    expect(parsed.kind).toBe("account-podcast");
    expect(parsed.rowsRead).toBe(podcasts.records);
    expect(parsed.rejected.podcast_episode).toBe(podcasts.records);
    expect(parsed.message).toMatch(/podcast.*music only/s);

    const books = parseRows(
      [
        { endTime: "2024-01-10 20:57", audiobookName: "A Book", chapterName: "Chapter 1", authorName: "An Author", msPlayed: 1_000 },
        { endTime: "2024-01-10 21:57", audiobookName: "A Book", chapterName: "Chapter 2", authorName: "An Author", msPlayed: 2_000 },
      ],
      "StreamingHistory_audiobook_0.json",
    );
    expect(books.kind).toBe("account-audiobook");
    expect(books.rejected.audiobook).toBe(2);
    expect(books.message).toMatch(/audiobook.*music only/s);
  });

  it("points the profile files to the extended history instead", () => {
    for (const name of ["Userdata.json", "Identity.json"]) {
      const file = account.find((candidate) => candidate.name === name) as ExportFile;
      const parsed = parseExportFile(file.name, file.content, options);
      expectConsistent(parsed);
      expect(parsed.kind).toBe("wrong-package");
      expect(parsed.rowsRead).toBe(0);
      expect(parsed.error).toBeUndefined();
      expect(parsed.message).toContain(name);
      expect(parsed.message).toMatch(/Account data package.*Extended streaming history.*spotify\.com\/account\/privacy/s);
    }
  });
});

describe("other files", () => {
  it("explains the read-me PDF and files it does not know", () => {
    const readme = parseExportFile("ReadMeFirst_ExtendedStreamingHistory.pdf", "%PDF-1.7\n…", options);
    expect(readme).toMatchObject({ kind: "readme", rowsRead: 0, rows: [] });
    expect(readme.message).toMatch(/guide.*Streaming_History_Audio_/s);
    const photo = parseExportFile("holiday.jpg", "\u00ff\u00d8\u00ff\u00e0", options);
    expect(photo).toMatchObject({ kind: "unknown", rowsRead: 0 });
    expect(photo.error).toBeUndefined();
    expect(photo.message).toMatch(/holiday\.jpg.*not a file EchoTune recognises/s);
    for (const parsed of [readme, photo]) expectConsistent(parsed);
  });

  it("parses renamed files by what their rows are", () => {
    const file = audio[2] as ExportFile;
    const renamed = parseExportFile("my spotify history.json", file.content, options);
    expectConsistent(renamed);
    expect(renamed.kind).toBe("extended-audio");
    expect(renamed.rows).toEqual(parsedAudio[2]?.rows);

    const account = writeAccountData(streams.slice(-500), catalog).find((candidate) =>
      candidate.name.startsWith("StreamingHistory_music_"),
    ) as ExportFile;
    const misnamed = parseExportFile("Streaming_History_Audio_2026_0.json", account.content, options);
    expectConsistent(misnamed);
    expect(misnamed.kind).toBe("account-music");
    expect(misnamed.rows.length).toBeGreaterThan(0);
  });
});

describe("bad input", () => {
  const file = audio[0] as ExportFile;
  const small = JSON.stringify([extendedRaw(), extendedRaw({ ms_played: 1 })], null, 2);

  it("reports malformed JSON with the file, the place and what to do", () => {
    const at = file.content.indexOf('"ms_played"', 100_000);
    const broken = `${file.content.slice(0, at)}}${file.content.slice(at)}`;
    const parsed = parseExportFile(`Spotify Extended Streaming History/${file.name}`, broken, options);
    expectConsistent(parsed);
    expect(parsed.error?.code).toBe("malformed_json");
    const line = broken.slice(0, at).split("\n").length;
    expect(parsed.error?.message).toContain(file.name);
    expect(parsed.error?.message).toContain(`line ${line.toLocaleString("en-US")}`);
    expect(parsed.error?.message).toMatch(/Extract the zip .* again/);
    for (const text of ['[{"ts": 2023-02-25}]', "[1, 2,, 3]", '[{"a": tru}]', "[}", '{"a": 1} x', '["tab\there"]']) {
      const result = parseExportFile(AUDIO_NAME, text, options);
      expectConsistent(result);
      expect(result.error?.code, text).toBe("malformed_json");
    }
  });

  it("strips a BOM and NUL bytes before the JSON", () => {
    for (const prefix of ["\uFEFF", "\u0000", "\u0000\u0000\uFEFF", "\uFEFF\u0000\n  "]) {
      const parsed = parseExportFile(AUDIO_NAME, `${prefix}${small}\u0000`, options);
      expectConsistent(parsed);
      expect(parsed.error).toBeUndefined();
      expect(parsed.rows).toHaveLength(2);
    }
    expect(parseExportFile("renamed.json", `\uFEFF${small}`, options).kind).toBe("extended-audio");
  });

  it("tells a file that ends early from a damaged one", () => {
    for (const cut of [file.content.length - 3, Math.floor(file.content.length / 2), file.content.indexOf('"ts"', 5_000) + 6, 1]) {
      const parsed = parseExportFile(file.name, file.content.slice(0, cut), options);
      expectConsistent(parsed);
      expect(parsed.error?.code, `cut at ${cut}`).toBe("truncated");
      expect(parsed.error?.message).toMatch(/ends too early.*Extract the zip/s);
    }
    for (const text of ['[{"ts": "2023-02-25T11:20:37Z", "ms_played": 12', '[{"ts": "2023-02-', '[{"a": tr', "[1.", "[-", "["]) {
      const parsed = parseExportFile(AUDIO_NAME, text, options);
      expectConsistent(parsed);
      expect(parsed.error?.code, JSON.stringify(text)).toBe("truncated");
    }
  });

  it("says an empty file is empty and what to do, not that it ends too early", () => {
    const cases: Array<[string, string]> = [
      [AUDIO_NAME, ""],
      [AUDIO_NAME, "   \n\t\r\n"],
      [AUDIO_NAME, "\uFEFF"],
      [AUDIO_NAME, "\u0000\u0000"],
      ["my history.json", ""],
      ["notes.txt", ""],
    ];
    for (const [name, text] of cases) {
      const parsed = parseExportFile(name, text, options);
      expectConsistent(parsed);
      expect(parsed.rows).toEqual([]);
      expect(parsed.error?.code, JSON.stringify(text)).toBe("empty_file");
      expect(parsed.error?.message).toBe(
        `${name} is empty: there is nothing in it to import. Export your data again from Spotify's privacy page ` +
          "(spotify.com/account/privacy) and pick the Streaming_History_Audio_*.json files, or upload the whole zip Spotify sends.",
      );
      expect(parsed.error?.message).not.toMatch(/too early|middle of its list/);
    }
  });

  it("says an empty list holds no plays", () => {
    for (const text of ["[]", "\uFEFF[ ]", "[\n]\n"]) {
      const parsed = parseExportFile(AUDIO_NAME, text, options);
      expectConsistent(parsed);
      expect(parsed).toMatchObject({ kind: "extended-audio", rowsRead: 0, rows: [] });
      expect(parsed.error).toBeUndefined();
      expect(parsed.message).toMatch(/no plays/);
    }
  });

  it("refuses a file over the size limit before parsing it", () => {
    const parsed = parseExportFile(file.name, file.content, { ...options, maxBytes: 1_000_000 });
    expectConsistent(parsed);
    expect(parsed.error?.code).toBe("too_large");
    expect(parsed.error?.message).toMatch(/2 MB, more than the 1 MB/);
    expect(parseExportFile(AUDIO_NAME, "x".repeat(101), { maxBytes: 100 }).error?.code).toBe("too_large");
    expect(DEFAULT_MAX_FILE_BYTES).toBe(300_000_000);
    expect(parseExportFile(file.name, file.content, options).error).toBeUndefined();
  });

  it("reports JSON that is not a list of plays", () => {
    const cases: Array<[string, string]> = [
      [AUDIO_NAME, '{"ts": "2023-02-25T11:20:37Z", "ms_played": 1}'],
      [AUDIO_NAME, "42"],
      [AUDIO_NAME, '"text"'],
      [AUDIO_NAME, '[{"id": 1, "name": "x"}, {"id": 2, "name": "y"}]'],
      [AUDIO_NAME, "[[1, 2], [3]]"],
      ["StreamingHistory_music_0.json", '[{"song": "x"}]'],
      ["data.json", '[{"id": 1}]'],
      ["data.json", '{"settings": {"theme": "dark"}}'],
    ];
    for (const [name, text] of cases) {
      const parsed = parseExportFile(name, text, options);
      expectConsistent(parsed);
      expect(parsed.error?.code, text).toBe("unknown_shape");
      expect(parsed.error?.message).toMatch(/so it was skipped.*Streaming_History_Audio_/s);
    }
    expect(parseExportFile("data.json", '[{"id": 1}]', options).kind).toBe("unknown");
  });

  it("skips a file that is not JSON at all (a CSV) with a word saying what to upload", () => {
    const parsed = parseExportFile("history.csv", "ts,track,artist\n2024-01-01T10:00:00Z,Song,Band\n", options);
    expectConsistent(parsed);
    expect(parsed.rows).toEqual([]);
    expect(parsed.error).toBeUndefined();
    expect(parsed.message).toMatch(/^history\.csv is not a file EchoTune recognises .* Streaming_History_Audio_\*\.json/);
  });
});
