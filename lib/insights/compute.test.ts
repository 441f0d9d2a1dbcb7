import { describe, expect, it } from "vitest";
import { emptyIndex, IndexBuilder, type PlayRow, toPlayRow, zonedMidnight } from "@/lib/listening";
import {
  genreCoverage,
  clock,
  discovery,
  findItem,
  genres,
  itemDetail,
  itemKey,
  onThisDay,
  platforms,
  recapYears,
  sessions,
  skips,
  streaks,
  timeline,
  topItems,
  totals,
  yearRecap,
  type InsightQuery,
} from "./compute";

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

interface Play {
  time: string;
  track: "one" | "two" | "halo" | "fresh";
  ms: number;
  artist?: string;
  platform: string;
  skipped?: boolean;
  reasonEnd?: string;
  shuffle?: boolean;
}

const TRACKS = {
  one: { trackKey: "spotify:track:1", trackId: "1", trackName: "Song One", artistName: "Artist A", albumName: "Album X" },
  two: { trackKey: "spotify:track:2", trackId: "2", trackName: "Song Two", artistName: "Artist A", albumName: "Album X" },
  halo: { trackKey: "beyonce|halo", trackId: null, trackName: "Halo", artistName: "Beyoncé", albumName: "I Am" },
  fresh: { trackKey: "spotify:track:4", trackId: "4", trackName: "Fresh", artistName: "New Artist", albumName: null },
} as const;

// Rows r0 … r9 in time order; see each test for the sums.
const PLAYS: Play[] = [
  { time: "2023-01-02T12:00:00Z", track: "halo", ms: 200_000, platform: "iOS 14.4 (iPhone12,1)" }, // r0
  { time: "2024-01-01T10:03:00Z", track: "one", ms: 180_000, platform: "Android OS 9 API 28 (samsung, SM-G960F)" }, // r1
  { time: "2024-01-01T10:06:00Z", track: "two", ms: 180_000, platform: "android" }, // r2
  { time: "2024-01-01T10:09:00Z", track: "halo", ms: 180_000, artist: "Beyonce", platform: "web_player linux ;chrome 90" }, // r3
  { time: "2024-01-01T10:09:10Z", track: "one", ms: 10_000, platform: "android", reasonEnd: "fwdbtn" }, // r4
  { time: "2024-01-02T20:05:00Z", track: "one", ms: 300_000, platform: "Windows 10 (10.0.19041; x64)" }, // r5
  { time: "2024-01-02T20:06:00Z", track: "halo", ms: 20_000, platform: "windows" }, // r6
  { time: "2024-01-02T20:10:00Z", track: "two", ms: 240_000, platform: "windows", skipped: true }, // r7
  { time: "2024-01-04T08:00:00Z", track: "fresh", ms: 200_000, platform: "ios", shuffle: true }, // r8
  { time: "2024-01-04T08:04:00Z", track: "one", ms: 240_000, platform: "ios" }, // r9
];

function rowOf(play: Play): PlayRow {
  const track = TRACKS[play.track];
  return toPlayRow({
    ...track,
    artistName: play.artist ?? track.artistName,
    playedAt: at(play.time),
    msPlayed: play.ms,
    platform: play.platform,
    skipped: play.skipped ?? null,
    reasonEnd: play.reasonEnd ?? null,
    shuffle: play.shuffle ?? null,
  });
}

function buildIndex(plays: Play[], removed?: ReadonlySet<string>) {
  const builder = new IndexBuilder("listener", 1);
  // Added out of order (the first play first, so its artist spelling is kept): build sorts.
  const [first, ...rest] = plays;
  if (first) builder.add(rowOf(first));
  for (const play of rest.reverse()) builder.add(rowOf(play));
  return builder.build(removed);
}

const index = buildIndex(PLAYS);
const THRESHOLD = 30_000;
const week: InsightQuery = {
  from: at("2024-01-01T00:00:00Z"),
  to: at("2024-01-08T00:00:00Z"),
  timeZone: "UTC",
  listenThresholdMs: THRESHOLD,
};
const empty = emptyIndex("nobody");

// Ids are given in order of first play.
const ID = { halo: 0, one: 1, two: 2, fresh: 3, beyonce: 0, artistA: 1, newArtist: 2, iAm: 0, albumX: 1 };

