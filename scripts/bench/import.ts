/**
 * `npm run bench:import -- --plays 300000 [--adapters embedded,mongodb] [--ferret-backend sqlite|postgresql]`:
 * the server-side import (`importExport`, what `npm run import` runs: parse, validate, sort,
 * de-duplicate, store, rollups, the report) on one generated extended-history export written to
 * disk, with in the same run:
 *
 * - parse only: reading and JSON.parse of every file on one thread, nothing else;
 * - baseline: JSON.parse plus a bare insertMany of the same documents into the same kind of store;
 * - first import into an empty account;
 * - re-import of the same export (every row already stored);
 * - an overlapping newer export: the same history with its newest 10% added, imported over the
 *   older export (the usual case when a listener uploads a newer export).
 *
 * Each measurement runs in a child process of its own, so its peak RSS is its own. The imports
 * take the files as the CLI does: named by path, each read from disk when the import reaches it.
 *
 * `--commands`: each MongoDB measurement also lists the server's time per command, collection and
 * filter shape (the driver's command monitoring), to show where an import's time goes.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import type { inExportOrder } from "@/lib/ingest";
import { formatTallies, tallyCommands, type CommandTallies } from "./commands.ts";
import { FERRET_BACKEND_NAMES, parseFerretBackend, startFerretDb, type FerretDb } from "../services/ferretdb.ts";

const { values } = parseArgs({
  options: {
    plays: { type: "string", default: "300000" },
    adapters: { type: "string", default: "embedded,mongodb" },
    child: { type: "string" },
    adapter: { type: "string" },
    exports: { type: "string" },
    "mongo-uri": { type: "string" },
    // FerretDB's storage when no MONGODB_URI is set: SQLite (as the tests) or a local PostgreSQL.
    "ferret-backend": { type: "string" },
    commands: { type: "boolean", default: false },
  },
});

type Mode = "parse" | "baseline" | "first" | "again" | "overlap";

interface Measurement {
  rows: number;
  seconds: number;
  peakRssMb: number;
  /** With --commands: per command shape, how many and their round trips' total milliseconds. */
  commands?: CommandTallies;
  /** With --commands: this process's own CPU time in the measured part (work the server does not do). */
  cpuSeconds?: number;
}

/** The export's files by path, in the order the CLI takes them (`readExportFiles`). */
function exportFiles(dir: string, order: typeof inExportOrder): Array<{ name: string; path: string }> {
  return order(
    readdirSync(dir)
      .sort()
      .map((name) => ({ name, path: join(dir, name) })),
  );
}

async function child(mode: Mode, adapter: string, exportsDir: string, mongoUri?: string): Promise<Measurement> {
  const full = join(exportsDir, "full");
  const older = join(exportsDir, "older");
  const database = `bench_import_${process.pid}`;
  const dataDir = mkdtempSync(join(tmpdir(), "echotune-bench-import-"));
  if (adapter === "embedded") process.env.DATA_DIR = dataDir;
  else {
    // Command monitoring is fixed when the client is made; as a URI option it reaches the store's client.
    process.env.MONGODB_URI = values.commands ? `${mongoUri}${mongoUri?.includes("?") ? "&" : "?"}monitorCommands=true` : mongoUri;
    process.env.MONGODB_DB = database;
  }
  process.env.LOG_LEVEL ??= "warn";
  const { closeStore, getStore, MongoStore } = await import("@/lib/db");
  const { importExport, inExportOrder } = await import("@/lib/ingest");
  const files = (dir: string) => exportFiles(dir, inExportOrder);
  const store = await getStore();
  const commands: CommandTallies = {};
  // Only the measured part counts: the setup of "again" and "overlap" resets the tally below.
  if (values.commands && store instanceof MongoStore) tallyCommands(store.client, commands);
  const user = "bench";
  const importFiles = (dir: string) => importExport(user, files(dir));
  let rows = 0;
  let started = performance.now();
  let cpu = process.cpuUsage();
  if (mode === "parse") {
    for (const file of files(full)) rows += (JSON.parse(readFileSync(file.path, "utf8").replace(/^\uFEFF/, "")) as unknown[]).length;
  } else if (mode === "baseline") {
    const plays = store.collection<{ _id: string }>("plays");
    for (const file of files(full)) {
      const records = JSON.parse(readFileSync(file.path, "utf8").replace(/^\uFEFF/, "")) as Array<Record<string, unknown>>;
      rows += records.length;
      for (let start = 0; start < records.length; start += 5_000) {
        const batch = records
          .slice(start, start + 5_000)
          .map((record, index) => ({ ...record, _id: `${file.name}:${start + index}`, userId: user }));
        const { insertedCount } = await plays.insertMany(batch);
        // A baseline that silently inserts less (a unique index refusing rows) would flatter nothing but itself.
        if (insertedCount !== batch.length) throw new Error(`baseline inserted ${insertedCount} of ${batch.length} documents`);
      }
    }
  } else {
    if (mode === "again") await importFiles(full);
    if (mode === "overlap") await importFiles(older);
    for (const shape of Object.keys(commands)) delete commands[shape];
    started = performance.now();
    cpu = process.cpuUsage();
    const { report } = await importFiles(full);
    rows = report.counts.read;
    const stored = report.counts.accepted + report.counts.short;
    // Each measurement must do what it says: all new, nothing new, or only the newest part new.
    if (mode === "first" && report.counts.duplicate > rows * 0.01)
      throw new Error(`first import found ${report.counts.duplicate} duplicates`);
    if (mode === "again" && stored > 0) throw new Error(`re-import stored ${stored} plays`);
    if (mode === "overlap" && !(stored > rows * 0.05 && stored < rows * 0.2)) throw new Error(`overlap import stored ${stored} of ${rows}`);
  }
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (store instanceof MongoStore) await store.client.db(database).dropDatabase();
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  return { rows, seconds, peakRssMb, ...(values.commands && adapter !== "embedded" ? { commands, cpuSeconds } : {}) };
}

