import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { keyNames, type Cache, type FieldIncrements, type RateLimiter, type RateLimitResult, type RateLimitRule } from "./port";

export interface UpstashOptions {
  url: string;
  token: string;
  /** Prepended to every key, so environments can share one database. */
  prefix?: string;
  /** Per-request timeout: a slow cache must not hold a page hostage. */
  timeoutMs?: number;
}

// Sets the TTL only on a counter that has none, so later increments do not extend its life.
const INCREMENT_SCRIPT = `local value = redis.call("INCRBY", KEYS[1], ARGV[1])
if redis.call("TTL", KEYS[1]) < 0 then redis.call("EXPIRE", KEYS[1], ARGV[2]) end
return value`;

// The same for every field of one hash: ARGV[1] is the TTL, then field and amount pairs.
const INCREMENT_FIELDS_SCRIPT = `for i = 2, #ARGV, 2 do redis.call("HINCRBY", KEYS[1], ARGV[i], ARGV[i + 1]) end
if redis.call("TTL", KEYS[1]) < 0 then redis.call("EXPIRE", KEYS[1], ARGV[1]) end
return 1`;

/** `value` with Redis glob's special characters escaped, so it matches only itself. */
function globEscape(value: string): string {
  return value.replace(/[*?[\]\\^]/g, (character) => `\\${character}`);
}

/**
 * Deletes every key under `prefix` that names `id` as whole segments (after the prefix). SCAN
 * with a MATCH narrows the keys Redis returns to those containing the id; the segment rule then
 * drops longer ids that merely start with it. Deleted in batches as the scan goes.
 */
async function deleteKeysNaming(redis: Redis, prefix: string, id: string): Promise<number> {
  if (id === "") return 0;
  const match = `${globEscape(prefix)}*${globEscape(id)}*`;
  let cursor = "0";
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, { match, count: 1_000 });
    const named = keys.filter((key) => key.startsWith(prefix) && keyNames(key.slice(prefix.length), id));
    if (named.length > 0) deleted += await redis.del(...named);
    cursor = String(next);
  } while (cursor !== "0");
  return deleted;
}

export function createUpstashClient(options: UpstashOptions): Redis {
  const timeoutMs = options.timeoutMs ?? 1_500;
  return new Redis({
    url: options.url,
    token: options.token,
    enableTelemetry: false,
    // Values are our own JSON strings, parsed by us, so "42" stays the string it was.
    automaticDeserialization: false,
    retry: { retries: 1, backoff: () => 100 },
    signal: () => AbortSignal.timeout(timeoutMs),
  });
}

/** Upstash Redis over its REST API (@upstash/redis). */
export class UpstashCache implements Cache {
  readonly kind = "upstash" as const;
  readonly redis: Redis;
  private readonly prefix: string;

  constructor(options: UpstashOptions & { redis?: Redis }) {
    this.redis = options.redis ?? createUpstashClient(options);
    this.prefix = options.prefix ?? "echotune:";
  }

  private key(key: string) {
    return `${this.prefix}${key}`;
  }

  async get<T>(key: string): Promise<T | undefined> {
    const raw = await this.redis.get<string>(this.key(key));
    return raw === null || raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  async getMany<T>(keys: string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    const raws = await this.redis.mget<Array<string | null>>(...keys.map((key) => this.key(key)));
    return raws.map((raw) => (raw === null || raw === undefined ? undefined : (JSON.parse(raw) as T)));
  }

  async set<T>(key: string, value: T, options: { ttlSeconds: number }): Promise<void> {
    await this.redis.set(this.key(key), JSON.stringify(value), { ex: Math.max(1, Math.ceil(options.ttlSeconds)) });
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(this.key(key));
  }

  deleteNaming(id: string): Promise<number> {
    return deleteKeysNaming(this.redis, this.prefix, id);
  }

  /** Every key under the prefix (rate-limit windows too) with its value, a hash's as JSON (`snapshotCache`). */
  async snapshot(): Promise<Array<{ key: string; value: string }>> {
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, page] = await this.redis.scan(cursor, { match: `${globEscape(this.prefix)}*`, count: 1_000 });
      keys.push(...page);
      cursor = String(next);
    } while (cursor !== "0");
    const contents: Array<{ key: string; value: string }> = [];
    for (const key of keys) {
      const type = await this.redis.type(key);
      const value =
        type === "string"
          ? await this.redis.get<string>(key)
          : type === "hash"
            ? JSON.stringify(await this.redis.hgetall(key))
            : // Our adapters write strings and hashes only; anything else is named by its type.
              `<${type}>`;
      contents.push({ key: key.slice(this.prefix.length), value: String(value ?? "") });
    }
    return contents;
  }

  async increment(key: string, options: { by?: number; ttlSeconds: number }): Promise<number> {
    const value = await this.redis.eval<[number, number], number | string>(
      INCREMENT_SCRIPT,
      [this.key(key)],
      [options.by ?? 1, Math.max(1, Math.ceil(options.ttlSeconds))],
    );
    return Number(value);
  }

  async incrementFields(writes: readonly FieldIncrements[]): Promise<void> {
    if (writes.length === 0) return;
    // One HTTP request for every hash (a pipeline), one script per hash so each gets its TTL once.
    const pipeline = this.redis.pipeline();
    for (const { key, fields, ttlSeconds } of writes) {
      const args: Array<string | number> = [Math.max(1, Math.ceil(ttlSeconds))];
      for (const [field, by] of Object.entries(fields)) args.push(field, Math.round(by));
      pipeline.eval(INCREMENT_FIELDS_SCRIPT, [this.key(key)], args);
    }
    await pipeline.exec();
  }

  async readFields(keys: readonly string[]): Promise<Array<Record<string, number>>> {
    if (keys.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const key of keys) pipeline.hgetall(this.key(key));
    // Without automatic deserialisation a hash comes back as Redis sends it: [field, value, field, value...].
    const hashes = await pipeline.exec<Array<Array<string | number> | Record<string, string | number> | null>>();
    return hashes.map((hash) => {
      const fields: Record<string, number> = {};
      if (Array.isArray(hash))
        for (let index = 0; index + 1 < hash.length; index += 2) fields[String(hash[index])] = Number(hash[index + 1]);
      else for (const [field, value] of Object.entries(hash ?? {})) fields[field] = Number(value);
      return fields;
    });
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}

/** @upstash/ratelimit's sliding window; one limiter per rule, created on first use. */
export class UpstashRateLimiter implements RateLimiter {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly limiters = new Map<string, Ratelimit>();

  constructor(redis: Redis, options: { prefix?: string } = {}) {
    this.redis = redis;
    this.prefix = options.prefix ?? "echotune:";
  }

  async limit(identifier: string, rule: RateLimitRule): Promise<RateLimitResult> {
    const id = `${rule.name}:${rule.limit}:${rule.windowSeconds}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.slidingWindow(rule.limit, `${rule.windowSeconds} s`),
        prefix: `${this.prefix}ratelimit:${rule.name}`,
        // No in-process block list: limits must hold across every instance, and tests need exact counts.
        ephemeralCache: false,
        analytics: false,
        timeout: 2_000,
      });
      this.limiters.set(id, limiter);
    }
    const { success, limit, remaining, reset } = await limiter.limit(identifier);
    return { success, limit, remaining, reset };
  }

  /** The windows of @upstash/ratelimit (`<prefix>ratelimit:<rule>:<identifier>:<window>`), whatever the rule. */
  deleteNaming(id: string): Promise<number> {
    return deleteKeysNaming(this.redis, `${this.prefix}ratelimit:`, id);
  }
}
