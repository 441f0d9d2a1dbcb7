import { LRUCache } from "lru-cache";
import { keyNames, type Cache, type FieldIncrements, type RateLimiter, type RateLimitResult, type RateLimitRule } from "./port";

function deleteKeysNaming<V extends string | number>(entries: LRUCache<string, V>, id: string): number {
  // Collected first: deleting while iterating an LRU skips entries.
  const named = [...entries.keys()].filter((key) => keyNames(key, id));
  for (const key of named) entries.delete(key);
  return named.length;
}

/** The zero-config cache: a bounded LRU with per-entry TTLs, in this process only. */
export class MemoryCache implements Cache {
  readonly kind = "memory" as const;
  private readonly entries: LRUCache<string, string>;

  constructor(options: { maxEntries?: number } = {}) {
    this.entries = new LRUCache<string, string>({ max: options.maxEntries ?? 10_000, ttlAutopurge: false });
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = this.entries.get(key);
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async getMany<T>(keys: string[]): Promise<Array<T | undefined>> {
    return Promise.all(keys.map((key) => this.get<T>(key)));
  }

  async set<T>(key: string, value: T, options: { ttlSeconds: number }): Promise<void> {
    // Stored as JSON so a cached value behaves exactly as it would coming back from Redis.
    this.entries.set(key, JSON.stringify(value), { ttl: options.ttlSeconds * 1000 });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async deleteNaming(id: string): Promise<number> {
    return deleteKeysNaming(this.entries, id);
  }

  /** Every live key with its stored JSON (`snapshotCache`). */
  snapshot(): Array<{ key: string; value: string }> {
    return [...this.entries.entries()].map(([key, value]) => ({ key, value }));
  }

  async increment(key: string, options: { by?: number; ttlSeconds: number }): Promise<number> {
    const by = options.by ?? 1;
    const current = this.entries.get(key);
    const next = (current === undefined ? 0 : Number(JSON.parse(current))) + by;
    if (current === undefined) this.entries.set(key, JSON.stringify(next), { ttl: options.ttlSeconds * 1000 });
    else this.entries.set(key, JSON.stringify(next), { noUpdateTTL: true });
    return next;
  }

  async incrementFields(writes: readonly FieldIncrements[]): Promise<void> {
    for (const { key, fields, ttlSeconds } of writes) {
      const current = this.entries.get(key);
      const hash = current === undefined ? {} : (JSON.parse(current) as Record<string, number>);
      for (const [field, by] of Object.entries(fields)) hash[field] = (hash[field] ?? 0) + Math.round(by);
      if (current === undefined) this.entries.set(key, JSON.stringify(hash), { ttl: ttlSeconds * 1000 });
      else this.entries.set(key, JSON.stringify(hash), { noUpdateTTL: true });
    }
  }

  async readFields(keys: readonly string[]): Promise<Array<Record<string, number>>> {
    return keys.map((key) => {
      const raw = this.entries.get(key);
      return raw === undefined ? {} : (JSON.parse(raw) as Record<string, number>);
    });
  }

  async ping(): Promise<void> {}
}

/** The sliding window of @upstash/ratelimit, computed in memory with the same arithmetic. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new LRUCache<string, number>({ max: 50_000, ttlAutopurge: false });
  private readonly now: () => number;

  constructor(options: { now?: () => number } = {}) {
    this.now = options.now ?? Date.now;
  }

  async limit(identifier: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const windowMs = rule.windowSeconds * 1000;
    const now = this.now();
    const current = Math.floor(now / windowMs);
    const key = (window: number) => `${rule.name}:${identifier}:${window}`;
    const inCurrent = this.windows.get(key(current)) ?? 0;
    const inPrevious = this.windows.get(key(current - 1)) ?? 0;
    const weightedPrevious = Math.floor((1 - (now % windowMs) / windowMs) * inPrevious);
    const reset = (current + 1) * windowMs;
    if (weightedPrevious + inCurrent >= rule.limit) return { success: false, limit: rule.limit, remaining: 0, reset };
    this.windows.set(key(current), inCurrent + 1, { ttl: windowMs * 2 + 1000 });
    return { success: true, limit: rule.limit, remaining: Math.max(0, rule.limit - (inCurrent + 1 + weightedPrevious)), reset };
  }

  async deleteNaming(id: string): Promise<number> {
    return deleteKeysNaming(this.windows, id);
  }

  /** Every live window with its count (`snapshotCache`). */
  snapshot(): Array<{ key: string; value: string }> {
    return [...this.windows.entries()].map(([key, value]) => ({ key: `ratelimit:${key}`, value: String(value) }));
  }
}