describe("the fixture index", () => {
  it("encodes what the tests rely on", () => {
    expect(index.tracks.map((track) => track.name)).toEqual(["Halo", "Song One", "Song Two", "Fresh"]);
    expect(index.artists.map((artist) => artist.name)).toEqual(["Beyoncé", "Artist A", "New Artist"]);
    expect(index.albums.map((album) => album.name)).toEqual(["I Am", "Album X"]);
    expect(index.platforms).toEqual(["ios", "android", "web", "windows"]);
  });
});

describe("totals", () => {
  it("counts plays, listens, time, skips and distinct tracks, artists and days", () => {
    expect(totals(index, week)).toEqual({ plays: 9, listens: 7, msPlayed: 1_550_000, skips: 3, tracks: 4, artists: 3, days: 3 });
  });

  it("counts local days in the listener's zone", () => {
    // In Tokyo r5 (20:05 UTC on 2 January) is on 3 January: still three days, but the last day moves.
    const tokyo = {
      ...week,
      from: zonedMidnight("2024-01-01", "Asia/Tokyo"),
      to: zonedMidnight("2024-01-08", "Asia/Tokyo"),
      timeZone: "Asia/Tokyo",
    };
    expect(totals(index, tokyo).days).toBe(3);
    expect(
      timeline(index, tokyo, { unit: "day" })
        .filter((day) => day.msPlayed > 0)
        .map((day) => day.start),
    ).toEqual(["2024-01-01", "2024-01-03", "2024-01-04"]);
  });

  it("is all zeros for an empty range or index", () => {
    const zero = { plays: 0, listens: 0, msPlayed: 0, skips: 0, tracks: 0, artists: 0, days: 0 };
    expect(totals(empty, week)).toEqual(zero);
    expect(totals(index, { ...week, from: at("2025-01-01T00:00:00Z"), to: at("2025-02-01T00:00:00Z") })).toEqual(zero);
  });
});

describe("topItems", () => {
  it("ranks tracks by listens, then time, then name", () => {
    expect(topItems(index, week, { kind: "track", by: "plays", limit: 10 })).toEqual([
      {
        id: ID.one,
        key: "spotify:track:1",
        name: "Song One",
        artist: "Artist A",
        plays: 3,
        msPlayed: 730_000,
        firstListenAt: at("2024-01-01T10:03:00Z"),
        totalMsPlayed: 730_000,
      },
      {
        id: ID.two,
        key: "spotify:track:2",
        name: "Song Two",
        artist: "Artist A",
        plays: 2,
        msPlayed: 420_000,
        firstListenAt: at("2024-01-01T10:06:00Z"),
        totalMsPlayed: 420_000,
      },
      {
        id: ID.fresh,
        key: "spotify:track:4",
        name: "Fresh",
        artist: "New Artist",
        plays: 1,
        msPlayed: 200_000,
        firstListenAt: at("2024-01-04T08:00:00Z"),
        totalMsPlayed: 200_000,
      },
      {
        id: ID.halo,
        key: "beyonce|halo",
        name: "Halo",
        artist: "Beyoncé",
        plays: 1,
        msPlayed: 200_000,
        firstListenAt: at("2023-01-02T12:00:00Z"),
        totalMsPlayed: 400_000,
      },
    ]);
  });

  it("ranks artists by time and honours the limit", () => {
    const artists = topItems(index, week, { kind: "artist", by: "time", limit: 2 });
    expect(artists.map(({ name, plays, msPlayed }) => ({ name, plays, msPlayed }))).toEqual([
      { name: "Artist A", plays: 5, msPlayed: 1_150_000 },
      { name: "Beyoncé", plays: 1, msPlayed: 200_000 },
    ]);
    expect(artists[0]).not.toHaveProperty("artist");
  });

  it("ranks albums, leaving out plays without one", () => {
    expect(
      topItems(index, week, { kind: "album", by: "plays", limit: 10 }).map(({ id, name, artist, plays, msPlayed }) => ({
        id,
        name,
        artist,
        plays,
        msPlayed,
      })),
    ).toEqual([
      { id: ID.albumX, name: "Album X", artist: "Artist A", plays: 5, msPlayed: 1_150_000 },
      { id: ID.iAm, name: "I Am", artist: "Beyoncé", plays: 1, msPlayed: 200_000 },
    ]);
  });

  it("leaves out items without a listen when ranking by listens", () => {
    const secondDay = { ...week, from: at("2024-01-02T00:00:00Z"), to: at("2024-01-03T00:00:00Z") };
    expect(topItems(index, secondDay, { kind: "track", by: "plays", limit: 10 }).map((item) => item.name)).toEqual([
      "Song One",
      "Song Two",
    ]);
    expect(topItems(index, secondDay, { kind: "track", by: "time", limit: 10 }).map((item) => item.name)).toEqual([
      "Song One",
      "Song Two",
      "Halo",
    ]);
    expect(topItems(empty, week, { kind: "track", by: "plays", limit: 10 })).toEqual([]);
  });
});

