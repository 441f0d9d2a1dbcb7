/**
 * `npm run demo:export`: writes the demo listener's Spotify privacy export to disk, as the
 * unzipped packages look, for trying the importer by hand and for import benchmarks.
 *   npm run demo:export -- --plays 300000 --out .data/demo-export [--account-data] [--seed 1]
 *     [--years 8] [--end 2026-11-01T00:00:00Z] [--time-zone Europe/Berlin] [--max-bytes 12000000] [--clean]
 * Without options it is today's demo history, the one the app shows (up to yesterday: it ends
 * where today starts in the listener's zone). `--clean` writes one sorted, current-format export
 * without the quirks of real files.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  ACCOUNT_DATA_FOLDER,
  DEFAULT_MAX_BYTES_PER_FILE,
  demoListenerOptions,
  EXTENDED_HISTORY_FOLDER,
  generateListeningHistory,
  getDemoCatalog,
  MAX_DEMO_PLAYS,
  writeAccountData,
  writeExtendedHistory,
  type ExportFile,
} from "@/lib/demo";

// The app's demo history today: the defaults of every option below.
const today = demoListenerOptions(Date.now());
const { values } = parseArgs({
  options: {
    plays: { type: "string", default: String(today.plays) },
    out: { type: "string" },
    seed: { type: "string", default: String(today.seed) },
    years: { type: "string", default: String(today.years) },
    end: { type: "string", default: today.end.toISOString() },
    "time-zone": { type: "string", default: today.timeZone },
    "max-bytes": { type: "string", default: String(DEFAULT_MAX_BYTES_PER_FILE) },
    "account-data": { type: "boolean", default: false },
    clean: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

const usage =
  "Usage: npm run demo:export -- --out <dir> [--plays 60000] [--seed 1] [--years 8] [--end <ISO date, default: the start of today>] [--time-zone <IANA zone>] [--max-bytes 12000000] [--account-data] [--clean]";

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(1);
}

if (values.help) {
  console.log(usage);
  process.exit(0);
}
if (!values.out) fail("Say where to write the export with --out <dir>.");

const wholeNumber = (name: string, text: string, min: number, max: number): number => {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max)
    fail(`--${name} must be a whole number from ${min} to ${max}, not "${text}".`);
  return value;
};
const plays = wholeNumber("plays", values.plays, 1, MAX_DEMO_PLAYS);
const seed = wholeNumber("seed", values.seed, 0, 2 ** 31 - 1);
const maxBytesPerFile = wholeNumber("max-bytes", values["max-bytes"], 4_096, 2 ** 31 - 1);
const years = Number(values.years);
if (!(years > 0 && years <= 30)) fail(`--years must be more than 0 and at most 30, not "${values.years}".`);
const end = new Date(values.end);
if (Number.isNaN(end.getTime())) fail(`--end must be a date such as 2026-11-01T00:00:00Z, not "${values.end}".`);
const timeZone = values["time-zone"];
try {
  new Intl.DateTimeFormat("en", { timeZone });
} catch {
  fail(`--time-zone must be an IANA zone such as Europe/Berlin, not "${timeZone}".`);
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(1)} MB`;
const seconds = (ms: number) => (ms < 1_000 ? `${Math.round(ms)} ms` : `${(ms / 1_000).toFixed(2)} s`);
const count = (value: number) => value.toLocaleString("en-US");

/** Replaces an earlier run's files, so a smaller export never leaves stale files beside it. */
function writeFolder(folder: string, files: readonly ExportFile[]): { bytes: number; records: number } {
  mkdirSync(folder, { recursive: true });
  for (const name of readdirSync(folder)) {
    if (/^(Streaming_?History.*|Userdata|Identity)\.json$/.test(name)) rmSync(join(folder, name));
  }
  let bytes = 0;
  let records = 0;
  const width = Math.max(...files.map((file) => file.name.length));
  for (const file of files) {
    const size = Buffer.byteLength(file.content, "utf8");
    writeFileSync(join(folder, file.name), file.content, "utf8");
    bytes += size;
    records += file.records;
    console.log(`  ${file.name.padEnd(width)}  ${count(file.records).padStart(7)} rows  ${megabytes(size).padStart(8)}`);
  }
  return { bytes, records };
}

const out = resolve(values.out);
const started = performance.now();
const catalog = getDemoCatalog(seed);
const catalogReady = performance.now();
let streams: ReturnType<typeof generateListeningHistory> = [];
try {
  streams = generateListeningHistory({ seed, plays, years, end, timeZone, homeCountry: today.homeCountry });
} catch (error) {
  // The generator's limits (plays a day, span) are the user's to adjust, not a crash.
  if (error instanceof RangeError) fail(error.message);
  throw error;
}
const generated = performance.now();
const first = streams[0]?.ts.toISOString().slice(0, 10);
const last = streams[streams.length - 1]?.ts.toISOString().slice(0, 10);
console.log(
  `Catalog (seed ${seed}): ${count(catalog.artists.length)} artists, ${count(catalog.albums.length)} albums, ${count(catalog.tracks.length)} tracks in ${seconds(catalogReady - started)}`,
);
console.log(`History: ${count(streams.length)} streams from ${first} to ${last} in ${seconds(generated - catalogReady)}`);

const extended = writeExtendedHistory(streams, catalog, { maxBytesPerFile, quirks: !values.clean });
const serialised = performance.now();
console.log(`\n${join(out, EXTENDED_HISTORY_FOLDER)}`);
const totals = writeFolder(join(out, EXTENDED_HISTORY_FOLDER), extended);
let fileCount = extended.length;
console.log(
  `Extended history: ${extended.length} files, ${count(totals.records)} rows, ${megabytes(totals.bytes)}, built in ${seconds(serialised - generated)}`,
);

if (values["account-data"]) {
  const accountStarted = performance.now();
  const account = writeAccountData(streams, catalog);
  console.log(`\n${join(out, ACCOUNT_DATA_FOLDER)}`);
  const accountTotals = writeFolder(join(out, ACCOUNT_DATA_FOLDER), account);
  fileCount += account.length;
  totals.bytes += accountTotals.bytes;
  totals.records += accountTotals.records;
  console.log(
    `Account data: ${account.length} files, ${count(accountTotals.records)} rows, ${megabytes(accountTotals.bytes)}, built in ${seconds(performance.now() - accountStarted)}`,
  );
}

console.log(
  `\nWrote ${fileCount} files, ${count(totals.records)} rows, ${megabytes(totals.bytes)} in ${seconds(performance.now() - started)} to ${out}`,
);
