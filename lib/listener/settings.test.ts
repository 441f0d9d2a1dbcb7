import { describe, expect, it } from "vitest";
import { canonicalTimeZone, describeTimeZone, formatThreshold, timeZoneChoices } from "./settings";

describe("time zones", () => {
  it("accepts IANA names, fixes their case and keeps aliases as written", () => {
    expect(canonicalTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(canonicalTimeZone(" asia/tokyo ")).toBe("Asia/Tokyo");
    expect(canonicalTimeZone("UTC")).toBe("UTC");
    expect(canonicalTimeZone("America/Argentina/Buenos_Aires")).toBe("America/Argentina/Buenos_Aires");
    expect(canonicalTimeZone("Asia/Kolkata")).toBe("Asia/Kolkata");
  });

  it("refuses what is not a zone: unknown names, offsets, empty or overlong text", () => {
    for (const name of ["Mars/Olympus_Mons", "+02:00", "", "   ", "Europe/Berlin; drop", "A/".repeat(40)])
      expect(canonicalTimeZone(name), name).toBeNull();
  });

  it("lists UTC first, then every runtime zone sorted, with the current one even when the list spells it otherwise", () => {
    const zones = timeZoneChoices("Asia/Kolkata");
    expect(zones[0]).toBe("UTC");
    expect(zones).toContain("Europe/Berlin");
    expect(zones).toContain("Asia/Kolkata");
    expect(zones.slice(1)).toEqual([...zones.slice(1)].sort());
    expect(new Set(zones).size).toBe(zones.length);
  });

  it("describes a zone with its offset at a given moment", () => {
    expect(describeTimeZone("Asia/Tokyo", new Date("2026-01-15T00:00:00Z"))).toBe("Asia/Tokyo (UTC+9)");
    expect(describeTimeZone("Europe/Berlin", new Date("2026-07-15T00:00:00Z"))).toBe("Europe/Berlin (UTC+2)");
  });
});

describe("thresholds", () => {
  it("read as seconds, or minutes when whole", () => {
    expect(formatThreshold(30_000)).toBe("30 s");
    expect(formatThreshold(90_000)).toBe("90 s");
    expect(formatThreshold(60_000)).toBe("1 min");
    expect(formatThreshold(120_000)).toBe("2 min");
  });
});
