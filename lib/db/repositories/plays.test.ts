import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { playId } from "./plays";

/** The formula every stored play's id was made with: ids must never change. */
function originalPlayId(userId: string, playedAt: Date, trackKey: string): string {
  const seconds = Math.max(0, Math.floor(playedAt.getTime() / 1000));
  const digest = createHash("sha256").update(`${userId}\n${playedAt.toISOString()}\n${trackKey}`).digest("base64url");
  return `${seconds.toString(36).padStart(7, "0")}${digest.slice(0, 25)}`;
}

describe("playId", () => {
  it("is the original formula's id for odd listeners, moments and tracks", () => {
    const moments = [
      0,
      -1,
      -86_400_001,
      999,
      Date.UTC(2016, 1, 29, 23, 59, 59),
      Date.UTC(2023, 1, 25, 11, 20, 37, 512),
      Date.UTC(1969, 6, 20, 20, 17, 40),
      Date.UTC(10_000, 0, 1),
      8.64e15,
      -8.64e15,
    ].map((ms) => new Date(ms));
    const listeners = ["bench", "", "ünïcødé 😀", "a\nb", "x".repeat(300)];
    const tracks = ["spotify:track:wMWMspuykzHNnmBbQ0w4Uj", "beyonce|halo", "", "名前|曲", "a\u0000b"];
    for (const playedAt of moments)
      for (const userId of listeners)
        for (const trackKey of tracks) expect(playId(userId, playedAt, trackKey)).toBe(originalPlayId(userId, playedAt, trackKey));
  });

  it("is the original formula's id for any play", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: -8.64e15, max: 8.64e15 }), fc.string({ unit: "grapheme" }), (userId, ms, trackKey) => {
        const playedAt = new Date(ms);
        return playId(userId, playedAt, trackKey) === originalPlayId(userId, playedAt, trackKey);
      }),
      { numRuns: 1_000 },
    );
  });

  it("refuses an invalid date as before", () => {
    expect(() => playId("bench", new Date(Number.NaN), "k")).toThrow(RangeError);
  });
});
