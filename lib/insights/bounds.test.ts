import { describe, expect, it } from "vitest";
import { IndexBuilder } from "@/lib/listening";
import { buildDashboard } from "./dashboard";
import { MAX_TIMELINE_POINTS, readDashboardParams } from "./params";
import { dashboardParamsSchema } from "./params-schema";

const issuesOf = (input: Record<string, string>) => {
  const result = dashboardParamsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
};

describe("bounded dashboard requests", () => {
  it("refuses custom dates outside what the picker offers, naming the range", () => {
    const issues = issuesOf({ range: "custom", from: "0001-01-01", to: "9999-12-31", unit: "day" });
    expect(issues.some((issue) => /^from: use a date from 2000-01-01 to \d{4}-\d{2}-\d{2}$/.test(issue))).toBe(true);
    expect(issues.some((issue) => issue.startsWith("to: use a date from 2000-01-01"))).toBe(true);
  });

  it("names the date a custom range is missing", () => {
    const message = "a custom range needs both from and to (YYYY-MM-DD)";
    expect(issuesOf({ range: "custom", from: "2024-01-01" })).toEqual([`to: ${message}`]);
    expect(issuesOf({ range: "custom", to: "2024-01-01" })).toEqual([`from: ${message}`]);
    expect(issuesOf({ range: "custom" })).toEqual([`from: ${message}`, `to: ${message}`]);
  });

  it("refuses a unit that would draw more than a few thousand points, saying which to use", () => {
    const issues = issuesOf({ range: "custom", from: "2000-01-01", to: "2025-12-31", unit: "day" });
    expect(issues).toEqual([
      `unit: 9,497 days by day is more than ${MAX_TIMELINE_POINTS.toLocaleString("en")} points: use unit=week, or a shorter range`,
    ]);
    expect(issuesOf({ range: "custom", from: "2000-01-01", to: "2025-12-31", unit: "week" })).toEqual([]);
    expect(issuesOf({ range: "custom", from: "2020-01-01", to: "2025-12-31", unit: "day" })).toEqual([]);
  });

  it("brings a hand-edited page URL's dates inside the allowed range instead of failing", () => {
    const params = readDashboardParams(new URLSearchParams("range=custom&from=0001-01-01&to=9999-12-31&unit=day"));
    expect(params.from).toBe("2000-01-01");
    expect(params.to! <= new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)).toBe(true);
  });

  it("coarsens a timeline that would be too long, and says it did", () => {
    const builder = new IndexBuilder("listener", 1);
    for (const playedAt of [Date.UTC(2003, 0, 1, 12), Date.UTC(2024, 5, 1, 12)]) {
      builder.add({
        playedAt,
        msPlayed: 200_000,
        trackKey: `k${playedAt}`,
        trackId: null,
        trackName: "T",
        artistName: "A",
        albumName: null,
        platform: null,
        flags: 0,
      });
    }
    const data = buildDashboard(
      builder.build(),
      { range: { preset: "all" }, by: "plays", unit: "day" },
      { timeZone: "UTC", listenThresholdMs: 30_000 },
      { now: Date.UTC(2024, 6, 1) },
    );
    expect(data.unit).toBe("week");
    expect(data.coarsenedFrom).toBe("day");
    expect(data.timeline.length).toBeLessThanOrEqual(MAX_TIMELINE_POINTS);
    const recent = buildDashboard(
      builder.build(),
      { range: { preset: "4w" }, by: "plays", unit: "day" },
      { timeZone: "UTC", listenThresholdMs: 30_000 },
      { now: Date.UTC(2024, 6, 1) },
    );
    expect(recent).toMatchObject({ unit: "day", coarsenedFrom: null });
  });
});
