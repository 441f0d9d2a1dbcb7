/**
 * `npm run import -- --user <id|demo> [--json] <files...>`: the browser's import, on the server.
 * Takes the .zip Spotify sends or its .json files, and prints the report (with --json, as one JSON
 * object on the last line).
 */
import { parseArgs } from "node:util";
import { closeStore, DEMO_USER_ID, getStore, usersRepository } from "@/lib/db";
import { readExportFiles } from "@/lib/ingest";
import { importParsed, parseExport } from "@/lib/ingest";
import { rejectionReasons } from "@/lib/ingest";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { user: { type: "string" }, json: { type: "boolean", default: false } },
});
if (!values.user || positionals.length === 0) {
  console.error("usage: npm run import -- --user <id|demo> [--json] <export.zip | file.json ...>");
  process.exit(2);
}
const userId = values.user === "demo" ? DEMO_USER_ID : values.user;
if (userId === DEMO_USER_ID) await usersRepository(await getStore()).ensureDemoUser();

const started = performance.now();
const parsed = parseExport(readExportFiles(positionals));
for (const file of parsed.files) {
  if (file.error) console.error(`${file.name}: ${file.error.message}`);
  else if (file.message && !values.json) console.log(`${file.name}: ${file.message}`);
}
const report = await importParsed(userId, parsed, (done) => {
  if (!values.json) process.stdout.write(`\r${done.toLocaleString("en")} of ${parsed.rows.length.toLocaleString("en")} rows stored`);
});
const seconds = (performance.now() - started) / 1000;
await closeStore();

const summary = {
  importId: report.id,
  rowsRead: report.counts.read,
  accepted: report.counts.accepted,
  duplicates: report.counts.duplicate,
  shortPlays: report.counts.short,
  rejected: report.rejectedReasons,
  files: parsed.files.map((file) => ({
    name: file.name,
    kind: file.kind,
    rowsRead: file.rowsRead,
    rows: file.rows.length,
    rejected: Object.fromEntries(Object.entries(file.rejected).filter(([, n]) => n > 0)),
    ...(file.error ? { error: file.error.code } : {}),
  })),
  seconds: Number(seconds.toFixed(2)),
};
if (values.json) {
  console.log(JSON.stringify(summary));
} else {
  console.log(`\n\nImported in ${seconds.toFixed(1)} s: ${summary.rowsRead.toLocaleString("en")} rows read`);
  console.log(`  imported      ${summary.accepted.toLocaleString("en")}`);
  console.log(`  short plays   ${summary.shortPlays.toLocaleString("en")} (under 30 s, kept)`);
  console.log(`  already there ${summary.duplicates.toLocaleString("en")}`);
  for (const [reason, count] of Object.entries(summary.rejected))
    console.log(`  not imported  ${count.toLocaleString("en")}: ${rejectionReasons[reason as keyof typeof rejectionReasons] ?? reason}`);
}
