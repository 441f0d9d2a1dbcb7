import { describe, expect, it } from "vitest";
import { definitionsFor, GLOSSARY, isListen, isSkip, SESSION_GAP_MS, STATISTIC_NAMES } from "./definitions";

describe("the definitions", () => {
  it("state the listener's own listen threshold", () => {
    expect(definitionsFor(30_000).listen).toBe("A play of at least 30 seconds");
    expect(definitionsFor(30_000).skip).toBe("A play shorter than 30 seconds, or one Spotify marked skipped");
    expect(definitionsFor(60_000).listen).toBe("A play of at least 1 minute");
    expect(definitionsFor(90_000).firstListen).toContain("at least 90 seconds");
    expect(definitionsFor(30_000).session).toContain("30 minutes");
    expect(SESSION_GAP_MS).toBe(30 * 60_000);
  });

  it("name and define every statistic of the glossary once", () => {
    const definitions = definitionsFor(30_000);
    expect(new Set(GLOSSARY).size).toBe(GLOSSARY.length);
    expect([...GLOSSARY].sort()).toEqual(Object.keys(definitions).sort());
    for (const statistic of GLOSSARY) {
      expect(STATISTIC_NAMES[statistic]).not.toBe("");
      expect(definitions[statistic]).toMatch(/^[A-Z].*[^.]$/);
    }
  });

  it("are the rules the engine counts with", () => {
    expect(isListen(30_000, 30_000)).toBe(true);
    expect(isListen(29_999, 30_000)).toBe(false);
    expect(isSkip(29_999, false, 30_000)).toBe(true);
    expect(isSkip(30_000, false, 30_000)).toBe(false);
    // A long play Spotify marked skipped is a listen and a skip.
    expect(isSkip(200_000, true, 30_000)).toBe(true);
  });
});
