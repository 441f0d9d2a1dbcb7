/**
 * `npm run bench:insights -- [--plays 300000] [--adapters embedded,mongodb] [--runs 40]
 * [--ferret-backend sqlite|postgresql]`: a listener
 * with N generated plays is imported through the real pipeline into each store adapter; then the
 * dashboard's data is timed for every range: each widget on its own, and the whole dashboard as a
 * request computes it (revision check against the store, cached index, every widget). Prints
 * p50/p95 per widget and range, and the cold first load (index assembled from the segments).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    plays: { type: "string", default: "300000" },
    adapters: { type: "string", default: "embedded,mongodb" },
    runs: { type: "string", default: "40" },
    cold: { type: "string" },
    // FerretDB's storage when no MONGODB_URI is set: SQLite (as the tests) or a local PostgreSQL.
    "ferret-backend": { type: "string" },
  },
});

const TIME_ZONE = "Europe/Berlin";
const THRESHOLD = 30_000;
const USER = "bench-listener";

/**
 * `--cold <user>`: a fresh process (store from DATA_DIR or MONGODB_URI) answering the first
 * dashboard request as the page does (`dashboardFor`, all time): prints the time to open
 * the store, the first dashboard (index assembled from the segments, every widget) and a second.
 */
if (values.cold) {
  const processStarted = performance.timeOrigin;
  const { getStore, closeStore } = await import("@/lib/db");
  const { dashboardFor } = await import("@/lib/insights");
  const { readDashboardParams, toDashboardQuery } = await import("@/lib/insights");
  const listener = {
    id: values.cold,
    displayName: "Bench",
    imageUrl: null,
    isDemo: false,
    reconnectRequired: false,
    settings: { timeZone: TIME_ZONE, listenThresholdMs: THRESHOLD, allowExplicit: true },
  };
  const query = toDashboardQuery(readDashboardParams({ range: "all" }));
  const modulesMs = Date.now() - processStarted;
  let started = performance.now();
  await getStore();
  const storeMs = performance.now() - started;
  started = performance.now();
  const first = await dashboardFor(listener, query);
  const firstMs = performance.now() - started;
  started = performance.now();
  await dashboardFor(listener, query);
  const secondMs = performance.now() - started;
  await closeStore();
  console.log(`COLD ${JSON.stringify({ modulesMs, storeMs, firstMs, secondMs, plays: first.totals.plays })}`);
  process.exit(0);
}

const plays = Number(values.plays);
const runs = Number(values.runs);
// Imported here, not at the top: the --cold child must load the driver inside its own measurement.
const { FERRET_BACKEND_NAMES, parseFerretBackend, startFerretDb } = await import("../services/ferretdb.ts");
const ferretBackend = parseFerretBackend(values["ferret-backend"]);
if (values["ferret-backend"] && process.env.MONGODB_URI)
  throw new Error("--ferret-backend chooses FerretDB's storage; unset MONGODB_URI to use it.");
const { generateListeningHistory, getDemoCatalog, writeExtendedHistory } = await import("@/lib/demo");
const { EmbeddedStore } = await import("@/lib/db");
const { MongoStore } = await import("@/lib/db");
const { ensureIndexes } = await import("@/lib/db");
const { parseExport } = await import("@/lib/ingest");
const { storeRows } = await import("@/lib/ingest");
const { loadListeningIndex } = await import("@/lib/listening");
const { buildDashboard } = await import("@/lib/insights");
const compute = await import("@/lib/insights");
const { resolveRange } = await import("@/lib/insights");
type Store = import("@/lib/db").Store;

const percentile = (samples: number[], p: number) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

console.log(`bench:insights: ${plays.toLocaleString("en")} generated plays over 10 years, ${runs} runs per range\n`);
const catalog = getDemoCatalog(11);
const history = generateListeningHistory({ seed: 11, plays, years: 10, timeZone: TIME_ZONE });
const files = writeExtendedHistory(history, catalog);
const parsed = parseExport(files.map((file) => ({ name: file.name, text: file.content })));
const now = (history.at(-1)?.ts.getTime() ?? Date.now()) + 60_000;
const ranges = [
  { name: "4 weeks", spec: { preset: "4w" as const } },
  { name: "6 months", spec: { preset: "6m" as const } },
  { name: "year", spec: { preset: "1y" as const } },
  { name: "all time", spec: { preset: "all" as const } },
  {
    name: "custom (3 years)",
    spec: {
      from: new Date(now - 5 * 365 * 86_400_000).toISOString().slice(0, 10),
      to: new Date(now - 2 * 365 * 86_400_000).toISOString().slice(0, 10),
    },
  },
];

