import { describe, expect, it } from "vitest";
import { emptyIndex, IndexBuilder } from "@/lib/listening";
import { parseRangeParams, rangeSearchParams, resolveRange } from "./range";

const at = (iso: string) => Date.parse(iso);

describe("parseRangeParams", () => {
  it("defaults to the last 4 weeks", () => {
    expect(parseRangeParams({})).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "nonsense" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "" })).toEqual({ preset: "4w" });
  });

  it("reads presets", () => {
    for (const preset of ["4w", "6m", "1y", "all"] as const) expect(parseRangeParams({ range: preset })).toEqual({ preset });
    expect(parseRangeParams({ range: "6m", from: "2024-01-01", to: "2024-02-01" })).toEqual({ preset: "6m" });
  });

  it("reads custom ranges, swapping dates in the wrong order", () => {
    expect(parseRangeParams({ range: "custom", from: "2024-01-03", to: "2024-02-09" })).toEqual({ from: "2024-01-03", to: "2024-02-09" });
    expect(parseRangeParams({ from: "2024-01-03", to: "2024-02-09" })).toEqual({ from: "2024-01-03", to: "2024-02-09" });
    expect(parseRangeParams({ range: "custom", from: "2024-02-09", to: "2024-01-03" })).toEqual({ from: "2024-01-03", to: "2024-02-09" });
    expect(parseRangeParams({ range: "custom", from: "2024-01-03", to: "2024-01-03" })).toEqual({ from: "2024-01-03", to: "2024-01-03" });
  });

  it("falls back to the default when a custom range is incomplete or invalid", () => {
    expect(parseRangeParams({ range: "custom", from: "2024-01-03" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "custom", to: "2024-01-03" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "custom", from: "2024-02-30", to: "2024-03-01" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "custom", from: "03/01/2024", to: "2024-03-01" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "custom", from: "1999-12-31", to: "2024-03-01" })).toEqual({ preset: "4w" });
    expect(parseRangeParams({ range: "custom", from: "2024-03-01", to: "2101-01-01" })).toEqual({ preset: "4w" });
  });

  it("is the inverse of rangeSearchParams", () => {
    expect(rangeSearchParams({ preset: "6m" })).toEqual({ range: "6m" });
    expect(rangeSearchParams({ from: "2024-01-03", to: "2024-02-09" })).toEqual({ range: "custom", from: "2024-01-03", to: "2024-02-09" });
    for (const spec of [{ preset: "all" as const }, { from: "2023-12-31", to: "2024-01-01" }])
      expect(parseRangeParams(rangeSearchParams(spec))).toEqual(spec);
  });
});

describe("resolveRange", () => {
  // 10 April 2024, 12:00 in Berlin (CEST).
  const now = at("2024-04-10T10:00:00Z");

  it("ends presets at the next local midnight; 4 weeks are 28 local days, across a clock change", () => {
    const range = resolveRange({ preset: "4w" }, "Europe/Berlin", now);
    expect(range).toEqual({
      spec: { preset: "4w" },
      from: at("2024-03-13T23:00:00Z"),
      to: at("2024-04-10T22:00:00Z"),
      label: "Last 4 weeks",
      fromDate: "2024-03-14",
      toDate: "2024-04-10",
    });
  });

  it("uses the local day of now, not the UTC one", () => {
    const late = resolveRange({ preset: "4w" }, "Europe/Berlin", at("2024-04-10T22:30:00Z"));
    expect(late.toDate).toBe("2024-04-11");
    expect(late.to).toBe(at("2024-04-11T22:00:00Z"));
  });

  it("goes back calendar months for 6 and 12 months, clamping the day to the month", () => {
    const sixMonths = resolveRange({ preset: "6m" }, "UTC", at("2024-08-30T12:00:00Z"));
    expect(sixMonths).toMatchObject({
      fromDate: "2024-02-29",
      toDate: "2024-08-30",
      from: at("2024-02-29T00:00:00Z"),
      to: at("2024-08-31T00:00:00Z"),
      label: "Last 6 months",
    });
    const year = resolveRange({ preset: "1y" }, "UTC", at("2024-08-30T12:00:00Z"));
    expect(year).toMatchObject({ fromDate: "2023-08-31", toDate: "2024-08-30", label: "Last 12 months" });
    expect(resolveRange({ preset: "6m" }, "Europe/Berlin", now)).toMatchObject({
      fromDate: "2023-10-11",
      from: at("2023-10-10T22:00:00Z"),
    });
  });

  it("starts all time at the local midnight of the first play, or 28 days back without plays", () => {
    const builder = new IndexBuilder("listener", 1);
    builder.add({
      playedAt: at("2023-01-01T23:30:00Z"),
      msPlayed: 60_000,
      trackKey: "k",
      trackId: null,
      trackName: "T",
      artistName: "A",
      albumName: null,
      platform: null,
      flags: 0,
    });
    const all = resolveRange({ preset: "all" }, "Europe/Berlin", now, builder.build());
    expect(all).toMatchObject({ fromDate: "2023-01-02", from: at("2023-01-01T23:00:00Z"), toDate: "2024-04-10", label: "All time" });
    expect(resolveRange({ preset: "all" }, "Europe/Berlin", now, emptyIndex("nobody"))).toMatchObject({
      fromDate: "2024-03-14",
      toDate: "2024-04-10",
    });
    expect(resolveRange({ preset: "all" }, "Europe/Berlin", now)).toMatchObject({ fromDate: "2024-03-14" });
  });

  it("resolves custom dates inclusively with a readable label", () => {
    expect(resolveRange({ from: "2024-01-03", to: "2024-02-09" }, "Europe/Berlin", now)).toEqual({
      spec: { from: "2024-01-03", to: "2024-02-09" },
      from: at("2024-01-02T23:00:00Z"),
      to: at("2024-02-09T23:00:00Z"),
      label: "3 Jan 2024 – 9 Feb 2024",
      fromDate: "2024-01-03",
      toDate: "2024-02-09",
    });
    // A single day across the spring clock change is 23 hours long.
    const short = resolveRange({ from: "2024-03-31", to: "2024-03-31" }, "Europe/Berlin", now);
    expect(short.to - short.from).toBe(23 * 3_600_000);
  });
});
