/**
 * Property-style checks that the numbers of different widgets cannot contradict each other, over
 * many seeded random histories (the same histories every run): streaks against each other and
 * against a plain recount, and an item's first listen against its yearly table, monthly history,
 * the top lists and discovery.
 */
import { describe, expect, it } from "vitest";
import { IndexBuilder, toPlayRow, zonedMidnight, type ListeningIndex } from "@/lib/listening";
import { discovery, itemDetail, streaks, topItems } from "./compute";
import { isListen } from "./definitions";

const DAY = 86_400_000;
const ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Auckland", "Asia/Kolkata"];
const THRESHOLDS = [30_000, 10_000, 60_000];

/** Mulberry32: a small seeded generator, so every failure reproduces. */
function generator(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    below: (n: number) => Math.floor(next() * n),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T,
  };
}

interface History {
  index: ListeningIndex;
  timeZone: string;
  threshold: number;
  /** First and last UTC day number with a play. */
  firstDay: number;
  lastDay: number;
}

/** A random history: days with listens, days with only skips, empty days, a few tracks by a few artists. */
function randomHistory(seed: number): History {
  const random = generator(seed);
  const timeZone = random.pick(ZONES);
  const threshold = random.pick(THRESHOLDS);
  const firstDay = Math.floor(Date.parse("2021-10-01T00:00:00Z") / DAY) + random.below(500);
  const span = 5 + random.below(420);
  const activity = 0.3 + random.next() * 0.68;
  const skipsOnly = random.next() * 0.2;
  const builder = new IndexBuilder(`listener-${seed}`, 1);
  for (let day = firstDay; day < firstDay + span; day++) {
    if (random.next() > activity) continue;
    const onlySkips = random.next() < skipsOnly;
    const plays = 1 + random.below(4);
    for (let play = 0; play < plays; play++) {
      const track = random.below(12);
      const artist = track % 5;
      const listen = !onlySkips && random.next() < 0.7;
      builder.add(
        toPlayRow({
          playedAt: day * DAY + random.below(DAY),
          msPlayed: listen ? threshold + random.below(200_000) : random.below(threshold),
          trackKey: `spotify:track:${track}`,
          trackId: String(track),
          trackName: `Track ${track}`,
          artistName: `Artist ${artist}`,
          albumName: `Album ${artist}`,
          platform: "ios",
          skipped: listen && random.next() < 0.05,
          reasonEnd: null,
          shuffle: null,
        }),
      );
    }
  }
  return { index: builder.build(), timeZone, threshold, firstDay, lastDay: firstDay + span - 1 };
}

/** The local date of an instant, by Intl (nothing of the insights engine). */
const formats = new Map<string, Intl.DateTimeFormat>();
function localDate(epochMs: number, timeZone: string): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formats.set(timeZone, format);
  }
  return format.format(epochMs);
}

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const dateOf = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);

/** Streaks recounted plainly from the set of local dates with a listen. */
function recount(listenDays: Set<number>, fromDay: number, toDay: number, today: number) {
  const sorted = [...listenDays].sort((a, b) => a - b);
  const longestIn = (first: number, last: number) => {
    let best: [number, number] | null = null;
    for (const start of sorted) {
      if (start < first || start > last || (listenDays.has(start - 1) && start - 1 >= first)) continue;
      let end = start;
      while (listenDays.has(end + 1) && end + 1 <= last) end++;
      if (!best || end - start > best[1] - best[0]) best = [start, end];
    }
    return best;
  };
  const anchor = listenDays.has(today) ? today : today - 1;
  let current: [number, number] | null = null;
  if (listenDays.has(anchor)) {
    let start = anchor;
    while (listenDays.has(start - 1)) start--;
    current = [start, anchor];
  }
  return { ever: longestIn(-Infinity, Infinity), inRange: longestIn(fromDay, toDay), current };
}

const asStreak = (run: [number, number] | null) => (run ? { start: dateOf(run[0]), end: dateOf(run[1]), days: run[1] - run[0] + 1 } : null);

