import { describe, expect, it } from "vitest";
import { histogramQuantile, LATENCY_BOUNDS_MS, latencyBucket } from "./histogram";

const histogramOf = (samples: number[]) => {
  const counts = new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0);
  for (const ms of samples) counts[latencyBucket(ms)] = (counts[latencyBucket(ms)] ?? 0) + 1;
  return counts;
};

describe("latency histograms", () => {
  it("puts a duration in the first bucket whose bound it does not exceed", () => {
    expect(latencyBucket(0)).toBe(0);
    expect(latencyBucket(5)).toBe(0);
    expect(latencyBucket(5.1)).toBe(1);
    expect(latencyBucket(1000)).toBe(LATENCY_BOUNDS_MS.indexOf(1000));
    expect(latencyBucket(60_000)).toBe(LATENCY_BOUNDS_MS.length);
  });

  it("reads p95 by interpolating inside the bucket it lands in", () => {
    // 90 fast answers and 10 slow ones: the 95th of 100 is the 5th of the 10 in (500, 1000].
    const counts = histogramOf([...new Array<number>(90).fill(20), ...new Array<number>(10).fill(700)]);
    expect(histogramQuantile(counts, 0.95)).toBe(750);
    expect(histogramQuantile(counts, 0.5)).toBeCloseTo(10 + (15 * 50) / 90, 6);
  });

  it("has no percentile without samples, and reads the overflow bucket as the last bound", () => {
    expect(histogramQuantile(histogramOf([]), 0.95)).toBeNull();
    expect(histogramQuantile(histogramOf([30_000, 40_000]), 0.95)).toBe(10_000);
  });
});
