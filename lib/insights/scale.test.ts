import { describe, expect, it } from "vitest";
import { IndexBuilder, toPlayRow } from "@/lib/listening";
import {
  clock,
  discovery,
  genres,
  itemDetail,
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
} from "./compute";
import { resolveRange } from "./range";

const PLAYS = 300_000;
const PLATFORMS = [
  "Android OS 9 API 28 (samsung, SM-G960F)",
  "iOS 14.4 (iPhone12,1)",
  "Windows 10 (10.0.19041; x64)",
  "web_player linux ;chrome 90",
  "Partner sonos_one",
  null,
];

/** A small deterministic generator (LCG), so the synthetic history is the same every run. */
function generator(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state % below;
  };
}

function syntheticIndex() {
  const next = generator(42);
  const builder = new IndexBuilder("scale", 1);
  const start = Date.parse("2016-03-01T00:00:00Z");
  let time = start;
  for (let play = 0; play < PLAYS; play++) {
    // Mostly back-to-back plays with a pause now and then: about eight and a half years in all.
    time += next(12) === 0 ? 1_800_000 + next(13_000_000) : 200_000 + next(60_000);
    const track = next(20) === 0 ? next(40_000) : next(4_000);
    const artist = track % 2_500;
    builder.add(
      toPlayRow({
        playedAt: time,
        msPlayed: next(8) === 0 ? next(30_000) : 120_000 + next(120_000),
        trackKey: `spotify:track:${track}`,
        trackId: String(track),
        trackName: `Track ${track}`,
        artistName: `Artist ${artist}`,
        albumName: track % 11 === 0 ? null : `Album ${track % 6_000}`,
        platform: PLATFORMS[next(PLATFORMS.length)] ?? null,
        skipped: next(9) === 0,
        reasonEnd: null,
        shuffle: next(2) === 0,
      }),
    );
  }
  return builder.build(new Set([`${start}|nothing`]));
}

describe("a 300k-play history", () => {
  it("builds and computes every widget for all time", () => {
    const index = syntheticIndex();
    expect(index.count).toBe(PLAYS);
    const timeZone = "Europe/Berlin";
    const now = (index.playedAt[PLAYS - 1] as number) + 86_400_000;
    const range = resolveRange({ preset: "all" }, timeZone, now, index);
    const q = { from: range.from, to: range.to, timeZone, listenThresholdMs: 30_000 };

    const sums = totals(index, q);
    expect(sums.plays).toBe(PLAYS);
    for (const kind of ["track", "artist", "album"] as const) {
      for (const by of ["plays", "time"] as const) expect(topItems(index, q, { kind, by, limit: 10 })).toHaveLength(10);
    }
    const months = timeline(index, q, { unit: "month" });
    expect(months.reduce((sum, month) => sum + month.plays, 0)).toBe(sums.listens);
    expect(timeline(index, q, { unit: "day" }).reduce((sum, day) => sum + day.msPlayed, 0)).toBe(sums.msPlayed);
    expect(timeline(index, q, { unit: "week" }).reduce((sum, week) => sum + week.plays, 0)).toBe(sums.listens);
    expect(
      clock(index, q)
        .cells.flat()
        .reduce((sum, cell) => sum + cell, 0),
    ).toBe(sums.msPlayed);
    expect(sessions(index, q).count).toBeGreaterThan(1);
    expect(skips(index, q, { limit: 5 }).mostSkipped).toHaveLength(5);
    // Every artist with a listen is new on all time (nothing comes before it).
    const listened = new Set<number>();
    for (let row = 0; row < index.count; row++) if ((index.msPlayed[row] as number) >= 30_000) listened.add(index.artist[row] as number);
    expect(discovery(index, q).newArtists).toBe(listened.size);
    expect(streaks(index, q).longest?.days).toBeGreaterThan(0);
    expect(platforms(index, q).reduce((sum, platform) => sum + platform.share, 0)).toBeCloseTo(1, 9);
    expect(onThisDay(index, { date: range.toDate, timeZone, listenThresholdMs: 30_000 }).length).toBeGreaterThan(0);
    expect(genres(index, q, (name) => [name.endsWith("1") ? "rock" : "pop"], { limit: 8 })).toHaveLength(2);
    expect(itemDetail(index, { kind: "artist", id: 0, timeZone, listenThresholdMs: 30_000 })?.topTracks?.length).toBeGreaterThan(0);
    const years = recapYears(index, timeZone);
    expect(years.length).toBeGreaterThan(1);
    expect(yearRecap(index, { year: years[0] as number, timeZone, listenThresholdMs: 30_000 })?.topArtists).toHaveLength(5);
  });
});
