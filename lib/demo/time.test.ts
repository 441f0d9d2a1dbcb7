import { describe, expect, it } from "vitest";
import { localDays, SATURDAY, SUNDAY } from "./time";

describe("localDays", () => {
  it("numbers weekdays from Monday (0) to Sunday (6), as the insights do", () => {
    const days = localDays(Date.parse("2023-12-31T23:00:00Z"), Date.parse("2024-01-07T23:00:00Z"), "Europe/Berlin");
    expect(days.map((day) => day.weekday)).toEqual([0, 1, 2, 3, 4, SATURDAY, SUNDAY]);
    expect(new Date(days[0]!.start).toISOString()).toBe("2023-12-31T23:00:00.000Z"); // Monday 1 January 2024, local midnight
  });
});
