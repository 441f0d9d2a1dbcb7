import { recordCacheLookup, withSpan } from "@/lib/telemetry";
import type { Cache } from "./port";

/** A key's use: its prefix before the first ':' (`spotify`, `assistant`, `reco`, `research`...). */
export function cacheUseOf(key: string): string {
  const colon = key.indexOf(":");
  return colon === -1 ? key : key.slice(0, colon);
}

/**
 * Counts every lookup's hit or miss by use (for the operations page's hit rates) and, when tracing
 * is on, puts each call in a span named for the operation and use, never the key (keys hold ids).
 */
export function observedCache(cache: Cache, options: { spans: boolean }): Cache {
  const traced = <T>(operation: string, key: string, fn: () => Promise<T>): Promise<T> =>
    options.spans
      ? withSpan(`cache.${operation}`, { "cache.system": cache.kind, "cache.operation": operation, "cache.use": cacheUseOf(key) }, fn)
      : fn();
  return {
    kind: cache.kind,
    async get<T>(key: string) {
      const value = await traced("get", key, () => cache.get<T>(key));
      recordCacheLookup(cacheUseOf(key), value !== undefined);
      return value;
    },
    async getMany<T>(keys: string[]) {
      const values = await traced("getMany", keys[0] ?? "", () => cache.getMany<T>(keys));
      keys.forEach((key, index) => recordCacheLookup(cacheUseOf(key), values[index] !== undefined));
      return values;
    },
    set: (key, value, options) => traced("set", key, () => cache.set(key, value, options)),
    delete: (key) => traced("delete", key, () => cache.delete(key)),
    deleteNaming: (id) => traced("deleteNaming", "listener", () => cache.deleteNaming(id)),
    increment: (key, options) => traced("increment", key, () => cache.increment(key, options)),
    incrementFields: (writes) => cache.incrementFields(writes),
    readFields: (keys) => cache.readFields(keys),
    ping: () => cache.ping(),
  };
}