describe("timeline", () => {
  it("buckets listens and time by local day with zero days", () => {
    expect(timeline(index, week, { unit: "day" })).toEqual([
      { start: "2024-01-01", plays: 3, msPlayed: 550_000 },
      { start: "2024-01-02", plays: 2, msPlayed: 560_000 },
      { start: "2024-01-03", plays: 0, msPlayed: 0 },
      { start: "2024-01-04", plays: 2, msPlayed: 440_000 },
      { start: "2024-01-05", plays: 0, msPlayed: 0 },
      { start: "2024-01-06", plays: 0, msPlayed: 0 },
      { start: "2024-01-07", plays: 0, msPlayed: 0 },
    ]);
  });

  it("starts weeks on Monday and months on the first", () => {
    expect(timeline(index, week, { unit: "week" })).toEqual([{ start: "2024-01-01", plays: 7, msPlayed: 1_550_000 }]);
    const fromWednesday = { ...week, from: at("2024-01-03T00:00:00Z"), to: at("2024-01-10T00:00:00Z") };
    expect(timeline(index, fromWednesday, { unit: "week" })).toEqual([
      { start: "2024-01-01", plays: 2, msPlayed: 440_000 },
      { start: "2024-01-08", plays: 0, msPlayed: 0 },
    ]);
    const allTime = { ...week, from: at("2022-12-15T00:00:00Z") };
    const months = timeline(index, allTime, { unit: "month" });
    expect(months).toHaveLength(14);
    expect(months[0]).toEqual({ start: "2022-12-01", plays: 0, msPlayed: 0 });
    expect(months[1]).toEqual({ start: "2023-01-01", plays: 1, msPlayed: 200_000 });
    expect(months[13]).toEqual({ start: "2024-01-01", plays: 7, msPlayed: 1_550_000 });
  });

  it("uses local days across a clock change", () => {
    const berlin = buildIndex([
      { time: "2024-03-30T22:30:00Z", track: "one", ms: 60_000, platform: "ios" }, // 30 Mar 23:30 CET
      { time: "2024-03-30T23:30:00Z", track: "one", ms: 60_000, platform: "ios" }, // 31 Mar 00:30 CET
      { time: "2024-03-31T21:59:00Z", track: "two", ms: 60_000, platform: "ios" }, // 31 Mar 23:59 CEST
      { time: "2024-03-31T22:00:00Z", track: "two", ms: 60_000, platform: "ios" }, // 1 Apr 00:00 CEST
    ]);
    const q = {
      from: zonedMidnight("2024-03-30", "Europe/Berlin"),
      to: zonedMidnight("2024-04-02", "Europe/Berlin"),
      timeZone: "Europe/Berlin",
      listenThresholdMs: THRESHOLD,
    };
    expect(timeline(berlin, q, { unit: "day" })).toEqual([
      { start: "2024-03-30", plays: 1, msPlayed: 60_000 },
      { start: "2024-03-31", plays: 2, msPlayed: 120_000 },
      { start: "2024-04-01", plays: 1, msPlayed: 60_000 },
    ]);
    expect(clock(berlin, q).plays[6]?.[0]).toBe(1);
    expect(clock(berlin, q).plays[6]?.[23]).toBe(1);
  });

  it("is empty for an empty range and all zeros for an empty index", () => {
    expect(timeline(index, { ...week, to: week.from }, { unit: "day" })).toEqual([]);
    expect(timeline(empty, week, { unit: "week" })).toEqual([{ start: "2024-01-01", plays: 0, msPlayed: 0 }]);
  });
});

