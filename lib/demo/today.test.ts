import { describe, expect, it } from "vitest";
import { DEMO_LISTENER, generateListeningHistory } from "./history";
import { demoHistoryDay, demoHistoryEnd, demoListenerOptions } from "./today";

const DAY_MS = 86_400_000;

describe("the demo listener's history, as of a day", () => {
  it("ends where today starts in Berlin, in winter and in summer", () => {
    // 3 December 2026, 16:17 UTC: Berlin is on UTC+1.
    expect(demoHistoryDay(Date.parse("2026-12-03T16:17:00Z"))).toBe("2026-12-03");
    expect(demoHistoryEnd(Date.parse("2026-12-03T16:17:00Z")).toISOString()).toBe("2026-12-02T23:00:00.000Z");
    // 23:30 UTC is already the next day in Berlin.
    expect(demoHistoryDay(Date.parse("2026-12-03T23:30:00Z"))).toBe("2026-12-04");
    expect(demoHistoryEnd(Date.parse("2026-12-03T23:30:00Z")).toISOString()).toBe("2026-12-03T23:00:00.000Z");
    // Summer time: UTC+2.
    expect(demoHistoryEnd(Date.parse("2026-07-15T00:30:00Z")).toISOString()).toBe("2026-07-14T22:00:00.000Z");
  });

  it("is the same all day and changes with the date", () => {
    const morning = demoListenerOptions(Date.parse("2026-12-02T23:00:00Z"));
    const evening = demoListenerOptions(Date.parse("2026-12-03T22:59:59Z"));
    expect(evening).toEqual(morning);
    expect(morning).toMatchObject({ seed: DEMO_LISTENER.seed, plays: DEMO_LISTENER.plays, timeZone: "Europe/Berlin", homeCountry: "DE" });
    const next = demoListenerOptions(Date.parse("2026-12-03T23:00:00Z"));
    expect(next.end.getTime() - morning.end.getTime()).toBe(DAY_MS);
  });

  it("generates a byte-identical history for two instants of one day, running up to yesterday", () => {
    const small = (now: number) => ({ ...demoListenerOptions(now), plays: 4_000, years: 1 });
    const early = generateListeningHistory(small(Date.parse("2026-12-03T06:00:00Z")));
    const late = generateListeningHistory(small(Date.parse("2026-12-03T21:00:00Z")));
    expect(JSON.stringify(late)).toBe(JSON.stringify(early));
    const end = demoHistoryEnd(Date.parse("2026-12-03T06:00:00Z")).getTime();
    const last = early.at(-1)?.ts.getTime() ?? 0;
    expect(last).toBeLessThan(end);
    // Yesterday has plays (unless it is one of the listener's quiet days): the last one is within two days.
    expect(end - last).toBeLessThan(2 * DAY_MS);
    const tomorrow = generateListeningHistory(small(Date.parse("2026-12-04T06:00:00Z")));
    expect(JSON.stringify(tomorrow)).not.toBe(JSON.stringify(early));
  });
});
