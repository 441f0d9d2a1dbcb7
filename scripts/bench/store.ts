/**
 * `npm run bench:store`: inserts a decade of plays for one listener in batches, then times the
 * queries a dashboard makes, on each store adapter, and prints them side by side.
 *   npm run bench:store -- --plays 300000 --batch 1000 --runs 30 --adapters embedded,mongodb
 * MongoDB is MONGODB_URI when set (a database you may wipe), otherwise FerretDB v1 started here
 * (`--ferret-backend sqlite|postgresql`, SQLite by default).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { EmbeddedStore } from "@/lib/db";
import { MongoStore } from "@/lib/db";
import type { Store } from "@/lib/db";
import { playsRepository, type NewPlay, type TimeRange } from "@/lib/db";
import { ensureIndexes } from "@/lib/db";
import { nameKeyFor, trackKeyFor } from "@/lib/listening";
import { FERRET_BACKEND_NAMES, parseFerretBackend, startFerretDb, type FerretDb } from "../services/ferretdb.ts";

const { values } = parseArgs({
  options: {
    plays: { type: "string", default: "300000" },
    batch: { type: "string", default: "1000" },
    runs: { type: "string", default: "30" },
    "mongo-runs": { type: "string" },
    adapters: { type: "string", default: "embedded,mongodb" },
    "ferret-backend": { type: "string" },
  },
});
const TOTAL = Number(values.plays);
const BATCH = Number(values.batch);
const RUNS = Number(values.runs);
// FerretDB v1 scans every document for these queries: fewer timed runs keep the bench to minutes.
const MONGO_RUNS = Number(values["mongo-runs"] ?? values.runs);
const FERRET_BACKEND = parseFerretBackend(values["ferret-backend"]);
// A flag that silently does nothing would put the wrong server's numbers under its name.
if (values["ferret-backend"] && process.env.MONGODB_URI)
  throw new Error("--ferret-backend chooses FerretDB's storage; unset MONGODB_URI to use it.");
const USER = "bench-listener";
const END = Date.UTC(2026, 10, 1);
const START = END - 10 * 365 * 86_400_000;

/** A deterministic pseudo-random stream (mulberry32), so every adapter gets the same plays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function makePlays(): NewPlay[] {
  const next = random(42);
  const step = (END - START) / TOTAL;
  return Array.from({ length: TOTAL }, (_, index) => {
    // Zipf-like taste: a few artists get most plays, a long tail gets the rest.
    const artist = Math.floor(2_000 * next() ** 3);
    const track = Math.floor(40 * next() ** 2);
    const msPlayed = next() < 0.2 ? Math.floor(next() * 30_000) : 120_000 + Math.floor(next() * 180_000);
    const names = { trackId: `t${artist}x${track}`, trackName: `Track ${track} of artist ${artist}`, artistName: `Artist ${artist}` };
    return {
      playedAt: new Date(Math.floor(START + index * step + next() * step * 0.5)),
      trackKey: trackKeyFor(names),
      nameKey: nameKeyFor(names),
      ...names,
      albumName: `Album ${artist}-${track % 4}`,
      msPlayed,
      skipped: msPlayed < 30_000,
      reasonStart: "trackdone",
      reasonEnd: msPlayed < 30_000 ? "fwdbtn" : "trackdone",
      shuffle: next() < 0.4,
      platform: ["android", "ios", "web", "desktop"][Math.floor(next() * 4)] ?? "web",
      source: "import",
      importId: null,
    };
  });
}

const ranges: Array<[string, TimeRange]> = [
  ["4 weeks", { from: new Date(END - 28 * 86_400_000), to: new Date(END) }],
  ["6 months", { from: new Date(END - 182 * 86_400_000), to: new Date(END) }],
  ["1 year", { from: new Date(END - 365 * 86_400_000), to: new Date(END) }],
  ["all time", {}],
];

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

interface Result {
  adapter: string;
  insertsPerSecond: number;
  replayMs: number;
  queries: Map<string, { p50: number; p95: number }>;
}

async function time<T>(action: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await action();
  return performance.now() - started;
}

async function bench(adapter: string, store: Store, plays: NewPlay[], runs = RUNS): Promise<Result> {
  await ensureIndexes(store);
  const repository = playsRepository(store);
  const started = performance.now();
  for (let offset = 0; offset < plays.length; offset += BATCH) {
    await repository.add(USER, plays.slice(offset, offset + BATCH));
    if ((offset / BATCH) % 50 === 0) process.stdout.write(`\r  ${adapter}: ${offset + BATCH} / ${plays.length} inserted`);
  }
  const insertSeconds = (performance.now() - started) / 1000;
  process.stdout.write("\n");
  const replayMs = await time(() => repository.add(USER, plays.slice(0, BATCH)));

  const queries = new Map<string, { p50: number; p95: number }>();
  const measure = async (name: string, action: () => Promise<unknown>) => {
    await action(); // warm-up
    const samples: number[] = [];
    for (let run = 0; run < runs; run += 1) samples.push(await time(action));
    queries.set(name, { p50: percentile(samples, 50), p95: percentile(samples, 95) });
  };
  for (const [label, range] of ranges) {
    await measure(`count plays, ${label}`, () => repository.count(USER, range));
    await measure(`top 10 artists, ${label}`, () => repository.topArtists(USER, range, 10));
  }
  await measure("recent 50 plays", () => repository.recent(USER, 50));
  await measure("500 plays of a month", () => repository.between(USER, ranges[0]![1], { limit: 500 }));
  return { adapter, insertsPerSecond: plays.length / insertSeconds, replayMs, queries };
}

const plays = makePlays();
const wanted = new Set(values.adapters.split(","));
const results: Result[] = [];
const cleanups: Array<() => Promise<void>> = [];

console.log(
  `bench:store: ${TOTAL.toLocaleString("en")} plays over ten years, batches of ${BATCH}, ${RUNS} timed runs per query (${MONGO_RUNS} on MongoDB)\n`,
);
try {
  if (wanted.has("embedded")) {
    const dir = mkdtempSync(join(tmpdir(), "echotune-bench-"));
    const store = new EmbeddedStore(dir);
    cleanups.push(async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
    results.push(await bench("embedded", store, plays));
  }
  if (wanted.has("mongodb")) {
    let uri = process.env.MONGODB_URI;
    let label = "mongodb";
    if (!uri) {
      const ferret: FerretDb = await startFerretDb({ backend: FERRET_BACKEND });
      cleanups.push(() => ferret.dispose());
      uri = ferret.uri;
      label = `mongodb (FerretDB, ${FERRET_BACKEND_NAMES[ferret.backend]})`;
    }
    const store = new MongoStore({ uri, database: `bench_${Date.now()}`, socketTimeoutMS: 30 * 60_000 });
    cleanups.push(async () => {
      await store.client
        .db(`bench_${Date.now()}`)
        .dropDatabase()
        .catch(() => undefined);
      await store.close();
    });
    results.push(await bench(label, store, plays, MONGO_RUNS));
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup();
}

const width = 34;
// Wide enough for the longest adapter label ("mongodb (FerretDB, PostgreSQL)").
const column = Math.max(24, ...results.map((result) => result.adapter.length + 2));
const header = ["", ...results.map((result) => result.adapter)];
console.log(
  `\n${header[0]!.padEnd(width)}${header
    .slice(1)
    .map((name) => name.padStart(column))
    .join("")}`,
);
console.log(
  `${"inserts/s".padEnd(width)}${results.map((result) => Math.round(result.insertsPerSecond).toLocaleString("en").padStart(column)).join("")}`,
);
console.log(
  `${`replayed batch of ${BATCH} (all dup)`.padEnd(width)}${results.map((result) => `${result.replayMs.toFixed(1)} ms`.padStart(column)).join("")}`,
);
console.log(`${"query (p50 / p95 ms)".padEnd(width)}`);
for (const name of results[0]?.queries.keys() ?? []) {
  const cells = results.map((result) => {
    const timing = result.queries.get(name);
    return timing ? `${timing.p50.toFixed(1)} / ${timing.p95.toFixed(1)}`.padStart(column) : "".padStart(column);
  });
  console.log(`  ${name.padEnd(width - 2)}${cells.join("")}`);
}