describe("clock", () => {
  it("puts time by local weekday and hour", () => {
    const result = clock(index, week);
    expect(result.cells).toHaveLength(7);
    expect(result.cells.every((day) => day.length === 24)).toBe(true);
    expect(result.cells[0]?.[10]).toBe(550_000);
    expect(result.plays[0]?.[10]).toBe(3);
    expect(result.cells[1]?.[20]).toBe(560_000);
    expect(result.cells[3]?.[8]).toBe(440_000);
    expect(result.cells.flat().reduce((sum, value) => sum + value, 0)).toBe(1_550_000);
    expect(result.busiestHour).toBe(20);
    expect(result.busiestWeekday).toBe(1);
  });

  it("moves plays to the zone's weekday and hour", () => {
    const tokyo = clock(index, { ...week, from: at("2023-12-31T15:00:00Z"), to: at("2024-01-07T15:00:00Z"), timeZone: "Asia/Tokyo" });
    expect(tokyo.cells[0]?.[19]).toBe(550_000);
    expect(tokyo.cells[2]?.[5]).toBe(560_000);
    expect(tokyo.cells[3]?.[17]).toBe(440_000);
    expect(tokyo.busiestHour).toBe(5);
    expect(tokyo.busiestWeekday).toBe(2);
  });

  it("has no busiest hour without plays", () => {
    const result = clock(empty, week);
    expect(result.busiestHour).toBe(-1);
    expect(result.busiestWeekday).toBe(-1);
    expect(result.cells.flat().every((value) => value === 0)).toBe(true);
  });
});

describe("sessions", () => {
  it("splits plays on gaps and summarises the longest", () => {
    expect(sessions(index, week, { limit: 2 })).toEqual({
      count: 3,
      averageMs: 530_000,
      medianMs: 550_000,
      longest: [
        { start: at("2024-01-02T20:00:00Z"), end: at("2024-01-02T20:10:00Z"), plays: 3, msPlayed: 560_000, topArtist: "Artist A" },
        { start: at("2024-01-01T10:00:00Z"), end: at("2024-01-01T10:09:10Z"), plays: 4, msPlayed: 550_000, topArtist: "Artist A" },
      ],
    });
  });

  it("takes the gap as an option", () => {
    // Without any gap Halo (started 20:05:40, 40 s after Song One ended) opens a fourth session.
    expect(sessions(index, week, { gapMs: 0 }).count).toBe(4);
    expect(sessions(index, week, { gapMs: 3 * MIN }).count).toBe(3);
    expect(sessions(empty, week)).toEqual({ count: 0, averageMs: 0, medianMs: 0, longest: [] });
  });
});

describe("session lengths", () => {
  it("gives the exact median and mean for odd and even counts", () => {
    let seed = 7;
    const random = () => (seed = (seed * 48_271) % 2_147_483_647) % 600_000;
    for (const count of [1, 2, 3, 4, 5, 10, 11, 64, 101]) {
      // One play per hour: every play is its own session, as long as the play.
      const lengths = Array.from({ length: count }, () => 1_000 + (random() % 7) * 10_000);
      const plays: Play[] = lengths.map((ms, n) => ({
        time: new Date(at("2024-02-01T00:00:00Z") + n * 3_600_000).toISOString(),
        track: "one",
        ms,
        platform: "ios",
      }));
      const result = sessions(
        buildIndex(plays),
        { ...week, from: at("2024-02-01T00:00:00Z"), to: at("2024-03-01T00:00:00Z") },
        { limit: 3 },
      );
      const sorted = [...lengths].sort((a, b) => a - b);
      const median =
        count % 2 === 1 ? (sorted[(count - 1) / 2] as number) : ((sorted[count / 2 - 1] as number) + (sorted[count / 2] as number)) / 2;
      expect(result.count).toBe(count);
      expect(result.medianMs).toBe(Math.round(median));
      expect(result.averageMs).toBe(Math.round(lengths.reduce((sum, ms) => sum + ms, 0) / count));
      expect(result.longest.map((session) => session.msPlayed)).toEqual(sorted.slice(-3).reverse());
    }
  });
});

