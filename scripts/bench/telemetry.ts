/**
 * `npm run bench:telemetry [-- --requests 200000]`: what recording costs a request. Each request
 * records what the route wrapper records (count, latency histogram, an error now and then) plus
 * two cache lookups, into a recorder over the memory cache; the flushes (one batch per simulated
 * second) are included. Prints microseconds per recorded request and the batch writes' share.
 */
import { parseArgs } from "node:util";
import { MemoryCache } from "@/lib/cache";
import { MetricsRecorder, readOperationalMetrics } from "@/lib/telemetry";

const { values } = parseArgs({ options: { requests: { type: "string", default: "200000" }, routes: { type: "string", default: "40" } } });
const requests = Number(values.requests);
const routes = Array.from({ length: Number(values.routes) }, (_, index) => `/api/bench/${index}/[id]`);

const cache = new MemoryCache();
const clock = { now: Date.UTC(2026, 0, 1) };
const recorder = new MetricsRecorder({ store: () => cache, now: () => clock.now, flushDelayMs: -1 });

// Warm up the JIT two hours earlier, outside the hour read back below.
clock.now -= 2 * 3_600_000;
for (let index = 0; index < 20_000; index += 1)
  recorder.request({ route: routes[index % routes.length]!, method: "GET", status: 200, ms: index % 900 });
await recorder.flush();
clock.now += 2 * 3_600_000;

let flushMs = 0;
const started = performance.now();
for (let index = 0; index < requests; index += 1) {
  clock.now += 1; // 1,000 requests per simulated second
  recorder.request({
    route: routes[index % routes.length]!,
    method: index % 3 ? "GET" : "POST",
    status: index % 97 ? 200 : 503,
    ms: (index * 37) % 3000,
  });
  recorder.cacheLookup(index % 2 ? "spotify" : "assistant", index % 5 !== 0);
  recorder.cacheLookup("reco", index % 4 === 0);
  if (index % 1000 === 999) {
    const flushStarted = performance.now();
    await recorder.flush();
    flushMs += performance.now() - flushStarted;
  }
}
await recorder.flush();
const totalMs = performance.now() - started;

const readStarted = performance.now();
const metrics = await readOperationalMetrics({ hours: 1, now: clock.now, store: cache });
const readMs = performance.now() - readStarted;

console.log(`telemetry: ${requests.toLocaleString("en")} requests over ${routes.length} routes, memory cache`);
console.log(`  per recorded request: ${((totalMs * 1000) / requests).toFixed(2)} µs (request + 2 cache lookups, flushes included)`);
console.log(
  `  batch writes: ${((flushMs / totalMs) * 100).toFixed(1)}% of that (${Math.ceil(requests / 1000)} flushes, ${(flushMs / Math.ceil(requests / 1000)).toFixed(3)} ms each)`,
);
console.log(
  `  readOperationalMetrics (1 h, minute buckets): ${readMs.toFixed(1)} ms; counted ${metrics.totals.requests.toLocaleString("en")} requests`,
);
if (metrics.totals.requests !== requests) {
  console.error(`  ✗ counted ${metrics.totals.requests}, expected ${requests}`);
  process.exit(1);
}
