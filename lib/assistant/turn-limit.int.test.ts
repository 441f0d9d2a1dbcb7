/**
 * The assistant's turn limit, on both cache adapters with a clock of our own, on the burst that used
 * to get through: 14 turns, 4 s apart, starting 40 s into a minute (the shared sliding-window
 * estimate let all 14 pass). Through the real route on the zero-config demo:
 * app/api/chat/turn-limit.int.test.ts.
 */
import { describe, expect, inject, it } from "vitest";
import type { Cache } from "@/lib/cache";

const caches: Array<[string, () => Promise<Cache>]> = [
  ["memory", async () => new (await import("@/lib/cache")).MemoryCache()],
  [
    `upstash (${inject("redisServer")})`,
    async () => {
      const { UpstashCache } = await import("@/lib/cache");
      return new UpstashCache({ url: inject("upstashUrl"), token: inject("upstashToken"), prefix: `test:${process.pid}:` });
    },
  ],
];

describe.each(caches)("the turn limit on the %s cache", (_, makeCache) => {
  it("lets no minute hold more than 12 turns, even a burst that starts mid-minute", async () => {
    const { limitTurns } = await import("./budget");
    const cache = await makeCache();
    const userId = `burst-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const minute = Math.floor(Date.now() / 60_000) * 60_000;
    const outcomes: Array<"ok" | number> = [];
    for (let turn = 0; turn < 14; turn++) {
      const now = minute + 40_000 + turn * 4_000;
      outcomes.push(
        await limitTurns(userId, 12, { cache, now }).then(
          () => "ok" as const,
          (error: { code: string; retryAfterSeconds: number }) => {
            expect(error.code).toBe("rate_limited");
            return error.retryAfterSeconds;
          },
        ),
      );
    }
    expect(outcomes.slice(0, 12)).toEqual(Array(12).fill("ok"));
    // Refused: the first turn (at 40 s) leaves the count between 100 and 105 s.
    const [thirteenth, fourteenth] = outcomes.slice(12) as [number, number];
    expect(thirteenth).toBeGreaterThanOrEqual(100 - 88);
    expect(thirteenth).toBeLessThanOrEqual(105 - 88);
    expect(fourteenth).toBe(thirteenth - 4);

    // Retry-After is right, and refused turns were not counted: a second early it is still no; then
    // turns pass again, but never more than 12 in the minute before.
    const reopens = minute + 92_000 + fourteenth * 1000;
    await expect(limitTurns(userId, 12, { cache, now: reopens - 1000 })).rejects.toMatchObject({ code: "rate_limited" });
    let passed = 0;
    while (
      await limitTurns(userId, 12, { cache, now: reopens }).then(
        () => true,
        () => false,
      )
    )
      passed++;
    const earlierInMinute = Array.from({ length: 12 }, (_, turn) => minute + 40_000 + turn * 4_000).filter((at) => at > reopens - 60_000);
    expect(passed).toBeGreaterThanOrEqual(1);
    expect(earlierInMinute.length + passed).toBeLessThanOrEqual(12);
  });

  it("counts each listener on their own", async () => {
    const { limitTurns } = await import("./budget");
    const cache = await makeCache();
    const now = Date.now();
    const busy = `busy-${now}-${Math.random().toString(36).slice(2)}`;
    for (let turn = 0; turn < 2; turn++) await limitTurns(busy, 2, { cache, now });
    await expect(limitTurns(busy, 2, { cache, now })).rejects.toMatchObject({ code: "rate_limited" });
    await expect(limitTurns(`${busy}-other`, 2, { cache, now })).resolves.toBeUndefined();
  });
});
