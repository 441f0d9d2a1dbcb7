/** Small numeric helpers shared by the charts (pure, unit-tested). */

/** Rounds away binary noise (0.1 + 0.2) so ticks and percentages print cleanly. */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/**
 * "Nice" axis ticks from 0 up to the first tick at or above `max`: steps of 1, 2, 2.5 (from 10
 * up) or 5 × 10^k, 2 to `target + 1` intervals, least headroom above `max` first, then the count
 * closest to `target`. `integer` keeps steps whole (for counts: no "0.5 plays" tick).
 * `niceTicks(42)` → [0, 10, 20, 30, 40, 50]; `niceTicks(600)` → [0, 200, 400, 600]; `niceTicks(0)` → [0, 1].
 */
export function niceTicks(max: number, target = 4, integer = false): number[] {
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const goal = Math.max(2, Math.round(target));
  const exponent = Math.floor(Math.log10(max / goal));
  const candidates: number[] = [];
  for (let e = exponent - 1; e <= exponent + 1; e++) {
    const magnitude = 10 ** e;
    for (const factor of magnitude >= 10 ? [1, 2, 2.5, 5] : [1, 2, 5]) {
      const step = Number((factor * magnitude).toPrecision(12));
      if (!integer || Number.isInteger(step)) candidates.push(step);
    }
  }
  if (integer) candidates.push(1, 2, 5);
  const options = candidates
    .map((step) => ({ step, intervals: Math.max(1, Math.ceil(max / step - 1e-9)) }))
    .filter(({ intervals }) => intervals <= goal + 1);
  const ranked = options.filter(({ intervals }) => intervals >= 2);
  const pool = ranked.length > 0 ? ranked : options;
  pool.sort((a, b) => a.step * a.intervals - b.step * b.intervals || Math.abs(a.intervals - goal) - Math.abs(b.intervals - goal));
  const best = pool[0] ?? { step: max, intervals: 1 };
  return Array.from({ length: best.intervals + 1 }, (_, i) => Number((i * best.step).toPrecision(12)));
}

/** `value` as a percentage of `max`, clamped to 0..100 and rounded to 0.1 (0 when max ≤ 0). */
export function percentOf(value: number, max: number): number {
  if (!(max > 0) || !Number.isFinite(value) || value <= 0) return 0;
  return Math.min(100, round((value / max) * 100, 1));
}
