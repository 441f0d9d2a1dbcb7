import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoString } from "./iso-time";

const MAX_TIME_MS = 8.64e15;

/** The engine's answer, or the name of what it throws. */
function engine(epochMs: number): string {
  try {
    return new Date(epochMs).toISOString();
  } catch (error) {
    return (error as Error).name;
  }
}

function ours(epochMs: number): string {
  try {
    return isoString(epochMs);
  } catch (error) {
    return (error as Error).name;
  }
}

describe("isoString", () => {
  it("is toISOString at the edges of days, years and the Date range", () => {
    const odd = [
      0,
      -0,
      1,
      -1,
      999,
      -999,
      86_399_999,
      86_400_000,
      -86_400_000,
      -86_400_001,
      Date.UTC(1969, 11, 31, 23, 59, 59, 999),
      Date.UTC(2016, 1, 29, 12, 0, 0),
      Date.UTC(2024, 11, 31, 23, 59, 59),
      Date.UTC(0, 0, 1) - 1,
      Date.UTC(-1, 0, 1),
      -62_198_755_200_000,
      253_402_300_799_999,
      253_402_300_800_000,
      MAX_TIME_MS,
      -MAX_TIME_MS,
      MAX_TIME_MS + 1,
      -MAX_TIME_MS - 1,
      1.5,
      -1.5,
      1_477_993_104_000.7,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.MAX_SAFE_INTEGER,
    ];
    for (const epochMs of odd) expect(ours(epochMs), String(epochMs)).toBe(engine(epochMs));
  });

  it("is toISOString for any time in the Date range", () => {
    fc.assert(
      fc.property(fc.integer({ min: -MAX_TIME_MS, max: MAX_TIME_MS }), (epochMs) => ours(epochMs) === engine(epochMs)),
      { numRuns: 2_000 },
    );
    // Listening histories: whole seconds of the last decades.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2_000_000_000 }), (seconds) => ours(seconds * 1000) === engine(seconds * 1000)),
      { numRuns: 2_000 },
    );
  });
});
