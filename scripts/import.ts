/**
 * `npm run import -- --user <id|demo> [--json] <files...>`: the browser's import, on the server.
 * Takes the .zip Spotify sends or its .json files, and prints the report (with --json, as one JSON
 * object on the last line of standard output; progress and logs go to standard error).
 */
import { parseArgs } from "node:util";

const USAGE = "usage: npm run import -- --user <id|demo> [--json] <export.zip | file.json ...>";
let parsedArgs;
try {
  parsedArgs = parseArgs({ allowPositionals: true, options: { user: { type: "string" }, json: { type: "boolean", default: false } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values, positionals } = parsedArgs;
if (!values.user || positionals.length === 0) {
  console.error(USAGE);
  process.exit(2);
}
// Standard output carries only the report: the app's log lines go to standard error.
if (!process.env.LOG_DESTINATION) process.env.LOG_DESTINATION = "stderr";
const { closeStore, DEMO_USER_ID, getStore, usersRepository } = await import("@/lib/db");
const { ExportPathError, importExport, readExportFiles, rejectionReasons } = await import("@/lib/ingest");

let files;
try {
  files = readExportFiles(positionals);
} catch (error) {
  if (!(error instanceof ExportPathError)) throw error;
  console.error(`Cannot import ${error.message}`);
  process.exit(2);
}

const userId = values.user === "demo" ? DEMO_USER_ID : values.user;
if (userId === DEMO_USER_ID) await usersRepository(await getStore()).ensureDemoUser();

const started = performance.now();
const { report, files: imported } = await importExport(userId, files, {
  onProgress: ({ rowsDone, file }) => process.stderr.write(`\r${rowsDone.toLocaleString("en")} rows stored (${file})`),
});
process.stderr.write("\n");
for (const file of imported) {
  if (file.error) console.error(`${file.name}: ${file.error.message}`);
  else if (file.message) console.error(`${file.name}: ${file.message}`);
}
const seconds = (performance.now() - started) / 1000;
await closeStore();

const summary = {
  importId: report.id,
  rowsRead: report.counts.read,
  accepted: report.counts.accepted,
  duplicates: report.counts.duplicate,
  shortPlays: report.counts.short,
  rejected: report.rejectedReasons,
  nothingImported: report.nothingImported,
  files: imported.map((file) => ({
    name: file.name,
    kind: file.kind,
    rowsRead: file.rowsRead,
    rows: file.rows,
    rejected: file.rejected,
    ...(file.error ? { error: file.error.code } : {}),
  })),
  seconds: Number(seconds.toFixed(2)),
};
if (values.json) {
  console.log(JSON.stringify(summary));
} else if (summary.nothingImported) {
  console.log(`Nothing was imported (${summary.rowsRead.toLocaleString("en")} rows read):`);
  for (const reason of summary.nothingImported) console.log(`  ${reason}`);
} else {
  console.log(`Imported in ${seconds.toFixed(1)} s: ${summary.rowsRead.toLocaleString("en")} rows read`);
  console.log(`  imported      ${summary.accepted.toLocaleString("en")}`);
  console.log(`  short plays   ${summary.shortPlays.toLocaleString("en")} (under 30 s, kept)`);
  console.log(`  already there ${summary.duplicates.toLocaleString("en")}`);
  for (const [reason, count] of Object.entries(summary.rejected))
    console.log(`  not imported  ${count.toLocaleString("en")}: ${rejectionReasons[reason as keyof typeof rejectionReasons] ?? reason}`);
}
