import { describe, expect, it } from "vitest";
import { appendHistory, backoffMs, JOB_HISTORY_LIMIT } from "./jobs";

describe("job retries", () => {
  it("wait twice as long after each failure, from 30 s up to an hour", () => {
    expect([1, 2, 3, 4].map((attempts) => backoffMs(attempts))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoffMs(8)).toBe(60 * 60_000);
    expect(backoffMs(40)).toBe(60 * 60_000);
    expect(backoffMs(3, { baseMs: 10, maxMs: 25 })).toBe(25);
  });
});

describe("job history", () => {
  it("keeps the newest events only, in order", () => {
    const at = new Date(0);
    let history = appendHistory([], { at, event: "queued" });
    for (let step = 0; step < 120; step++) history = appendHistory(history, { at, event: "step", detail: `step ${step}` });
    expect(history).toHaveLength(JOB_HISTORY_LIMIT);
    expect(history.at(-1)?.detail).toBe("step 119");
    expect(history[0]?.detail).toBe(`step ${120 - JOB_HISTORY_LIMIT}`);
    expect(
      appendHistory(history, { at, event: "lease-expired" }, { at, event: "started" })
        .slice(-2)
        .map((entry) => entry.event),
    ).toEqual(["lease-expired", "started"]);
  });
});
