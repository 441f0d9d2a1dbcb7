import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseInstant } from "./fields";

describe("parseInstant", () => {
  it("reads toISOString's form as the engine does, milliseconds included", () => {
    // Years 1000 to 9999: the four-digit years an export's instants have.
    fc.assert(
      fc.property(fc.integer({ min: -30_610_224_000_000, max: 253_402_300_799_999 }), (ms) => {
        const text = new Date(ms).toISOString();
        return parseInstant(text) === Date.parse(text);
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuses impossible instants and other separators in that form, as before", () => {
    for (const text of ["2023-02-29T11:20:37.000Z", "2023-02-25T24:00:00.000Z", "2023-02-25T11:60:37.000Z", "2023-02-25T11:20:37.0a0Z"])
      expect(parseInstant(text), text).toBeNaN();
    // A comma before the fraction is ISO 8601 too: read by the general path.
    expect(parseInstant("2023-02-25T11:20:37,512Z")).toBe(Date.UTC(2023, 1, 25, 11, 20, 37, 512));
    expect(parseInstant("2023-02-25T11:20:37.512Z")).toBe(Date.UTC(2023, 1, 25, 11, 20, 37, 512));
  });

  it("reads the lowercase t and z ISO 8601 allows, in the export's form and toISOString's", () => {
    const at = Date.UTC(2023, 1, 25, 11, 20, 37);
    for (const text of ["2023-02-25t11:20:37Z", "2023-02-25T11:20:37z", "2023-02-25t11:20:37z"]) expect(parseInstant(text), text).toBe(at);
    expect(parseInstant("2023-02-25t11:20:37.512z")).toBe(at + 512);
    expect(parseInstant("2023-02-25T11:20:37Z")).toBe(at);
    expect(parseInstant("2023/02/25T11:20:37Z")).toBeNaN();
  });
});
