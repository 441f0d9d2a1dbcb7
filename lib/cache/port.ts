/**
 * The cache port: a small key-value cache with TTLs, counters and a sliding-window rate limiter.
 * Values are JSON: what goes in comes back as JSON.parse(JSON.stringify(value)), on every adapter.
 *
 * Keys are `:`-separated, and a key that holds a listener's data names the listener's id as whole
 * segments (`listener:<id>:profile`, `assistant:tokens:<day>:<id>`, rate limits by
 * `listener:<id>`): that is how `deleteNaming` finds every one of them when the listener deletes
 * their account. Ids contain `:` themselves (`spotify:<id>`), so "whole segments" means the id's
 * segments in a row, never a prefix of a longer id.
 */
export type CacheKind = "memory" | "upstash";

export interface Cache {
  readonly kind: CacheKind;
  get<T>(key: string): Promise<T | undefined>;
  getMany<T>(keys: string[]): Promise<Array<T | undefined>>;
  set<T>(key: string, value: T, options: { ttlSeconds: number }): Promise<void>;
  delete(key: string): Promise<void>;
  /**
   * Deletes every key naming `id` as whole segments (`listener:spotify:bob:profile` names
   * `spotify:bob`, never `spotify:bobby`) and returns how many there were. Scans the keyspace: for
   * a rare deletion (an account's), never for a request's reads.
   */
  deleteNaming(id: string): Promise<number>;
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
  /** Forgets every window of identifiers naming `id` as whole segments (as `Cache.deleteNaming`); returns how many. */
  deleteNaming(id: string): Promise<number>;
}

/** Whether a `:`-separated key names `id` as whole segments (the rule of `deleteNaming`). */
export function keyNames(key: string, id: string): boolean {
  return id !== "" && `:${key}:`.includes(`:${id}:`);
}
