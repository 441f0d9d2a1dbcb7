import { describe, expect, it } from "vitest";
import { thresholdWords } from "./reasons";

describe("thresholdWords", () => {
  it("reads a listen threshold the way the settings offer it", () => {
    expect(thresholdWords(10_000)).toBe("10 seconds");
    expect(thresholdWords(30_000)).toBe("30 seconds");
    expect(thresholdWords(1_000)).toBe("1 second");
    expect(thresholdWords(60_000)).toBe("1 minute");
    expect(thresholdWords(90_000)).toBe("1 minute 30 seconds");
    expect(thresholdWords(120_000)).toBe("2 minutes");
    expect(thresholdWords(0)).toBe("0 seconds");
  });
});
