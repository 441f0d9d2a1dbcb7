import { describe, expect, it } from "vitest";
import { defaultSettings, recentDaysOf, timeZoneSourceOf } from "./users";

describe("settings of accounts older than a setting", () => {
  it("take an unstored UTC for the untouched default and any other zone for a chosen one", () => {
    expect(timeZoneSourceOf({ timeZone: "UTC" })).toBe("default");
    expect(timeZoneSourceOf({ timeZone: "Europe/Berlin" })).toBe("chosen");
    expect(timeZoneSourceOf({ timeZone: "UTC", timeZoneSource: "chosen" })).toBe("chosen");
    expect(timeZoneSourceOf(defaultSettings)).toBe("default");
  });

  it("leave out 30 days of recent plays unless the listener said otherwise", () => {
    expect(recentDaysOf({})).toBe(30);
    expect(recentDaysOf({ recentDays: 0 })).toBe(0);
  });
});