describe("skips", () => {
  it("gives the skip rate and the tracks with at least three plays that were skipped", () => {
    expect(skips(index, week, { limit: 5 })).toEqual({
      rate: 3 / 9,
      mostSkipped: [{ id: ID.one, name: "Song One", artist: "Artist A", skips: 1, plays: 4, rate: 0.25 }],
    });
    expect(skips(empty, week)).toEqual({ rate: 0, mostSkipped: [] });
  });
});

describe("discovery", () => {
  it("counts artists and tracks first listened to in the range and the share of listens on new tracks", () => {
    expect(discovery(index, week)).toEqual({
      newArtistsByMonth: [{ month: "2024-01", count: 2 }],
      newArtists: 2,
      newTracks: 3,
      listens: 7,
      newTrackShare: 6 / 7,
      everythingNew: false,
      byYear: [{ year: 2024, newArtists: 2, newTracks: 3, listens: 7, newTrackListens: 6, newTrackShare: 6 / 7 }],
    });
  });

  it("lists every month of the range, and per year the share of listens on tracks first heard that year", () => {
    const result = discovery(index, { ...week, from: at("2023-01-01T00:00:00Z"), to: at("2024-02-01T00:00:00Z") });
    expect(result.newArtistsByMonth).toHaveLength(13);
    expect(result.newArtistsByMonth[0]).toEqual({ month: "2023-01", count: 1 });
    expect(result.newArtistsByMonth[6]).toEqual({ month: "2023-07", count: 0 });
    expect(result.newArtistsByMonth[12]).toEqual({ month: "2024-01", count: 2 });
    expect(result.newArtists).toBe(3);
    expect(result.newTracks).toBe(4);
    // Nothing comes before the range: every listen is "new", so the years tell more.
    expect(result.newTrackShare).toBe(1);
    expect(result.everythingNew).toBe(true);
    // Halo, first heard in 2023, is not new in 2024.
    expect(result.byYear).toEqual([
      { year: 2023, newArtists: 1, newTracks: 1, listens: 1, newTrackListens: 1, newTrackShare: 1 },
      { year: 2024, newArtists: 2, newTracks: 3, listens: 7, newTrackListens: 6, newTrackShare: 6 / 7 },
    ]);
    expect(discovery(empty, week)).toEqual({
      newArtistsByMonth: [{ month: "2024-01", count: 0 }],
      newArtists: 0,
      newTracks: 0,
      listens: 0,
      newTrackShare: 0,
      everythingNew: true,
      byYear: [{ year: 2024, newArtists: 0, newTracks: 0, listens: 0, newTrackListens: 0, newTrackShare: 0 }],
    });
  });

  it("dates an artist or track by its first listen: a skip before it does not make it old", () => {
    const skippedFirst = buildIndex([
      { time: "2023-06-01T10:00:00Z", track: "fresh", ms: 5_000, platform: "ios" },
      { time: "2024-01-03T10:00:00Z", track: "fresh", ms: 200_000, platform: "ios" },
    ]);
    expect(discovery(skippedFirst, week)).toMatchObject({ newArtists: 1, newTracks: 1, newTrackShare: 1, everythingNew: true });
    const before = { ...week, from: at("2023-01-01T00:00:00Z"), to: at("2024-01-01T00:00:00Z") };
    expect(discovery(skippedFirst, before)).toMatchObject({ newArtists: 0, newTracks: 0, listens: 0 });
  });
});

