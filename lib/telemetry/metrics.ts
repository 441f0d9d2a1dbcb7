/**
 * Durable, time-bucketed counters for the operations page: every instance adds its counts to the
 * shared cache (Upstash in production, memory locally) in one hash per minute (kept 26 h) and one
 * per hour (kept 15 days). Counts are buffered in the process and written in one batch about once a
 * second, so recording costs a request a few map updates; a batch the cache refuses is dropped and
 * counted locally (`telemetry.dropped`): metrics never block or fail a request.
 */
import { perProcess } from "@/lib/process-state";
import { countEvent } from "./counters";
import { latencyBucket } from "./histogram";
import { hashedListenerId } from "./identity";

/**
 * What the counters need of the shared cache. lib/cache's `Cache` is one; lib/cache hands its cache
 * over when it loads (`setMetricsStore`), since the cache itself reports lookups and spans here.
 */
export interface CounterStore {
  incrementFields(writes: ReadonlyArray<{ key: string; fields: Record<string, number>; ttlSeconds: number }>): Promise<void>;
  readFields(keys: readonly string[]): Promise<Array<Record<string, number>>>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
const MINUTE_TTL_SECONDS = 26 * 3600;
const HOUR_TTL_SECONDS = 15 * 24 * 3600;
const FLUSH_DELAY_MS = 1_000;

export const minuteKey = (minute: number) => `metrics:m:${minute}`;
export const hourKey = (hour: number) => `metrics:h:${hour}`;

/** Field names inside a bucket: `<family>|<name>|<measure>`. */
export const fieldOf = {
  requests: (route: string) => `req|${route}|n`,
  errors: (route: string) => `req|${route}|e`,
  latency: (route: string, bucket: number) => `req|${route}|b${bucket}`,
  spotify: (endpoint: string, status: number) => `sp|${endpoint}|${status}`,
  pause: (account: string, untilSeconds: number) => `pause|${account}|${untilSeconds}`,
  cache: (use: string, hit: boolean) => `cache|${use}|${hit ? "hit" : "miss"}`,
  importRows: "imp|rows|n",
  importMs: "imp|ms|n",
  job: (kind: string, outcome: string) => `job|${kind}|${outcome}`,
  jobMs: (kind: string) => `job|${kind}|ms`,
};

export interface RequestSample {
  route: string;
  method: string;
  status: number;
  ms: number;
}

export interface SpotifyCallSample {
  endpoint: string;
  status: number;
  ms: number;
}

export interface JobStepSample {
  kind: string;
  outcome: "succeeded" | "failed" | "retried";
  ms: number;
}

type Buckets = Map<number, Map<string, number>>;

function addTo(buckets: Buckets, bucket: number, fields: Record<string, number>): void {
  let hash = buckets.get(bucket);
  if (!hash) {
    hash = new Map();
    buckets.set(bucket, hash);
  }
  for (const [field, by] of Object.entries(fields)) hash.set(field, (hash.get(field) ?? 0) + by);
}

/** Buffers counts per minute and hour bucket and writes them to its store in one batch. */
export class MetricsRecorder {
  private minutes: Buckets = new Map();
  private hours: Buckets = new Map();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly store: () => CounterStore;
  private readonly now: () => number;
  private readonly flushDelayMs: number;

  constructor(options: { store: () => CounterStore; now?: () => number; flushDelayMs?: number }) {
    this.store = options.store;
    this.now = options.now ?? Date.now;
    this.flushDelayMs = options.flushDelayMs ?? FLUSH_DELAY_MS;
  }