let ferret: import("../services/ferretdb.ts").FerretDb | undefined;
const adapters = values.adapters.split(",");
try {
  for (const adapter of adapters) {
    let store: Store;
    let dir: string | undefined;
    if (adapter === "embedded") {
      dir = mkdtempSync(join(tmpdir(), "echotune-bench-insights-"));
      store = new EmbeddedStore(dir);
    } else {
      let uri = process.env.MONGODB_URI;
      if (!uri) {
        ferret = await startFerretDb({ backend: ferretBackend });
        uri = ferret.uri;
      }
      store = new MongoStore({ uri, database: `bench_insights_${process.pid}`, socketTimeoutMS: 600_000 });
    }
    await ensureIndexes(store);
    const importStarted = performance.now();
    for (let start = 0, chunk = 0; start < parsed.rows.length; start += 5_000, chunk += 1) {
      await storeRows(store, `${USER}-${adapter}`, "bench", `c${chunk}`, parsed.rows.slice(start, start + 5_000));
    }
    const importSeconds = (performance.now() - importStarted) / 1000;
    const label = adapter === "mongodb" && ferret ? `mongodb (FerretDB, ${FERRET_BACKEND_NAMES[ferret.backend]})` : adapter;

    const coldStarted = performance.now();
    const index = await loadListeningIndex(store, `${USER}-${adapter}`);
    const coldMs = performance.now() - coldStarted;
    console.log(
      `${label}: imported ${index.count.toLocaleString("en")} plays in ${importSeconds.toFixed(1)} s; cold index load ${fmt(coldMs)} (from the segments)`,
    );

    const widgets: Record<string, (q: import("@/lib/insights").InsightQuery) => unknown> = {
      totals: (q) => compute.totals(index, q),
      "top tracks": (q) => compute.topItems(index, q, { kind: "track", by: "plays", limit: 10 }),
      "top artists": (q) => compute.topItems(index, q, { kind: "artist", by: "plays", limit: 10 }),
      "top albums": (q) => compute.topItems(index, q, { kind: "album", by: "time", limit: 10 }),
      timeline: (q) => compute.timeline(index, q, { unit: "week" }),
      clock: (q) => compute.clock(index, q),
      sessions: (q) => compute.sessions(index, q, {}),
      skips: (q) => compute.skips(index, q, { limit: 5 }),
      discovery: (q) => compute.discovery(index, q),
      streaks: (q) => compute.streaks(index, q),
      platforms: (q) => compute.platforms(index, q),
      genres: (q) => compute.genres(index, q, () => ["indie"], { limit: 8 }),
    };

    console.log(`\n${"range".padEnd(18)}${"widget".padEnd(14)}${"p50".padStart(11)}${"p95".padStart(11)}`);
    let worstDashboardP95 = 0;
    for (const range of ranges) {
      const resolved = resolveRange(range.spec, TIME_ZONE, now, index);
      const q = { from: resolved.from, to: resolved.to, timeZone: TIME_ZONE, listenThresholdMs: THRESHOLD };
      for (const [name, widget] of Object.entries(widgets)) {
        const samples: number[] = [];
        for (let run = 0; run < runs; run += 1) {
          const started = performance.now();
          widget(q);
          samples.push(performance.now() - started);
        }
        console.log(
          `${range.name.padEnd(18)}${name.padEnd(14)}${fmt(percentile(samples, 50)).padStart(11)}${fmt(percentile(samples, 95)).padStart(11)}`,
        );
      }
      // The whole request: the revision read (a store round trip), the cached index, every widget.
      const samples: number[] = [];
      for (let run = 0; run < runs; run += 1) {
        const started = performance.now();
        const current = await loadListeningIndex(store, `${USER}-${adapter}`);
        buildDashboard(
          current,
          { range: range.spec, by: "plays" },
          { timeZone: TIME_ZONE, listenThresholdMs: THRESHOLD },
          { now, genreOf: () => ["indie"] },
        );
        samples.push(performance.now() - started);
      }
      const p95 = percentile(samples, 95);
      worstDashboardP95 = Math.max(worstDashboardP95, p95);
      console.log(`${range.name.padEnd(18)}${"DASHBOARD".padEnd(14)}${fmt(percentile(samples, 50)).padStart(11)}${fmt(p95).padStart(11)}`);
    }
    console.log(`\n${label}: worst whole-dashboard p95 over all ranges ${fmt(worstDashboardP95)}`);

    // Cold start: a fresh process's first dashboard request, from the stored data alone.
    const database = `bench_insights_${process.pid}`;
    const uri = store instanceof MongoStore ? (process.env.MONGODB_URI ?? ferret?.uri) : undefined;
    await store.close();
    const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: "warn" };
    for (const name of ["MONGODB_URI", "MONGODB_DB", "DATA_DIR"]) delete env[name];
    if (dir) env.DATA_DIR = dir;
    else Object.assign(env, { MONGODB_URI: uri, MONGODB_DB: database });
    const cold = spawnSync(
      process.execPath,
      ["--import", "./scripts/register.ts", "scripts/bench/insights.ts", "--cold", `${USER}-${adapter}`],
      {
        encoding: "utf8",
        env,
      },
    );
    const line = cold.stdout.split("\n").find((candidate) => candidate.startsWith("COLD "));
    if (!line) throw new Error(`cold-start child failed:\n${cold.stderr}`);
    const measured = JSON.parse(line.slice(5)) as { modulesMs: number; storeMs: number; firstMs: number; secondMs: number; plays: number };
    console.log(
      `${label}: cold start, a fresh process's first dashboard (all time, ${measured.plays.toLocaleString("en")} plays): ${fmt(measured.firstMs)}` +
        ` (then ${fmt(measured.secondMs)}); before it, opening the store ${fmt(measured.storeMs)} (a server does this as it starts, before it takes requests) and loading modules ${fmt(measured.modulesMs)}\n`,
    );
    if (uri) {
      const { MongoClient } = await import("mongodb");
      const client = await MongoClient.connect(uri);
      await client.db(database).dropDatabase();
      await client.close();
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
} finally {
  await ferret?.dispose();
}
process.exit(0);
