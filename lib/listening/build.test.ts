import { describe, expect, it } from "vitest";
import { IndexBuilder, platformFamily } from "./build";
import { FLAG_MINUTE, FLAG_SHUFFLE, FLAG_SKIPPED, emptyIndex } from "./listening-index";
import { toPlayRow, type PlayFacts, type PlayRow } from "./row";

const at = (iso: string) => Date.parse(iso);

function row(overrides: Partial<PlayFacts> & Pick<PlayFacts, "playedAt" | "trackKey" | "trackName" | "artistName">): PlayRow {
  return toPlayRow({
    msPlayed: 200_000,
    trackId: null,
    albumName: null,
    platform: null,
    skipped: null,
    reasonEnd: null,
    shuffle: null,
    ...overrides,
  });
}

describe("platformFamily", () => {
  it.each([
    ["Android OS 9 API 28 (samsung, SM-G960F)", "android"],
    ["Android-tablet OS 11 API 30 (Lenovo, TB-X606F)", "android"],
    ["iOS 14.4 (iPhone12,1)", "ios"],
    ["iOS 12.1.4 (iPad7,5)", "ios"],
    ["Windows 10 (10.0.19041; x64)", "windows"],
    ["OS X 10.15.7 [x86 8]", "macos"],
    ["web_player linux ;chrome 90", "web"],
    ["WebPlayer (websocket RFC6455)", "web"],
    ["Partner google_cast_tv Google;Chromecast", "cast"],
    ["Partner sonos_one Sonos;One", "cast"],
    ["Partner android_tv Sony;BRAVIA 4K", "tv"],
    ["Partner samsung_tv Samsung;QE55", "tv"],
    ["ps4", "console"],
    ["xbox one", "console"],
    ["Partner android_auto", "car"],
    ["Linux [x86-64 0]", "linux"],
    ["android", "android"],
    ["ios", "ios"],
    ["web_player", "web"],
    ["osx", "macos"],
    ["windows", "windows"],
    ["desktop", "other"],
    ["", "other"],
    [null, "other"],
  ])("%s → %s", (raw, family) => {
    expect(platformFamily(raw)).toBe(family);
  });
});

describe("IndexBuilder", () => {
  const rows: PlayRow[] = [
    row({
      playedAt: at("2024-01-02T10:00:00Z"),
      trackKey: "spotify:track:1",
      trackId: "1",
      trackName: "One",
      artistName: "Beyoncé",
      albumName: "Lemonade",
      platform: "iOS 14.4 (iPhone12,1)",
      shuffle: true,
    }),
    row({
      playedAt: at("2024-01-01T10:00:00Z"),
      trackKey: "spotify:track:2",
      trackId: "2",
      trackName: "Two",
      artistName: "Beyonce",
      albumName: "LEMONADE!",
      platform: "android",
      skipped: true,
    }),
    row({
      playedAt: at("2024-01-03T10:00:00Z"),
      trackKey: "other|three",
      trackName: "Three",
      artistName: "Other",
      albumName: "",
      platform: "Android OS 9 API 28 (x)",
      reasonEnd: "fwdbtn",
      timePrecision: "minute",
    }),
    row({
      playedAt: at("2024-01-01T10:00:00Z"),
      trackKey: "other|four",
      trackName: "Four",
      artistName: "Other",
      albumName: null,
      platform: null,
      msPlayed: 5_000,
    }),
  ];
  const build = (removed?: ReadonlySet<string>) => {
    const builder = new IndexBuilder("listener", 7);
    for (const each of rows) builder.add(each);
    return builder.build(removed);
  };

  it("sorts rows by time, keeping equal times in the order they were added", () => {
    const index = build();
    expect(index.count).toBe(4);
    expect(Array.from(index.playedAt)).toEqual([
      at("2024-01-01T10:00:00Z"),
      at("2024-01-01T10:00:00Z"),
      at("2024-01-02T10:00:00Z"),
      at("2024-01-03T10:00:00Z"),
    ]);
    expect(index.tracks.map((track) => track.name)).toEqual(["Two", "Four", "One", "Three"]);
    expect(Array.from(index.track)).toEqual([0, 1, 2, 3]);
    expect(Array.from(index.msPlayed)).toEqual([200_000, 5_000, 200_000, 200_000]);
    expect(index.userId).toBe("listener");
    expect(index.revision).toBe(7);
  });

  it("dictionary-encodes artists by normalised name (first-added name kept) and albums by artist and name", () => {
    const index = build();
    expect(index.artists).toEqual([
      { key: "beyonce", name: "Beyoncé" },
      { key: "other", name: "Other" },
    ]);
    expect(Array.from(index.artist)).toEqual([0, 1, 0, 1]);
    expect(index.albums).toEqual([{ key: "beyonce|lemonade", name: "Lemonade", artist: 0 }]);
    expect(Array.from(index.album)).toEqual([0, -1, 0, -1]);
    expect(index.tracks[0]).toEqual({ key: "spotify:track:2", trackId: "2", name: "Two", artist: 0, album: 0 });
    expect(index.tracks[3]).toEqual({ key: "other|three", trackId: null, name: "Three", artist: 1, album: -1 });
  });

  it("maps platforms to families and sets the flags", () => {
    const index = build();
    expect(index.platforms).toEqual(["android", "other", "ios"]);
    expect(Array.from(index.platform)).toEqual([0, 1, 2, 0]);
    expect(Array.from(index.flags)).toEqual([FLAG_SKIPPED, 0, FLAG_SHUFFLE, FLAG_SKIPPED | FLAG_MINUTE]);
  });

  it("leaves out tombstoned plays and the dictionary entries only they used", () => {
    const index = build(new Set([`${at("2024-01-03T10:00:00Z")}|other|three`, `${at("2024-01-01T10:00:00Z")}|other|four`, "0|nothing"]));
    expect(index.count).toBe(2);
    expect(index.tracks.map((track) => track.name)).toEqual(["Two", "One"]);
    expect(index.artists.map((artist) => artist.name)).toEqual(["Beyoncé"]);
    expect(index.platforms).toEqual(["android", "ios"]);
    expect(Array.from(index.platform)).toEqual([0, 1]);
  });

  it("builds the empty index without plays (or when every play is removed)", () => {
    expect(new IndexBuilder("listener", 3).build()).toEqual(emptyIndex("listener", 3));
    const builder = new IndexBuilder("listener", 4);
    builder.add(rows[0] as PlayRow);
    expect(builder.build(new Set([`${at("2024-01-02T10:00:00Z")}|spotify:track:1`]))).toEqual(emptyIndex("listener", 4));
  });

  it("grows past its first capacity and can build more than once", () => {
    const builder = new IndexBuilder("listener", 1);
    for (let play = 0; play < 5_000; play++) {
      builder.add(
        row({
          playedAt: 1_700_000_000_000 - play * 60_000,
          trackKey: `k${play % 7}`,
          trackName: `T${play % 7}`,
          artistName: `A${play % 3}`,
        }),
      );
    }
    const first = builder.build();
    expect(first.count).toBe(5_000);
    expect(first.tracks).toHaveLength(7);
    expect(first.playedAt[0]).toBe(1_700_000_000_000 - 4_999 * 60_000);
    expect(Array.from(first.playedAt).every((value, at, all) => at === 0 || (all[at - 1] as number) <= value)).toBe(true);
    expect(builder.build()).toEqual(first);
  });
});