describe("streaks", () => {
  const until = (date: string) => ({ ...week, to: at(`${date}T00:00:00Z`) });

  it("finds the longest run of listen days in the range, the longest ever and the current one", () => {
    expect(streaks(index, week)).toEqual({
      longest: { start: "2024-01-01", end: "2024-01-02", days: 2, run: { start: "2024-01-01", end: "2024-01-02", days: 2 } },
      longestEver: { start: "2024-01-01", end: "2024-01-02", days: 2 },
      current: null,
    });
  });

  it("ends the current streak today, or yesterday when today has no listen yet", () => {
    expect(streaks(index, until("2024-01-05")).current).toEqual({ start: "2024-01-04", end: "2024-01-04", days: 1 });
    expect(streaks(index, until("2024-01-06")).current).toEqual({ start: "2024-01-04", end: "2024-01-04", days: 1 });
    expect(streaks(index, until("2024-01-04")).current).toEqual({ start: "2024-01-01", end: "2024-01-02", days: 2 });
    // "Today" is the listener's now, whatever the range.
    expect(streaks(index, until("2024-01-03"), { now: at("2024-01-05T09:00:00Z") }).current).toEqual({
      start: "2024-01-04",
      end: "2024-01-04",
      days: 1,
    });
    expect(streaks(index, week, { now: at("2024-01-02T09:00:00Z") }).current).toEqual({ start: "2024-01-01", end: "2024-01-02", days: 2 });
  });

  it("cuts a run at the range's bounds and says which run it is part of", () => {
    const secondDay = { ...week, from: at("2024-01-02T00:00:00Z"), to: at("2024-01-03T00:00:00Z") };
    expect(streaks(index, secondDay)).toEqual({
      longest: { start: "2024-01-02", end: "2024-01-02", days: 1, run: { start: "2024-01-01", end: "2024-01-02", days: 2 } },
      longestEver: { start: "2024-01-01", end: "2024-01-02", days: 2 },
      current: { start: "2024-01-01", end: "2024-01-02", days: 2 },
    });
  });

  it("does not count days with only skips", () => {
    const skipsOnly = buildIndex([
      { time: "2024-01-01T10:00:00Z", track: "one", ms: 100_000, platform: "ios" },
      { time: "2024-01-02T10:00:00Z", track: "one", ms: 5_000, platform: "ios" },
      { time: "2024-01-03T10:00:00Z", track: "one", ms: 100_000, platform: "ios" },
    ]);
    expect(streaks(skipsOnly, until("2024-01-04"))).toEqual({
      longest: { start: "2024-01-01", end: "2024-01-01", days: 1, run: { start: "2024-01-01", end: "2024-01-01", days: 1 } },
      longestEver: { start: "2024-01-01", end: "2024-01-01", days: 1 },
      current: { start: "2024-01-03", end: "2024-01-03", days: 1 },
    });
    expect(streaks(empty, week)).toEqual({ longest: null, longestEver: null, current: null });
  });
});

describe("platforms", () => {
  it("sums listening per platform family, most time first", () => {
    expect(platforms(index, week)).toEqual([
      { platform: "windows", plays: 2, msPlayed: 560_000, share: 560_000 / 1_550_000 },
      { platform: "ios", plays: 2, msPlayed: 440_000, share: 440_000 / 1_550_000 },
      { platform: "android", plays: 2, msPlayed: 370_000, share: 370_000 / 1_550_000 },
      { platform: "web", plays: 1, msPlayed: 180_000, share: 180_000 / 1_550_000 },
    ]);
    expect(platforms(empty, week)).toEqual([]);
  });
});

describe("onThisDay", () => {
  const options = { date: "2025-01-02", timeZone: "UTC", listenThresholdMs: THRESHOLD };

  it("lists earlier years with listens on the same date, newest first", () => {
    expect(onThisDay(index, options)).toEqual([
      {
        year: 2024,
        date: "2024-01-02",
        plays: 2,
        msPlayed: 560_000,
        tracks: [
          { id: ID.one, name: "Song One", artist: "Artist A", plays: 1 },
          { id: ID.two, name: "Song Two", artist: "Artist A", plays: 1 },
        ],
      },
      { year: 2023, date: "2023-01-02", plays: 1, msPlayed: 200_000, tracks: [{ id: ID.halo, name: "Halo", artist: "Beyoncé", plays: 1 }] },
    ]);
  });

  it("takes only earlier years, limits the tracks, and uses local days", () => {
    expect(onThisDay(index, { ...options, date: "2024-01-02" }).map((year) => year.year)).toEqual([2023]);
    expect(onThisDay(index, { ...options, limit: 1 })[0]?.tracks.map((track) => track.name)).toEqual(["Song One"]);
    // In Tokyo 2 January 2024 holds nothing (r5-r7 fall on the 3rd).
    expect(onThisDay(index, { ...options, timeZone: "Asia/Tokyo" }).map((year) => year.date)).toEqual(["2023-01-02"]);
    expect(onThisDay(index, { ...options, date: "2025-13-01" })).toEqual([]);
    expect(onThisDay(empty, options)).toEqual([]);
  });
});