describe("streaks cannot contradict each other", () => {
  it("holds longest ever ≥ current, longest ever ≥ longest in range, and longest in range ≥ the current streak's days in the range", () => {
    let checked = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const history = randomHistory(seed);
      const { index, timeZone, threshold } = history;
      const random = generator(seed * 7919);
      const listenDays = new Set<number>();
      for (let row = 0; row < index.count; row++)
        if (isListen(index.msPlayed[row] as number, threshold)) listenDays.add(dayOf(localDate(index.playedAt[row] as number, timeZone)));

      for (let trial = 0; trial < 4; trial++) {
        const fromDay = history.firstDay - 10 + random.below(history.lastDay - history.firstDay + 20);
        const toDay = fromDay + random.below(120);
        const today = toDay - 3 + random.below(10);
        const q = {
          from: zonedMidnight(dateOf(fromDay), timeZone),
          to: zonedMidnight(dateOf(toDay + 1), timeZone),
          timeZone,
          listenThresholdMs: threshold,
        };
        // Any moment of the listener's day (within its first 20 hours: local days are 23 to 25 hours long).
        const now = zonedMidnight(dateOf(today), timeZone) + random.below(20 * 3_600_000);
        const result = streaks(index, q, { now });
        const { longest, longestEver, current } = result;

        // The inequalities the dashboard relies on.
        if (current) expect(longestEver?.days ?? 0).toBeGreaterThanOrEqual(current.days);
        if (longest) expect(longestEver?.days ?? 0).toBeGreaterThanOrEqual(longest.days);
        if (current) {
          const overlap = Math.min(dayOf(current.end), toDay) - Math.max(dayOf(current.start), fromDay) + 1;
          if (overlap > 0) expect(longest?.days ?? 0).toBeGreaterThanOrEqual(overlap);
        }
        if (longest) {
          expect(longest.run.days).toBeGreaterThanOrEqual(longest.days);
          expect(longest.run.days).toBeLessThanOrEqual(longestEver?.days ?? 0);
          expect(longest.run.start <= longest.start && longest.run.end >= longest.end).toBe(true);
        }

        // And each is exactly what a plain recount of the listen days gives.
        const want = recount(listenDays, fromDay, toDay, today);
        expect({ longest: longest && { start: longest.start, end: longest.end, days: longest.days }, longestEver, current }).toEqual({
          longest: asStreak(want.inRange),
          longestEver: asStreak(want.ever),
          current: asStreak(want.current),
        });
        checked++;
      }
    }
    expect(checked).toBe(1_200);
  });
});

describe("an item's first listen", () => {
  it("is the first year of its yearly table, the first month of its history, its top-list date and its discovery year", () => {
    let items = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const { index, timeZone, threshold } = randomHistory(seed);
      if (index.count === 0) continue;
      const allTime = {
        from: index.playedAt[0] as number,
        to: (index.playedAt[index.count - 1] as number) + 1,
        timeZone,
        listenThresholdMs: threshold,
      };
      const found = discovery(index, allTime);
      const newTracksByYear = new Map<number, number>();
      const top = new Map(topItems(index, allTime, { kind: "track", by: "time", limit: 100 }).map((item) => [item.id, item]));

      for (const kind of ["track", "artist"] as const) {
        const size = kind === "track" ? index.tracks.length : index.artists.length;
        for (let id = 0; id < size; id++) {
          const detail = itemDetail(index, { kind, id, timeZone, listenThresholdMs: threshold });
          if (!detail) continue;
          items++;
          const yearsWithListens = detail.rankByYear.map((year) => year.year);
          const monthsWithListens = detail.history.filter((month) => month.plays > 0).map((month) => month.month);
          if (detail.firstListenAt === null || detail.lastListenAt === null) {
            expect(detail.plays).toBe(0);
            expect(yearsWithListens).toEqual([]);
            expect(detail.history).toEqual([]);
            continue;
          }
          const first = localDate(detail.firstListenAt, timeZone);
          const last = localDate(detail.lastListenAt, timeZone);
          // First listen year == first non-zero year in the per-year table, and the same for months.
          expect(yearsWithListens[0]).toBe(Number(first.slice(0, 4)));
          expect(yearsWithListens.at(-1)).toBe(Number(last.slice(0, 4)));
          expect(detail.history[0]?.month).toBe(first.slice(0, 7));
          expect(monthsWithListens[0]).toBe(first.slice(0, 7));
          expect(detail.history.at(-1)?.month).toBe(last.slice(0, 7));
          // Every listen is in the table and in the history.
          expect(detail.rankByYear.reduce((sum, year) => sum + year.plays, 0)).toBe(detail.plays);
          expect(detail.history.reduce((sum, month) => sum + month.plays, 0)).toBe(detail.plays);
          if (kind === "track") {
            const year = Number(first.slice(0, 4));
            newTracksByYear.set(year, (newTracksByYear.get(year) ?? 0) + 1);
            const listed = top.get(id);
            if (listed) expect(listed.firstListenAt).toBe(detail.firstListenAt);
          }
        }
      }
      // Discovery's new tracks per year are the tracks whose first listen falls in that year.
      expect(new Map(found.byYear.filter((year) => year.newTracks > 0).map((year) => [year.year, year.newTracks]))).toEqual(
        newTracksByYear,
      );
    }
    expect(items).toBeGreaterThan(1_000);
  });
});
