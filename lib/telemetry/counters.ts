/**
 * Process-local counters for the operators' page (cache bypasses, upstream 429s, fallbacks).
 * They reset with the process; durable usage lives in the `usage` collection.
 */
import { perProcess } from "@/lib/process-state";

const counts = perProcess("telemetry.counts", () => new Map<string, number>());

export function countEvent(name: string, by = 1): void {
  counts.set(name, (counts.get(name) ?? 0) + by);
}

export function readCounters(): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export interface DurationStats {
  count: number;
  totalMs: number;
  maxMs: number;
}

const durations = perProcess("telemetry.durations", () => new Map<string, DurationStats>());

/** Records how long something took (Spotify calls, model calls), for averages and worst cases. */
export function observeDuration(name: string, ms: number): void {
  const stats = durations.get(name) ?? { count: 0, totalMs: 0, maxMs: 0 };
  stats.count += 1;
  stats.totalMs += ms;
  stats.maxMs = Math.max(stats.maxMs, ms);
  durations.set(name, stats);
}

export function readDurations(): Record<string, DurationStats> {
  return Object.fromEntries([...durations.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, stats]) => [name, { ...stats }]));
}