describe("genres", () => {
  const known: Record<string, string[]> = { "Artist A": ["rock", "pop"], Beyoncé: ["pop"] };

  it("splits each artist's time equally across its genres", () => {
    expect(genres(index, week, (name) => known[name], { limit: 5 })).toEqual([
      { genre: "pop", msPlayed: 775_000, share: 775_000 / 1_350_000 },
      { genre: "rock", msPlayed: 575_000, share: 575_000 / 1_350_000 },
    ]);
    expect(genres(index, week, (name) => known[name], { limit: 1 })).toHaveLength(1);
  });

  it("is null when no artist in the range has known genres", () => {
    expect(genres(index, week, () => undefined, { limit: 5 })).toBeNull();
    expect(genres(index, week, () => [], { limit: 5 })).toBeNull();
    expect(genres(empty, week, (name) => known[name], { limit: 5 })).toBeNull();
  });

  it("says which share of the plays has a known genre", () => {
    const artistOf = (row: number) => index.artists[index.artist[row]!]!.name;
    let plays = 0;
    let withGenre = 0;
    for (let row = 0; row < index.count; row++) {
      if (index.playedAt[row]! < week.from || index.playedAt[row]! >= week.to) continue;
      plays += 1;
      if (known[artistOf(row)]) withGenre += 1;
    }
    expect(withGenre).toBeGreaterThan(0);
    expect(withGenre).toBeLessThan(plays);
    expect(genreCoverage(index, week, (name) => known[name])).toEqual({ plays, known: withGenre, share: withGenre / plays });
    expect(genreCoverage(empty, week, (name) => known[name])).toEqual({ plays: 0, known: 0, share: 0 });
  });
});

describe("itemDetail", () => {
  const options = { timeZone: "UTC", listenThresholdMs: THRESHOLD };

  it("describes a track: totals, history, yearly rank and companions", () => {
    expect(itemDetail(index, { ...options, kind: "track", id: ID.one })).toEqual({
      kind: "track",
      id: ID.one,
      key: "spotify:track:1",
      name: "Song One",
      artist: "Artist A",
      plays: 3,
      allPlays: 4,
      msPlayed: 730_000,
      firstListenAt: at("2024-01-01T10:03:00Z"),
      lastListenAt: at("2024-01-04T08:04:00Z"),
      history: [{ month: "2024-01", plays: 3, msPlayed: 730_000 }],
      rankByYear: [{ year: 2024, rank: 1, plays: 3 }],
      companions: [
        { id: ID.two, key: "spotify:track:2", kind: "track", name: "Song Two", artist: "Artist A", together: 2 },
        { id: ID.fresh, key: "spotify:track:4", kind: "track", name: "Fresh", artist: "New Artist", together: 1 },
        { id: ID.halo, key: "beyonce|halo", kind: "track", name: "Halo", artist: "Beyoncé", together: 1 },
      ],
    });
  });

  it("describes an artist with zero-filled months and its top tracks", () => {
    const detail = itemDetail(index, { ...options, kind: "artist", id: ID.beyonce });
    expect(detail).toMatchObject({
      name: "Beyoncé",
      plays: 2,
      allPlays: 3,
      msPlayed: 400_000,
      firstListenAt: at("2023-01-02T12:00:00Z"),
      // The 20-second play of Halo on 2 January is a skip.
      lastListenAt: at("2024-01-01T10:09:00Z"),
    });
    expect(detail).not.toHaveProperty("artist");
    expect(detail?.history).toHaveLength(13);
    expect(detail?.history[0]).toEqual({ month: "2023-01", plays: 1, msPlayed: 200_000 });
    expect(detail?.history[5]).toEqual({ month: "2023-06", plays: 0, msPlayed: 0 });
    expect(detail?.history[12]).toEqual({ month: "2024-01", plays: 1, msPlayed: 200_000 });
    expect(detail?.rankByYear).toEqual([
      { year: 2023, rank: 1, plays: 1 },
      { year: 2024, rank: 2, plays: 1 },
    ]);
    expect(detail?.companions).toEqual([{ id: ID.artistA, key: "artist a", kind: "artist", name: "Artist A", together: 1 }]);
    expect(detail?.topTracks).toEqual([{ id: ID.halo, key: "beyonce|halo", name: "Halo", plays: 2, msPlayed: 400_000 }]);
  });

  it("lists an album's tracks", () => {
    const detail = itemDetail(index, { ...options, kind: "album", id: ID.albumX });
    expect(detail?.artist).toBe("Artist A");
    expect(detail?.topTracks).toEqual([
      { id: ID.one, key: "spotify:track:1", name: "Song One", plays: 3, msPlayed: 730_000 },
      { id: ID.two, key: "spotify:track:2", name: "Song Two", plays: 2, msPlayed: 420_000 },
    ]);
    expect(detail?.companions).toEqual([{ id: ID.iAm, key: "beyonce|i am", kind: "album", name: "I Am", artist: "Beyoncé", together: 1 }]);
  });

  it("is null for ids out of range", () => {
    expect(itemDetail(index, { ...options, kind: "track", id: 99 })).toBeNull();
    expect(itemDetail(index, { ...options, kind: "album", id: -1 })).toBeNull();
    expect(itemDetail(index, { ...options, kind: "artist", id: 0.5 })).toBeNull();
    expect(itemDetail(empty, { ...options, kind: "artist", id: 0 })).toBeNull();
  });
});

