/**
 * `npm run repair -- --user <id|demo>`: rebuilds a listener's listening segments and day rollups
 * from their stored plays (after a crash, a bug, or segments deleted by hand) and prints what it
 * did. Idempotent: a second run writes the same segments. Run it while that listener imports and
 * syncs nothing.
 */
import { parseArgs } from "node:util";

const USAGE = "usage: npm run repair -- --user <id|demo>";
let parsedArgs;
try {
  parsedArgs = parseArgs({ options: { user: { type: "string" } } });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
if (!parsedArgs.values.user) {
  console.error(USAGE);
  process.exit(2);
}
// Standard output carries only the summary: the app's log lines go to standard error.
if (!process.env.LOG_DESTINATION) process.env.LOG_DESTINATION = "stderr";
const { closeStore, DEMO_USER_ID, getStore } = await import("@/lib/db");
const { loadListeningIndex, rebuildListening } = await import("@/lib/listening");

const userId = parsedArgs.values.user === "demo" ? DEMO_USER_ID : parsedArgs.values.user;
const store = await getStore();
const before = await loadListeningIndex(store, userId);
const report = await rebuildListening(store, userId);
const after = await loadListeningIndex(store, userId);
await closeStore();

console.log(`Listener ${userId}: ${report.plays.toLocaleString("en")} stored plays.`);
console.log(`Dashboard plays: ${before.count.toLocaleString("en")} before, ${after.count.toLocaleString("en")} after.`);
console.log(
  `Segments: ${report.segmentsBefore} replaced by ${report.segmentsAfter}; stopped batches cleared: ${report.pendingCleared}; days rebuilt: ${report.days}.`,
);
