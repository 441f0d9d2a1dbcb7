import { describe, expect, it } from "vitest";
import { dayChunks } from "./run";

/** Rows at the given hours after 2024-05-01T00:00Z, in order. */
const rows = (hours: number[]) =>
  hours.map((hour) => ({ endedAt: new Date(Date.parse("2024-05-01T00:00:00Z") + hour * 3_600_000).toISOString() }));

describe("dayChunks", () => {
  it("runs each chunk on to the end of its last row's UTC day, so no day spans two", () => {
    // Day 1: hours 1, 2, 3; day 2: 25, 26; day 3: 49; day 4: 73, 74, 75, 76.
    const sorted = rows([1, 2, 3, 25, 26, 49, 73, 74, 75, 76]);
    const chunks = dayChunks(sorted, 2);
    expect(chunks).toEqual([
      [0, 3],
      [3, 5],
      // Day 3's one row, then the whole of day 4.
      [5, 10],
    ]);
    const days = chunks.map(([start, end]) => new Set(sorted.slice(start, end).map((row) => row.endedAt.slice(0, 10))));
    for (let i = 1; i < days.length; i++) for (const day of days[i]!) expect(days[i - 1]!.has(day), day).toBe(false);
  });

  it("covers every row once, with a day larger than the chunk size in one chunk", () => {
    const sorted = rows([0, 1, 2, 3, 4, 5, 23.99, 24, 24.5]);
    expect(dayChunks(sorted, 3)).toEqual([
      [0, 7],
      [7, 9],
    ]);
    expect(dayChunks(sorted, 100)).toEqual([[0, 9]]);
    expect(dayChunks([], 5)).toEqual([]);
  });
});
