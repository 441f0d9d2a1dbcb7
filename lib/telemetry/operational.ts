/** Reads the time-bucketed counters back into what the operations page shows. */
import { histogramQuantile, LATENCY_BOUNDS_MS } from "./histogram";
import { HOUR_MS, hourKey, metricsStore, MINUTE_MS, minuteKey, type CounterStore } from "./metrics";

export interface OperationalMetrics {
  since: string;
  /** Each bucket's start (ISO): minutes for a window up to 3 hours, hours beyond. */
  buckets: string[];
  /** Per route ("POST /api/chat"), busiest first; `series` is requests per bucket. */
  routes: Array<{ route: string; requests: number; errors: number; p95Ms: number | null; series: number[] }>;
  spotify: {
    byEndpoint: Array<{ endpoint: string; status: number; count: number }>;
    rateLimited: number;
    /** Accounts paused now; `account` is the hashed listener id. */
    pauses: Array<{ account: string; until: string }>;
  };
  cache: Array<{ use: string; hits: number; misses: number; hitRate: number | null }>;
  imports: { rows: number; seconds: number; rowsPerSecond: number | null };
  jobs: { succeeded: number; failed: number; retried: number };
  totals: { requests: number; errors: number; errorRate: number | null };
}

const MINUTE_WINDOW_HOURS = 3;
const MAX_HOURS = 15 * 24;
/** Pauses are read from the hour buckets of the last two days, whatever the window. */
const PAUSE_LOOKBACK_HOURS = 48;

interface RouteTally {
  requests: number;
  errors: number;
  histogram: number[];
  series: number[];
}

function splitField(field: string): { family: string; name: string; measure: string } | null {
  const first = field.indexOf("|");
  const last = field.lastIndexOf("|");
  if (first === -1 || last === first) return null;
  return { family: field.slice(0, first), name: field.slice(first + 1, last), measure: field.slice(last + 1) };
}

/**
 * The counters of the last `hours` (1 minute to 15 days), summed over every instance that wrote
 * them. Errors are 5xx answers; p95 comes from the summed latency histograms.
 */
export async function readOperationalMetrics({
  hours,
  now = Date.now(),
  store = metricsStore(),
}: {
  hours: number;
  now?: number;
  store?: CounterStore;
}): Promise<OperationalMetrics> {
  const window = Math.min(MAX_HOURS, Math.max(1 / 60, Number.isFinite(hours) ? hours : 1));
  const byMinute = window <= MINUTE_WINDOW_HOURS;
  const size = byMinute ? MINUTE_MS : HOUR_MS;
  const count = Math.max(1, Math.ceil((window * HOUR_MS) / size));
  const last = Math.floor(now / size);
  const starts = Array.from({ length: count }, (_, index) => last - count + 1 + index);
  const pauseHours = Array.from({ length: PAUSE_LOOKBACK_HOURS }, (_, index) => Math.floor(now / HOUR_MS) - index);

  const keys = starts.map((start) => (byMinute ? minuteKey(start) : hourKey(start)));
  const hashes = await store.readFields([...keys, ...pauseHours.map(hourKey)]);

  const routes = new Map<string, RouteTally>();
  const spotify = new Map<string, { endpoint: string; status: number; count: number }>();
  const cache = new Map<string, { hits: number; misses: number }>();
  const imports = { rows: 0, ms: 0 };
  const jobs = { succeeded: 0, failed: 0, retried: 0 };
  const pauses = new Map<string, number>();

  hashes.forEach((hash, index) => {
    const isPauseBucket = index >= keys.length;
    for (const [field, value] of Object.entries(hash)) {
      const parts = splitField(field);
      if (!parts) continue;
      const { family, name, measure } = parts;
      if (isPauseBucket) {
        if (family === "pause") pauses.set(name, Math.max(pauses.get(name) ?? 0, Number(measure) * 1000));
        continue;
      }
      if (family === "req") {
        let tally = routes.get(name);
        if (!tally) {
          tally = {
            requests: 0,
            errors: 0,
            histogram: new Array<number>(LATENCY_BOUNDS_MS.length + 1).fill(0),
            series: new Array<number>(count).fill(0),
          };
          routes.set(name, tally);
        }
        if (measure === "n") {
          tally.requests += value;
          tally.series[index] = (tally.series[index] ?? 0) + value;
        } else if (measure === "e") tally.errors += value;
        else if (measure.startsWith("b")) {
          const bucket = Number(measure.slice(1));
          if (bucket >= 0 && bucket < tally.histogram.length) tally.histogram[bucket] = (tally.histogram[bucket] ?? 0) + value;
        }
      } else if (family === "sp") {
        const status = Number(measure);
        const key = `${name}|${status}`;
        const entry = spotify.get(key) ?? { endpoint: name, status, count: 0 };
        entry.count += value;
        spotify.set(key, entry);
      } else if (family === "cache") {
        const entry = cache.get(name) ?? { hits: 0, misses: 0 };
        if (measure === "hit") entry.hits += value;
        else if (measure === "miss") entry.misses += value;
        cache.set(name, entry);
      } else if (family === "imp") {
        if (name === "rows") imports.rows += value;
        else if (name === "ms") imports.ms += value;
      } else if (family === "job" && (measure === "succeeded" || measure === "failed" || measure === "retried")) {
        jobs[measure] += value;
      }
    }
  });

  const routeRows = [...routes]
    .map(([route, tally]) => ({
      route,
      requests: tally.requests,
      errors: tally.errors,
      p95Ms: histogramQuantile(tally.histogram, 0.95),
      series: tally.series,
    }))
    .sort((a, b) => b.requests - a.requests || a.route.localeCompare(b.route));
  const byEndpoint = [...spotify.values()].sort((a, b) => b.count - a.count || a.endpoint.localeCompare(b.endpoint) || a.status - b.status);
  const requests = routeRows.reduce((sum, row) => sum + row.requests, 0);
  const errors = routeRows.reduce((sum, row) => sum + row.errors, 0);
  const seconds = imports.ms / 1000;

  return {
    since: new Date((starts[0] as number) * size).toISOString(),
    buckets: starts.map((start) => new Date(start * size).toISOString()),
    routes: routeRows,
    spotify: {
      byEndpoint,
      rateLimited: byEndpoint.filter((row) => row.status === 429).reduce((sum, row) => sum + row.count, 0),
      pauses: [...pauses]
        .filter(([, until]) => until > now)
        .sort((a, b) => b[1] - a[1])
        .map(([account, until]) => ({ account, until: new Date(until).toISOString() })),
    },
    cache: [...cache]
      .map(([use, { hits, misses }]) => ({ use, hits, misses, hitRate: hits + misses > 0 ? hits / (hits + misses) : null }))
      .sort((a, b) => a.use.localeCompare(b.use)),
    imports: { rows: imports.rows, seconds, rowsPerSecond: seconds > 0 ? imports.rows / seconds : null },
    jobs,
    totals: { requests, errors, errorRate: requests > 0 ? errors / requests : null },
  };
}