describe("findItem and itemKey", () => {
  it("map dictionary keys and ids both ways", () => {
    expect(findItem(index, "artist", "beyonce")).toBe(ID.beyonce);
    expect(findItem(index, "track", "spotify:track:4")).toBe(ID.fresh);
    expect(findItem(index, "album", "artist a|album x")).toBe(ID.albumX);
    expect(findItem(index, "track", "spotify:track:404")).toBe(-1);
    expect(itemKey(index, "track", ID.halo)).toBe("beyonce|halo");
    expect(itemKey(index, "album", ID.iAm)).toBe("beyonce|i am");
    expect(itemKey(index, "artist", 42)).toBeNull();
  });
});

describe("yearRecap", () => {
  const options = { timeZone: "UTC", listenThresholdMs: THRESHOLD };

  it("sums up a year", () => {
    const recap = yearRecap(index, { ...options, year: 2024 });
    expect(recap).toMatchObject({
      year: 2024,
      minutes: 26,
      plays: 9,
      listens: 7,
      busiestMonth: { month: "2024-01", minutes: 26 },
      newArtists: 2,
      longestStreak: { start: "2024-01-01", end: "2024-01-02", days: 2 },
    });
    expect(recap?.topArtists.map(({ name, minutes }) => ({ name, minutes }))).toEqual([
      { name: "Artist A", minutes: 19 },
      { name: "Beyoncé", minutes: 3 },
      { name: "New Artist", minutes: 3 },
    ]);
    expect(recap?.topTracks.map((track) => track.name)).toEqual(["Song One", "Song Two", "Fresh", "Halo"]);
    expect(recap?.topAlbums.map((album) => album.name)).toEqual(["Album X", "I Am"]);
  });

  it("is null for a year without plays and lists the years with plays", () => {
    expect(yearRecap(index, { ...options, year: 2022 })).toBeNull();
    expect(recapYears(index, "UTC")).toEqual([2024, 2023]);
    expect(recapYears(empty, "UTC")).toEqual([]);
  });
});

describe("tombstones", () => {
  it("leave the removed plays out of every number", () => {
    const removed = new Set([`${at("2024-01-04T08:00:00Z")}|spotify:track:4`]);
    const pruned = buildIndex(PLAYS, removed);
    expect(totals(pruned, week)).toEqual({ plays: 8, listens: 6, msPlayed: 1_350_000, skips: 3, tracks: 3, artists: 2, days: 3 });
    expect(findItem(pruned, "track", "spotify:track:4")).toBe(-1);
    expect(discovery(pruned, week).newArtists).toBe(1);
  });
});
