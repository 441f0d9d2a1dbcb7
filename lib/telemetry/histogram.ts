/**
 * Latency histograms with fixed bucket bounds, so counts from any number of instances add up and a
 * percentile can be read from the sum (a mean of per-instance p95s would be meaningless).
 */
export const LATENCY_BOUNDS_MS = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000] as const;

/** The bucket a duration falls in: the first bound it does not exceed, or the overflow bucket past the last. */
export function latencyBucket(ms: number): number {
  for (let index = 0; index < LATENCY_BOUNDS_MS.length; index += 1) if (ms <= (LATENCY_BOUNDS_MS[index] as number)) return index;
  return LATENCY_BOUNDS_MS.length;
}

/**
 * The quantile (0..1) of a histogram given as counts per bucket (`LATENCY_BOUNDS_MS.length + 1`
 * entries), interpolated linearly inside its bucket as Prometheus does; null with no samples. The
 * overflow bucket has no upper bound, so a quantile that lands there reads as the last bound.
 */
export function histogramQuantile(counts: readonly number[], quantile: number): number | null {
  const total = counts.reduce((sum, count) => sum + count, 0);
  if (total === 0) return null;
  const rank = quantile * total;
  let below = 0;
  for (let index = 0; index < counts.length; index += 1) {
    const count = counts[index] ?? 0;
    if (count > 0 && below + count >= rank) {
      if (index >= LATENCY_BOUNDS_MS.length) return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] as number;
      const lower = index === 0 ? 0 : (LATENCY_BOUNDS_MS[index - 1] as number);
      const upper = LATENCY_BOUNDS_MS[index] as number;
      return lower + ((upper - lower) * (rank - below)) / count;
    }
    below += count;
  }
  return LATENCY_BOUNDS_MS[LATENCY_BOUNDS_MS.length - 1] as number;
}
