import { describe, expect, it } from "vitest";
import {
  acceptanceRate,
  artistMixOf,
  driftReport,
  MAX_MODEL_AGE_DAYS,
  MIX_SHIFT_THRESHOLD,
  mixShift,
  type AcceptanceTally,
  type ArtistMix,
  type DriftInputs,
} from "./drift";

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 10, 20));

/** A mix from listens per artist. */
function mix(listens: Record<string, number>, top = 500): ArtistMix {
  const artists = Object.keys(listens);
  return artistMixOf({ artists, rows: [new Map(artists.map((_, id) => [id, listens[artists[id]!]!]))] }, top);
}

/** Two artists: `a` holds `share` of the listens, `b` the rest. */
const split = (share: number) => mix({ a: Math.round(share * 1000), b: Math.round((1 - share) * 1000) });

describe("artistMixOf", () => {
  it("gives each artist its share of everyone's listens, largest first, keeping the top", () => {
    const matrix = {
      artists: ["x", "y", "z"],
      rows: [
        new Map([
          [0, 1],
          [1, 3],
        ]),
        new Map([
          [1, 3],
          [2, 3],
        ]),
      ],
    };
    expect(artistMixOf(matrix)).toEqual({ artists: ["y", "z", "x"], shares: [0.6, 0.3, 0.1], listens: 10 });
    expect(artistMixOf(matrix, 2)).toEqual({ artists: ["y", "z"], shares: [0.6, 0.3], listens: 10 });
  });
});

describe("mixShift (total variation distance)", () => {
  it("is 0 for the same mix, 1 for mixes with no artist in common, and the share that moved in between", () => {
    expect(mixShift(split(0.5), split(0.5))).toBe(0);
    expect(mixShift(mix({ a: 5, b: 5 }), mix({ c: 1, d: 9 }))).toBe(1);
    expect(mixShift(split(0.5), split(0.8))).toBeCloseTo(0.3, 4);
    // The same mix at another scale has not moved.
    expect(mixShift(mix({ a: 1, b: 3 }), mix({ a: 100, b: 300 }))).toBe(0);
  });

  it("counts artists outside a top list in its 'other' share", () => {
    const before = mix({ a: 50, b: 30, c: 20 }, 2); // a 0.5, b 0.3, other 0.2
    const now = mix({ a: 50, b: 20, d: 30 }, 2); // a 0.5, d 0.3, other 0.2
    // b: 0.3 → (below the top) 0, d: 0 → 0.3; "other" 0.2 on both sides.
    expect(mixShift(before, now)).toBeCloseTo(0.3, 4);
  });

  it("is 1 when one side has no listens at all, 0 when neither has", () => {
    expect(mixShift(mix({}), mix({}))).toBe(0);
    expect(mixShift(mix({}), split(0.5))).toBe(1);
  });
});

describe("acceptanceRate", () => {
  it("is the share of opinions that were likes, null without any", () => {
    expect(acceptanceRate({ accepted: 3, declined: 1 })).toBe(0.75);
    expect(acceptanceRate({ accepted: 0, declined: 0 })).toBeNull();
  });
});

describe("driftReport", () => {
  const tally = (accepted: number, declined: number): AcceptanceTally => ({ accepted, declined });
  const inputs = (
    overrides: Partial<DriftInputs> & { mix?: ArtistMix | null; trainedDaysAgo?: number; before?: AcceptanceTally } = {},
  ): DriftInputs => ({
    active: {
      version: 7,
      trainedAt: new Date(NOW.getTime() - (overrides.trainedDaysAgo ?? 2) * DAY),
      mix: overrides.mix === undefined ? split(0.5) : overrides.mix,
      acceptanceBefore: overrides.before ?? tally(0, 0),
    },
    mixNow: overrides.mixNow ?? split(0.5),
    acceptanceSince: overrides.acceptanceSince ?? tally(0, 0),
    now: NOW,
  });

  it("retrains when the artist mix moved past the threshold, and not just below it", () => {
    const above = driftReport(inputs({ mixNow: split(0.5 + MIX_SHIFT_THRESHOLD + 0.01) }));
    expect(above.shouldRetrain).toBe(true);
    expect(above.artistMixShift).toBeCloseTo(0.21, 4);
    expect(above.reason).toBe("the artist mix moved 0.21 (threshold 0.2) since version 7 was trained");

    const below = driftReport(inputs({ mixNow: split(0.5 + MIX_SHIFT_THRESHOLD - 0.01) }));
    expect(below.shouldRetrain).toBe(false);
    expect(below.artistMixShift).toBeCloseTo(0.19, 4);
    expect(below.reason).toMatch(
      /^version 7 still fits: the artist mix moved 0\.19 \(threshold 0\.2\) and acceptance cannot be compared yet/,
    );
    expect(below).toMatchObject({ activeVersion: 7, trainedAt: new Date(NOW.getTime() - 2 * DAY).toISOString() });
  });

  it("retrains when acceptance fell by the threshold or more, with enough opinions on both sides", () => {
    const fell = driftReport(inputs({ before: tally(12, 8), acceptanceSince: tally(9, 11) }));
    expect(fell).toMatchObject({ acceptanceBefore: 0.6, acceptanceSince: 0.45, acceptanceShift: -0.15, shouldRetrain: true });
    expect(fell.reason).toBe("acceptance of recommendations fell from 60% to 45% (threshold 15 points) since version 7 was trained");

    const held = driftReport(inputs({ before: tally(12, 8), acceptanceSince: tally(10, 10) }));
    expect(held).toMatchObject({ acceptanceShift: -0.1, shouldRetrain: false });
    expect(held.reason).toContain("acceptance went from 60% to 50%");

    // A rise is no reason to retrain.
    expect(driftReport(inputs({ before: tally(2, 8), acceptanceSince: tally(9, 1) })).shouldRetrain).toBe(false);
  });

  it("does not judge acceptance on too few opinions", () => {
    const few = driftReport(inputs({ before: tally(12, 8), acceptanceSince: tally(0, 9) }));
    expect(few).toMatchObject({ acceptanceSince: 0, acceptanceShift: null, shouldRetrain: false });
    expect(few.reason).toContain("20 opinions before, 9 opinions since; 10 needed on each side");
  });

  it("retrains an old version, a version without a recorded mix, and when nothing is active", () => {
    const old = driftReport(inputs({ trainedDaysAgo: MAX_MODEL_AGE_DAYS + 1 }));
    expect(old.shouldRetrain).toBe(true);
    expect(old.reason).toBe("version 7 is 31 days old (retrained at least every 30 days)");

    const unrecorded = driftReport(inputs({ mix: null }));
    expect(unrecorded).toMatchObject({ shouldRetrain: true, artistMixShift: 0 });
    expect(unrecorded.reason).toContain("trained before artist mixes were recorded");

    expect(driftReport({ active: null, mixNow: split(0.5), acceptanceSince: tally(1, 1), now: NOW })).toEqual({
      activeVersion: null,
      trainedAt: null,
      artistMixShift: 0,
      acceptanceBefore: null,
      acceptanceSince: 0.5,
      acceptanceShift: null,
      shouldRetrain: true,
      reason: "no version is active yet: training makes the first one",
    });
  });

  it("names every reason that holds", () => {
    const both = driftReport(inputs({ mixNow: split(0.9), before: tally(15, 5), acceptanceSince: tally(2, 18) }));
    expect(both.reason.split("; ")).toHaveLength(2);
  });
});
