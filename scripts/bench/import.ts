/**
 * `npm run bench:import -- --plays 300000 [--adapters embedded,mongodb]`: the server-side import
 * pipeline (parse, validate, sort, de-duplicate, store, rollups) against a baseline measured in the
 * same run on the same files: JSON.parse of every file plus insertMany of the same documents into
 * the same kind of store, without validation. Each measurement runs in a child process of its own,
 * so its peak RSS is its own.
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
    child: { type: "string" },
    adapter: { type: "string" },
    "mongo-uri": { type: "string" },
  },
});

interface Measurement {
  rows: number;
  seconds: number;
  peakRssMb: number;
}

async function child(mode: "baseline" | "pipeline", adapter: string, plays: number, mongoUri?: string): Promise<Measurement> {
  const { generateListeningHistory, getDemoCatalog, writeExtendedHistory } = await import("@/lib/demo");
  const { EmbeddedStore } = await import("@/lib/db");
  const { MongoStore } = await import("@/lib/db");
  const catalog = getDemoCatalog(11);
  const files = writeExtendedHistory(generateListeningHistory({ seed: 11, plays, years: 10 }), catalog);
  const dir = mkdtempSync(join(tmpdir(), "echotune-bench-import-"));
  const store =
    adapter === "embedded"
      ? new EmbeddedStore(dir)
      : new MongoStore({ uri: mongoUri!, database: `bench_import_${process.pid}`, socketTimeoutMS: 600_000 });
  const { ensureIndexes } = await import("@/lib/db");
  await ensureIndexes(store);
  const started = performance.now();
  let rows = 0;
  if (mode === "baseline") {
    const plays = store.collection<{ _id: string }>("plays");
    for (const file of files) {
      const records = JSON.parse(file.content.replace(/^\uFEFF/, "")) as Array<Record<string, unknown>>;
      rows += records.length;
      for (let start = 0; start < records.length; start += 5_000) {
        const batch = records
          .slice(start, start + 5_000)
          .map((record, index) => ({ ...record, _id: `${file.name}:${start + index}`, userId: "bench" }));
        const { insertedCount } = await plays.insertMany(batch);
        // A baseline that silently inserts less (a unique index refusing rows) would flatter nothing but itself.
        if (insertedCount !== batch.length) throw new Error(`baseline inserted ${insertedCount} of ${batch.length} documents`);
      }
    }
  } else {
    const { parseExport } = await import("@/lib/ingest");
    const { storeRows } = await import("@/lib/ingest");
    const parsed = parseExport(files.map((file) => ({ name: file.name, text: file.content })));
    rows = parsed.rowsRead;
    for (let start = 0, index = 0; start < parsed.rows.length; start += 5_000, index += 1) {
      await storeRows(store, "bench", "bench-import", `c${index}`, parsed.rows.slice(start, start + 5_000));
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (store instanceof MongoStore) await store.client.db(`bench_import_${process.pid}`).dropDatabase();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return { rows, seconds, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

if (values.child) {
  const result = await child(
    values.child as "baseline" | "pipeline",
    values.adapter ?? "embedded",
    Number(values.plays),
    values["mongo-uri"],
  );
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

const plays = Number(values.plays);
const adapters = values.adapters.split(",");
let ferret: { uri: string; dispose(): Promise<void> } | undefined;
let mongoUri = process.env.MONGODB_URI;
if (adapters.includes("mongodb") && !mongoUri) {
  const { startFerretDb } = await import("../services/ferretdb.ts");
  ferret = await startFerretDb();
  mongoUri = ferret.uri;
}

function run(mode: string, adapter: string): Measurement {
  const result = spawnSync(
    process.execPath,
    [
      "--import",
      "./scripts/register.ts",
      "scripts/bench/import.ts",
      "--child",
      mode,
      "--adapter",
      adapter,
      "--plays",
      String(plays),
      ...(mongoUri ? ["--mongo-uri", mongoUri] : []),
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  const line = result.stdout.split("\n").find((candidate) => candidate.startsWith("RESULT "));
  if (!line) throw new Error(`bench child failed (${mode}, ${adapter}):\n${result.stderr}`);
  return JSON.parse(line.slice(7)) as Measurement;
}

console.log(`bench:import: ${plays.toLocaleString("en")} generated plays as an extended-history export\n`);
console.log(
  `${"adapter".padEnd(22)}${"pipeline rows/s".padStart(17)}${"baseline rows/s".padStart(17)}${"ratio".padStart(8)}${"pipeline RSS".padStart(14)}${"baseline RSS".padStart(14)}`,
);
try {
  for (const adapter of adapters) {
    const baseline = run("baseline", adapter);
    const pipeline = run("pipeline", adapter);
    const rate = (measurement: Measurement) => Math.round(measurement.rows / measurement.seconds);
    const label = adapter === "mongodb" && ferret ? "mongodb (FerretDB)" : adapter;
    console.log(
      `${label.padEnd(22)}${rate(pipeline).toLocaleString("en").padStart(17)}${rate(baseline).toLocaleString("en").padStart(17)}${(pipeline.seconds / baseline.seconds).toFixed(2).padStart(7)}x${`${pipeline.peakRssMb} MB`.padStart(14)}${`${baseline.peakRssMb} MB`.padStart(14)}`,
    );
  }
} finally {
  await ferret?.dispose();
}
