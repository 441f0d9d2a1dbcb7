import { describe, expect, it } from "vitest";
import { getDemoCatalog } from "./catalog";
import { DEFAULT_HISTORY_END, DEMO_LISTENER, generateListeningHistory, type DemoStream } from "./history";

const catalog = getDemoCatalog();
const PLAYS = 25_000;
// UTC keeps the hour checks readable; the time-zone test covers local rhythms.
const history = generateListeningHistory({ plays: PLAYS, timeZone: "UTC" });
const end = new Date(DEFAULT_HISTORY_END).getTime();

const artistOf = (stream: DemoStream): string | undefined =>
  stream.trackId === null ? undefined : catalog.tracksById.get(stream.trackId)?.artistIds[0];

function topArtists(streams: readonly DemoStream[], count: number): string[] {
  const listened = new Map<string, number>();
  for (const stream of streams) {
    const artist = artistOf(stream);
    if (artist) listened.set(artist, (listened.get(artist) ?? 0) + stream.msPlayed);
  }
  return [...listened]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([artist]) => artist);
}

const inYear = (year: number) => history.filter((stream) => stream.ts.getUTCFullYear() === year);
const share = (predicate: (stream: DemoStream) => boolean) => history.filter(predicate).length / history.length;

describe("generateListeningHistory", () => {
  it("is a pure function of its options", () => {
    const options = { plays: 3_000, seed: 1, years: 2 };
    expect(generateListeningHistory(options)).toEqual(generateListeningHistory(options));
    const other = generateListeningHistory({ ...options, seed: 2 });
    expect(other).toHaveLength(3_000);
    expect(other.map((stream) => stream.trackId)).not.toEqual(generateListeningHistory(options).map((stream) => stream.trackId));
  });

  it("returns exactly the plays asked for, in time order, within the span", () => {
    expect(history).toHaveLength(PLAYS);
    const first = history[0]?.ts.getTime() ?? 0;
    expect(first).toBeGreaterThanOrEqual(end - 8 * 365.25 * 86_400_000 - 86_400_000);
    const outOfOrder = history.filter((stream, index) => index > 0 && stream.ts < (history[index - 1] as DemoStream).ts);
    expect(outOfOrder).toEqual([]);
    expect(history[history.length - 1]?.ts.getTime()).toBeLessThan(end);
    expect(generateListeningHistory({ plays: 0 })).toEqual([]);
    expect(() => generateListeningHistory({ plays: -1 })).toThrow(RangeError);
    expect(() => generateListeningHistory({ plays: 200_000, years: 1 })).toThrow(/a day/);
  });

  it("plays only what the catalog has, one track or one episode per stream", () => {
    const wrong = history.filter(
      (stream) =>
        (stream.trackId === null) === (stream.episodeId === null) ||
        (stream.trackId !== null && !catalog.tracksById.has(stream.trackId)) ||
        (stream.episodeId !== null && !catalog.episodesById.has(stream.episodeId)) ||
        !(stream.msPlayed >= 0) ||
        stream.skipped !== (stream.reasonEnd === "fwdbtn") ||
        (stream.offline && stream.offlineTimestamp === null),
    );
    expect(wrong).toEqual([]);
  });

  it("has a daily rhythm with a night trough", () => {
    const byHour = new Array<number>(24).fill(0);
    for (const stream of history) byHour[stream.ts.getUTCHours()] = (byHour[stream.ts.getUTCHours()] ?? 0) + 1;
    const night = (byHour[3] ?? 0) + (byHour[4] ?? 0);
    const evening = (byHour[20] ?? 0) + (byHour[21] ?? 0);
    expect(night * 8).toBeLessThan(evening);
  });

  it("follows the listener's local clock", () => {
    const tokyo = generateListeningHistory({ plays: 6_000, timeZone: "Asia/Tokyo" });
    const localHour = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Tokyo", hour: "numeric", hourCycle: "h23" });
    const byLocalHour = new Array<number>(24).fill(0);
    const byUtcHour = new Array<number>(24).fill(0);
    for (const stream of tokyo) {
      const hour = Number(localHour.format(stream.ts));
      byLocalHour[hour] = (byLocalHour[hour] ?? 0) + 1;
      byUtcHour[stream.ts.getUTCHours()] = (byUtcHour[stream.ts.getUTCHours()] ?? 0) + 1;
    }
    expect(((byLocalHour[3] ?? 0) + (byLocalHour[4] ?? 0)) * 8).toBeLessThan((byLocalHour[20] ?? 0) + (byLocalHour[21] ?? 0));
    // 3–4 UTC is lunchtime in Tokyo: busy, where a generator ignoring the zone would be quiet.
    expect((byUtcHour[3] ?? 0) + (byUtcHour[4] ?? 0)).toBeGreaterThan(((byLocalHour[3] ?? 0) + (byLocalHour[4] ?? 0)) * 4);
  });

  it("skips a plausible share of streams within 30 seconds, some at once", () => {
    expect(share((stream) => stream.msPlayed < 30_000)).toBeGreaterThan(0.18);
    expect(share((stream) => stream.msPlayed < 30_000)).toBeLessThan(0.32);
    expect(share((stream) => stream.msPlayed === 0)).toBeGreaterThan(0.005);
    expect(share((stream) => stream.reasonEnd === "fwdbtn")).toBeGreaterThan(0.1);
  });

  it("mixes in a few podcast episodes, shuffle on and off, and offline plays", () => {
    expect(share((stream) => stream.episodeId !== null)).toBeGreaterThan(0.015);
    expect(share((stream) => stream.episodeId !== null)).toBeLessThan(0.06);
    expect(share((stream) => stream.shuffle)).toBeGreaterThan(0.2);
    expect(share((stream) => stream.shuffle)).toBeLessThan(0.7);
    expect(share((stream) => stream.offline)).toBeGreaterThan(0.01);
    expect(share((stream) => stream.incognito)).toBeLessThan(0.03);
    expect(share((stream) => stream.connCountry !== DEMO_LISTENER.homeCountry)).toBeGreaterThan(0);
  });

  it("comes in sessions: back-to-back streams separated by longer gaps", () => {
    let sessions = 1;
    let backToBack = 0;
    for (let index = 1; index < history.length; index++) {
      const stream = history[index] as DemoStream;
      const previous = history[index - 1] as DemoStream;
      const gap = stream.ts.getTime() - stream.msPlayed - previous.ts.getTime();
      if (gap > 30 * 60_000) sessions++;
      else if (gap < 30_000) backToBack++;
    }
    const perSession = history.length / sessions;
    expect(perSession).toBeGreaterThan(4);
    expect(perSession).toBeLessThan(30);
    expect(backToBack / history.length).toBeGreaterThan(0.7);
  });

  it("includes records played in order", () => {
    let albumRuns = 0;
    let run = 1;
    for (let index = 1; index < history.length; index++) {
      const track = catalog.tracksById.get(history[index]?.trackId ?? "");
      const previous = catalog.tracksById.get(history[index - 1]?.trackId ?? "");
      const next = track && previous && track.albumId === previous.albumId && track.trackNumber === previous.trackNumber + 1;
      run = next ? run + 1 : 1;
      if (run === 5) albumRuns++;
    }
    expect(albumRuns).toBeGreaterThan(20);
  });

  it("lets favourite artists change over the years", () => {
    const firstYear = new Date(history[0]?.ts ?? 0).getUTCFullYear() + 1;
    const lastYear = new Date(history[history.length - 1]?.ts ?? 0).getUTCFullYear();
    const early = topArtists(inYear(firstYear), 5);
    const late = topArtists(inYear(lastYear), 5);
    expect(early).toHaveLength(5);
    expect(late.filter((artist) => early.includes(artist)).length).toBeLessThanOrEqual(2);
    // Taste, not chance: the favourites take a large part of a year's listening.
    const yearStreams = inYear(lastYear);
    const onTop = yearStreams.filter((stream) => late.includes(artistOf(stream) ?? "")).length;
    expect(onTop / yearStreams.length).toBeGreaterThan(0.15);
  });

  it("moves between devices over the years", () => {
    const platforms = (year: number) => new Set(inYear(year).map((stream) => stream.platform));
    const firstYear = new Date(history[0]?.ts ?? 0).getUTCFullYear() + 1;
    const lastYear = new Date(history[history.length - 1]?.ts ?? 0).getUTCFullYear();
    expect(platforms(firstYear)).not.toEqual(platforms(lastYear));
    expect(new Set(history.map((stream) => stream.platform)).size).toBeGreaterThanOrEqual(4);
  });

  it("generates 300,000 plays quickly", { timeout: 20_000 }, () => {
    const started = performance.now();
    const large = generateListeningHistory({ plays: 300_000 });
    expect(large).toHaveLength(300_000);
    expect(performance.now() - started).toBeLessThan(15_000);
  });
});