  /** Adds to the current minute and hour (`hourOnly`: the hour alone, for facts read back over days). */
  add(fields: Record<string, number>, options: { hourOnly?: boolean } = {}): void {
    const now = this.now();
    if (!options.hourOnly) addTo(this.minutes, Math.floor(now / MINUTE_MS), fields);
    addTo(this.hours, Math.floor(now / HOUR_MS), fields);
    if (!this.timer && this.flushDelayMs >= 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.flush();
      }, this.flushDelayMs);
      this.timer.unref?.();
    }
  }

  /** One answered request: `route` is the route's pattern (`/api/imports/[id]/chunks`), never a URL with ids. */
  request({ route, method, status, ms }: RequestSample): void {
    const name = `${method} ${route}`;
    this.add({
      [fieldOf.requests(name)]: 1,
      [fieldOf.latency(name, latencyBucket(ms))]: 1,
      ...(status >= 500 ? { [fieldOf.errors(name)]: 1 } : {}),
    });
  }

  /** One Spotify Web API response (status 0: no response, a network error or timeout). */
  spotifyCall({ endpoint, status }: SpotifyCallSample): void {
    this.add({ [fieldOf.spotify(endpoint, status)]: 1 });
  }

  /** A long Retry-After (or an exhausted quota) pausing an account's calls; the account is hashed. */
  spotifyPause({ account, until }: { account: string; until: Date }): void {
    this.add({ [fieldOf.pause(hashedListenerId(account), Math.ceil(until.getTime() / 1000))]: 1 }, { hourOnly: true });
  }

  cacheLookup(use: string, hit: boolean): void {
    this.add({ [fieldOf.cache(use, hit)]: 1 });
  }

  importRows(rows: number, ms: number): void {
    this.add({ [fieldOf.importRows]: rows, [fieldOf.importMs]: ms });
  }

  jobStep({ kind, outcome, ms }: JobStepSample): void {
    this.add({ [fieldOf.job(kind, outcome)]: 1, [fieldOf.jobMs(kind)]: ms });
  }

  /** Writes what is buffered; never throws. */
  async flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const writes = [
      ...[...this.minutes].map(([minute, hash]) => ({
        key: minuteKey(minute),
        fields: Object.fromEntries(hash),
        ttlSeconds: MINUTE_TTL_SECONDS,
      })),
      ...[...this.hours].map(([hour, hash]) => ({ key: hourKey(hour), fields: Object.fromEntries(hash), ttlSeconds: HOUR_TTL_SECONDS })),
    ];
    this.minutes = new Map();
    this.hours = new Map();
    if (writes.length === 0) return;
    try {
      await this.store().incrementFields(writes);
    } catch {
      countEvent("telemetry.dropped", writes.length);
    }
  }
}

/** Until lib/cache hands over the shared cache: counters in this process only (scripts that never load it). */
class LocalCounterStore implements CounterStore {
  private readonly hashes = new Map<string, { fields: Record<string, number>; expiresAt: number }>();

  async incrementFields(writes: ReadonlyArray<{ key: string; fields: Record<string, number>; ttlSeconds: number }>): Promise<void> {
    const now = Date.now();
    for (const { key, fields, ttlSeconds } of writes) {
      let entry = this.hashes.get(key);
      if (!entry || entry.expiresAt <= now) {
        entry = { fields: {}, expiresAt: now + ttlSeconds * 1000 };
        this.hashes.set(key, entry);
      }
      for (const [field, by] of Object.entries(fields)) entry.fields[field] = (entry.fields[field] ?? 0) + Math.round(by);
    }
  }

  async readFields(keys: readonly string[]): Promise<Array<Record<string, number>>> {
    const now = Date.now();
    return keys.map((key) => {
      const entry = this.hashes.get(key);
      return entry && entry.expiresAt > now ? { ...entry.fields } : {};
    });
  }
}

const state = perProcess("telemetry.metrics", () => {
  const local = new LocalCounterStore();
  return { store: (): CounterStore => local, recorder: undefined as MetricsRecorder | undefined };
});

/** Where the counters go: lib/cache calls this with its process cache when it loads. */
export function setMetricsStore(store: () => CounterStore): void {
  state.store = store;
}

export function metricsStore(): CounterStore {
  return state.store();
}

function recorder(): MetricsRecorder {
  state.recorder ??= new MetricsRecorder({ store: () => state.store() });
  return state.recorder;
}

/** Writes the buffered counts now (end of a serverless request, a script, a test). */
export function flushMetrics(): Promise<void> {
  return recorder().flush();
}

/** One answered request: `route` is the route's pattern (`/api/imports/[id]/chunks`), never a URL with ids. */
export function recordRequest(sample: RequestSample): void {
  recorder().request(sample);
}

/** One Spotify Web API response (status 0: no response, a network error or timeout). */
export function recordSpotifyCall(sample: SpotifyCallSample): void {
  recorder().spotifyCall(sample);
}

/** A long Retry-After (or an exhausted quota) pausing an account until `until`; the account is hashed. */
export function recordSpotifyPause(pause: { account: string; until: Date }): void {
  recorder().spotifyPause(pause);
}

/** One cache lookup; `use` is the key's prefix before its first ':' (`spotify`, `assistant`, `research`...). */
export function recordCacheLookup(use: string, hit: boolean): void {
  recorder().cacheLookup(use, hit);
}

/** Rows stored by one import chunk and how long it took. */
export function recordImportRows(rows: number, ms: number): void {
  recorder().importRows(rows, ms);
}

/** One background job step and how it ended (the job runner calls it). */
export function recordJobStep(sample: JobStepSample): void {
  recorder().jobStep(sample);
}
