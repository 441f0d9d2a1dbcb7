/**
 * Process-local counters for the operators' page (cache bypasses, upstream 429s, fallbacks).
 * They reset with the process; durable usage lives in the `usage` collection.
 */
const counts = new Map<string, number>();

export function countEvent(name: string, by = 1): void {
  counts.set(name, (counts.get(name) ?? 0) + by);
}

export function readCounters(): Record<string, number> {
  return Object.fromEntries([...counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
}