if (values.child) {
  const result = await child(values.child as Mode, values.adapter ?? "embedded", values.exports!, values["mongo-uri"]);
  console.log(`RESULT ${JSON.stringify(result)}`);
  process.exit(0);
}

const plays = Number(values.plays);
const adapters = values.adapters.split(",");
const ferretBackend = parseFerretBackend(values["ferret-backend"]);
// A flag that silently does nothing would put the wrong server's numbers under its name.
if (values["ferret-backend"] && process.env.MONGODB_URI)
  throw new Error("--ferret-backend chooses FerretDB's storage; unset MONGODB_URI to use it.");

// The export, written once: the full history, and an older export without its newest 10%.
const exportsDir = mkdtempSync(join(tmpdir(), "echotune-bench-export-"));
{
  const { generateListeningHistory, getDemoCatalog, writeExtendedHistory } = await import("@/lib/demo");
  const catalog = getDemoCatalog(11);
  const streams = generateListeningHistory({ seed: 11, plays, years: 10 });
  const write = (name: string, files: Array<{ name: string; content: string }>) => {
    mkdirSync(join(exportsDir, name));
    for (const file of files) writeFileSync(join(exportsDir, name, file.name), file.content);
  };
  write("full", writeExtendedHistory(streams, catalog));
  write("older", writeExtendedHistory(streams.slice(0, Math.floor(streams.length * 0.9)), catalog));
}

let ferret: FerretDb | undefined;
let mongoUri = process.env.MONGODB_URI;
if (adapters.includes("mongodb") && !mongoUri) {
  ferret = await startFerretDb({ backend: ferretBackend });
  mongoUri = ferret.uri;
}

// Each child picks its own store: none from this shell's environment.
const childEnv: NodeJS.ProcessEnv = { ...process.env };
for (const name of ["MONGODB_URI", "MONGODB_DB", "DATA_DIR"]) delete childEnv[name];

function run(mode: Mode, adapter: string): Measurement {
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
      "--exports",
      exportsDir,
      ...(mongoUri ? ["--mongo-uri", mongoUri] : []),
      ...(values.commands ? ["--commands"] : []),
    ],
    { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, env: childEnv },
  );
  const line = result.stdout.split("\n").find((candidate) => candidate.startsWith("RESULT "));
  if (!line) throw new Error(`bench child failed (${mode}, ${adapter}):\n${result.stderr}`);
  return JSON.parse(line.slice(7)) as Measurement;
}

function printCommands(label: string, measurement: Measurement) {
  if (!measurement.commands) return;
  const [total, ...lines] = formatTallies(measurement.commands);
  console.log(`    ${label}: ${total}; this process's CPU ${measurement.cpuSeconds?.toFixed(2)} s`);
  for (const line of lines) console.log(`    ${line}`);
}

const rate = (measurement: Measurement) => Math.round(measurement.rows / measurement.seconds);
const row = (label: string, measurement: Measurement, versus?: Measurement) =>
  console.log(
    `  ${label.padEnd(36)}${rate(measurement).toLocaleString("en").padStart(10)} rows/s${`${measurement.seconds.toFixed(2)} s`.padStart(10)}${`${measurement.peakRssMb} MB`.padStart(10)}${
      versus ? `${(measurement.seconds / versus.seconds).toFixed(2).padStart(8)}x` : ""
    }`,
  );

console.log(`bench:import: ${plays.toLocaleString("en")} generated plays as an extended-history export, read from disk file by file`);
try {
  const parse = run("parse", "embedded");
  console.log(`\n${"".padEnd(38)}${"rate".padStart(17)}${"time".padStart(10)}${"peak RSS".padStart(10)}  vs first`);
  row("JSON.parse only", parse);
  for (const adapter of adapters) {
    const label = adapter === "mongodb" && ferret ? `mongodb (FerretDB, ${FERRET_BACKEND_NAMES[ferret.backend]})` : adapter;
    console.log(`${label}:`);
    const baseline = run("baseline", adapter);
    const first = run("first", adapter);
    const again = run("again", adapter);
    const overlap = run("overlap", adapter);
    row("JSON.parse + bare insertMany", baseline, first);
    row("first import (empty account)", first, first);
    row("re-import (every row stored)", again, first);
    row("newer export (newest 10% new)", overlap, first);
    console.log(`  import / bare insertMany: ${(first.seconds / baseline.seconds).toFixed(2)}x`);
    // The machine's speed divides out: how many parse-only runs of the same files one import takes.
    console.log(`  first import / JSON.parse only: ${(first.seconds / parse.seconds).toFixed(2)}x`);
    printCommands("bare insertMany", baseline);
    printCommands("first import", first);
    printCommands("re-import", again);
    printCommands("newer export", overlap);
  }
} finally {
  await ferret?.dispose();
  rmSync(exportsDir, { recursive: true, force: true });
}
