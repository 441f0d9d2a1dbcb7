/**
 * The cache port: a small key-value cache with TTLs, counters and a sliding-window rate limiter.
 * Values are JSON: what goes in comes back as JSON.parse(JSON.stringify(value)), on every adapter.
 */
export type CacheKind = "memory" | "upstash";

export interface Cache {
  readonly kind: CacheKind;
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<Array<T | undefined>>;
  set<T>(key: string, value: T, options: { ttlSeconds: number }): Promise<void>;
  delete(key: string): Promise<void>;
  /** Adds `by` (default 1) and returns the new total; a new counter expires after `ttlSeconds`. */
  increment(key: string, options: { by?: number; ttlSeconds: number }): Promise<number>;
  /**
   * Adds to counters kept as fields of hashes, every write in one round trip where the adapter
   * allows (time-bucketed metrics). A new hash expires after its `ttlSeconds`, as `increment`.
   */
  incrementFields(writes: readonly FieldIncrements[]): Promise<void>;
  /** Reads whole hashes of counters, in order; a missing hash reads as `{}`. */
  readFields(keys: readonly string[]): Promise<Array<Record<string, number>>>;
  ping(): Promise<void>;
}

export interface FieldIncrements {
  key: string;
  /** Field name to the amount added to it. */
  fields: Record<string, number>;
  ttlSeconds: number;
}

export interface RateLimitRule {
  /** Names the limit in keys and logs, e.g. "chat" or "import-chunks". */
  name: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends (epoch milliseconds). */
  reset: number;
}

/**
 * Sliding window, the algorithm of @upstash/ratelimit: the current fixed window's count plus the
 * previous window's count weighted by how much of it still overlaps the sliding window.
 */
export interface RateLimiter {
  limit(identifier: string, rule: RateLimitRule): Promise<RateLimitResult>;
}
