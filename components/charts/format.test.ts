import { describe, expect, it } from "vitest";
import { formatCompact, formatCount, formatHours, formatMinutes, formatNumber } from "./format";
import { niceTicks, percentOf } from "./scale";

describe("format", () => {
  it("formats counts with grouping and an optional noun", () => {
    expect(formatCount(1234)).toBe("1,234");
    expect(formatCount(212, "play")).toBe("212 plays");
    expect(formatCount(1, "play")).toBe("1 play");
    expect(formatCount(0, "play")).toBe("0 plays");
    expect(formatCount(2, { one: "person", other: "people" })).toBe("2 people");
    expect(formatCount(Number.NaN)).toBe("0");
  });

  it("formats plain numbers with up to two decimals", () => {
    expect(formatNumber(1234.567)).toBe("1,234.57");
    expect(formatNumber(1.5)).toBe("1.5");
    expect(formatNumber(2, 0)).toBe("2");
  });

  it("formats compact axis ticks", () => {
    expect(formatCompact(0)).toBe("0");
    expect(formatCompact(950)).toBe("950");
    expect(formatCompact(1234)).toBe("1.2K");
    expect(formatCompact(2_500_000)).toBe("2.5M");
    expect(formatCompact(0.25)).toBe("0.25");
  });

  it("formats milliseconds as hours and minutes", () => {
    expect(formatHours(42 * 3_600_000)).toBe("42 hours");
    expect(formatHours(3_600_000)).toBe("1 hour");
    expect(formatHours(5_400_000)).toBe("1.5 hours");
    expect(formatHours(12.4 * 3_600_000)).toBe("12 hours");
    expect(formatHours(42 * 3_600_000, "short")).toBe("42 hr");
    expect(formatHours(1234 * 3_600_000)).toBe("1,234 hours");
    expect(formatMinutes(90_000 + 1)).toBe("2 minutes");
    expect(formatMinutes(60_000)).toBe("1 minute");
    expect(formatMinutes(45 * 60_000, "short")).toBe("45 min");
  });
});

describe("format without Intl", () => {
  // The fast paths must write exactly what Intl writes: every whole number to 20,000, halves, and
  // numbers of every size up to past 2^53 (where Intl takes over), negatives and -0 included.
  const values = [
    ...Array.from({ length: 20_001 }, (_, index) => index),
    ...Array.from({ length: 2_000 }, (_, index) => index / 2 - 500),
    ...Array.from({ length: 200 }, (_, index) => 1.5 * 10 ** (index / 12)),
    0.49999999999999994,
    -0,
    -0.4,
    2 ** 53 - 1,
    2 ** 53,
    2 ** 53 + 2,
    1e21,
  ];
  const count = new Intl.NumberFormat("en", { maximumFractionDigits: 0 });
  const plurals = new Intl.PluralRules("en");

  it("formats counts and picks nouns as Intl does", () => {
    for (const value of values) {
      expect(formatCount(value)).toBe(count.format(value));
      const noun = plurals.select(Math.round(value)) === "one" ? "play" : "plays";
      expect(formatCount(value, "play")).toBe(`${count.format(value)} ${noun}`);
    }
  });

  it("writes compact ticks as Intl's compact notation does", () => {
    const compact = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
    const small = new Intl.NumberFormat("en", { maximumFractionDigits: 2 });
    const intl = (value: number) => (Math.abs(value) < 1 ? small : compact).format(value);
    const ticks = [
      ...values,
      ...values.map((value) => -value),
      // Around every rounding edge of every suffix: 1,049 / 1,050, 999,949 / 999,950, and so on.
      ...[1e3, 1e6, 1e9, 1e12].flatMap((unit) =>
        [1, 1.049, 1.05, 1.15, 1.25, 9.95, 99.95, 999.9, 999.949, 999.95, 999.99].flatMap((times) => {
          const value = Math.round(times * unit);
          return [value - 1, value, value + 1];
        }),
      ),
      999_950_000_000_000,
      1e15,
      // Whole numbers of every size up to 10^15, at uneven steps.
      ...Array.from({ length: 5_000 }, (_, index) => Math.floor(10 ** (index / 333) * 1.2345)),
    ];
    for (const value of ticks) expect(formatCompact(value)).toBe(intl(value));
  });

  it("formats minutes as Intl's unit format does, in every display", () => {
    for (const unitDisplay of ["long", "short", "narrow"] as const) {
      const intl = new Intl.NumberFormat("en", { style: "unit", unit: "minute", unitDisplay, maximumFractionDigits: 0 });
      for (const value of values) expect(formatMinutes(value * 60_000, unitDisplay)).toBe(intl.format((value * 60_000) / 60_000));
    }
  });
});

describe("scale", () => {
  it("picks nice ticks from zero past the maximum", () => {
    expect(niceTicks(42)).toEqual([0, 10, 20, 30, 40, 50]);
    expect(niceTicks(600)).toEqual([0, 200, 400, 600]);
    expect(niceTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(niceTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(1)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(101)).toEqual([0, 25, 50, 75, 100, 125]);
    expect(niceTicks(1, 4, true)).toEqual([0, 1]);
    expect(niceTicks(0.3, 4, true)).toEqual([0, 1]);
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(Number.NaN)).toEqual([0, 1]);
    for (const max of [0.07, 3, 7, 13, 99, 101, 1234, 86_400_000, 123_456_789]) {
      const ticks = niceTicks(max);
      expect(ticks[0]).toBe(0);
      expect(ticks.at(-1)).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeGreaterThanOrEqual(3);
      expect(ticks.length).toBeLessThanOrEqual(6);
      expect(ticks.at(-1)).toBeLessThan(max * 1.6);
    }
  });

  it("computes clamped percentages", () => {
    expect(percentOf(50, 200)).toBe(25);
    expect(percentOf(1, 3)).toBe(33.3);
    expect(percentOf(300, 200)).toBe(100);
    expect(percentOf(-1, 200)).toBe(0);
    expect(percentOf(5, 0)).toBe(0);
  });
});
