import { describe, expect, it } from "vitest";
import { IndexBuilder } from "./build";
import { emptyIndex } from "./listening-index";
import {
  dateToDayNumber,
  dayNumberToDate,
  isValidTimeZone,
  localCalendar,
  localDateString,
  localDayNumber,
  weekdayOf,
  zonedMidnight,
  zoneOffset,
} from "./time";

const at = (iso: string) => Date.parse(iso);

function indexAt(times: string[]) {
  const builder = new IndexBuilder("listener", 1);
  times.forEach((time, n) => {
    builder.add({
      playedAt: at(time),
      msPlayed: 60_000,
      trackKey: `k${n}`,
      trackId: null,
      trackName: `T${n}`,
      artistName: "A",
      albumName: null,
      platform: null,
      flags: 0,
    });
  });
  return builder.build();
}

describe("day numbers and dates", () => {
  it("round-trips dates and day numbers", () => {
    expect(dateToDayNumber("1970-01-01")).toBe(0);
    expect(dateToDayNumber("2024-02-29")).toBe(19_782);
    expect(dayNumberToDate(19_782)).toBe("2024-02-29");
    expect(dayNumberToDate(-1)).toBe("1969-12-31");
    for (let day = -800; day < 30_000; day += 37) expect(dateToDayNumber(dayNumberToDate(day))).toBe(day);
  });

  it("rejects dates that do not exist", () => {
    expect(dateToDayNumber("2023-02-29")).toBeNull();
    expect(dateToDayNumber("2024-13-01")).toBeNull();
    expect(dateToDayNumber("2024-1-01")).toBeNull();
    expect(dateToDayNumber("yesterday")).toBeNull();
  });

  it("numbers weekdays from Monday", () => {
    expect(weekdayOf(0)).toBe(3); // Thursday 1 January 1970
    expect(weekdayOf(dateToDayNumber("2024-01-01") as number)).toBe(0);
    expect(weekdayOf(dateToDayNumber("2024-01-07") as number)).toBe(6);
    expect(weekdayOf(-1)).toBe(2);
  });
});

describe("zones", () => {
  it("knows valid zones", () => {
    expect(isValidTimeZone("Europe/Berlin")).toBe(true);
    expect(isValidTimeZone("UTC")).toBe(true);
    expect(isValidTimeZone("Mars/Olympus")).toBe(false);
    expect(isValidTimeZone("")).toBe(false);
  });

  it("finds local midnight across clock changes", () => {
    expect(zonedMidnight("2024-03-31", "Europe/Berlin")).toBe(at("2024-03-30T23:00:00Z"));
    expect(zonedMidnight("2024-04-01", "Europe/Berlin")).toBe(at("2024-03-31T22:00:00Z"));
    expect(zonedMidnight("2024-10-27", "Europe/Berlin")).toBe(at("2024-10-26T22:00:00Z"));
    expect(zonedMidnight("2024-10-28", "Europe/Berlin")).toBe(at("2024-10-27T23:00:00Z"));
    expect(zonedMidnight("2024-06-01", "UTC")).toBe(at("2024-06-01T00:00:00Z"));
    expect(zonedMidnight("2024-01-01", "Asia/Kathmandu")).toBe(at("2023-12-31T18:15:00Z"));
    expect(zonedMidnight("2024-10-06", "Australia/Adelaide")).toBe(at("2024-10-05T14:30:00Z"));
  });

  it("starts a day at the clock change when midnight is skipped, and at the first midnight when it repeats", () => {
    // Santiago springs forward at 24:00, Havana falls back from 01:00 to 00:00.
    expect(zonedMidnight("2024-09-08", "America/Santiago")).toBe(at("2024-09-08T04:00:00Z"));
    expect(zonedMidnight("2024-03-10", "America/Havana")).toBe(at("2024-03-10T05:00:00Z"));
    expect(zonedMidnight("2024-11-03", "America/Havana")).toBe(at("2024-11-03T04:00:00Z"));
  });

  it("finds the exact minute of a clock change that falls mid-hour in UTC", () => {
    // St. John's springs forward at 02:00 NST (-3:30) = 05:30 UTC.
    expect(zoneOffset("America/St_Johns", at("2024-03-10T05:29:00Z"))).toBe(-210 * 60_000);
    expect(zoneOffset("America/St_Johns", at("2024-03-10T05:30:00Z"))).toBe(-150 * 60_000);
  });

  it("gives local dates of instants", () => {
    expect(localDateString(at("2024-03-30T22:59:59Z"), "Europe/Berlin")).toBe("2024-03-30");
    expect(localDateString(at("2024-03-30T23:00:00Z"), "Europe/Berlin")).toBe("2024-03-31");
    expect(localDateString(at("2024-01-01T15:00:00Z"), "Asia/Tokyo")).toBe("2024-01-02");
    expect(localDateString(at("2024-01-01T04:59:00Z"), "America/New_York")).toBe("2023-12-31");
    expect(localDayNumber(at("1970-01-01T00:00:00Z"), "UTC")).toBe(0);
  });
});

describe("localCalendar", () => {
  it("places plays on local days, hours and weekdays across Berlin's clock changes", () => {
    const index = indexAt([
      "2024-03-30T22:30:00Z", // Sat 23:30 CET
      "2024-03-30T23:30:00Z", // Sun 00:30 CET
      "2024-03-31T00:59:00Z", // Sun 01:59 CET
      "2024-03-31T01:00:00Z", // Sun 03:00 CEST
      "2024-10-27T00:30:00Z", // Sun 02:30 CEST
      "2024-10-27T01:30:00Z", // Sun 02:30 CET (again)
      "2024-10-27T23:30:00Z", // Mon 00:30 CET
    ]);
    const calendar = localCalendar(index, "Europe/Berlin");
    const sunday = dateToDayNumber("2024-03-31") as number;
    const lateSunday = dateToDayNumber("2024-10-27") as number;
    expect(Array.from(calendar.day)).toEqual([sunday - 1, sunday, sunday, sunday, lateSunday, lateSunday, lateSunday + 1]);
    expect(Array.from(calendar.hour)).toEqual([23, 0, 1, 3, 2, 2, 0]);
    expect(Array.from(calendar.weekday)).toEqual([5, 6, 6, 6, 6, 6, 0]);
  });

  it("handles half-hour and quarter-hour zones", () => {
    const index = indexAt(["2024-03-10T05:29:00Z", "2024-03-10T05:31:00Z", "2024-06-30T18:14:00Z"]);
    expect(Array.from(localCalendar(index, "America/St_Johns").hour)).toEqual([1, 3, 15]);
    const kathmandu = localCalendar(index, "Asia/Kathmandu");
    expect(Array.from(kathmandu.hour)).toEqual([11, 11, 23]);
    expect(Array.from(kathmandu.day).map(dayNumberToDate)).toEqual(["2024-03-10", "2024-03-10", "2024-06-30"]);
  });

  it("is cached per index and zone", () => {
    const index = indexAt(["2024-01-01T12:00:00Z"]);
    expect(localCalendar(index, "Asia/Tokyo")).toBe(localCalendar(index, "Asia/Tokyo"));
    expect(localCalendar(index, "UTC")).not.toBe(localCalendar(index, "Asia/Tokyo"));
    expect(Array.from(localCalendar(index, "UTC").hour)).toEqual([12]);
    expect(Array.from(localCalendar(index, "Asia/Tokyo").hour)).toEqual([21]);
    expect(localCalendar(emptyIndex("nobody"), "UTC").day).toHaveLength(0);
  });
});
