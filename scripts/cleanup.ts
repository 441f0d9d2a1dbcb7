/**
 * `npm run cleanup`: what the daily cron route does, now: removes demo visitors idle for 30 days
 * with everything they own, sweeps accounts deleted over 15 minutes ago for anything written after
 * their deletion, and prints how many of each.
 */
import { closeStore, getStore } from "@/lib/db";
import { DEMO_IDLE_DAYS, removeIdleDemoListeners, sweepDeletedListeners } from "@/lib/listener";

const store = await getStore();
const { removed, failed } = await removeIdleDemoListeners(store);
console.log(`Removed ${removed} demo visitor(s) idle for ${DEMO_IDLE_DAYS} days${failed > 0 ? `; ${failed} failed (see the log)` : ""}.`);
const sweep = await sweepDeletedListeners(store);
console.log(`Swept ${sweep.swept} deleted account(s) once more${sweep.failed > 0 ? `; ${sweep.failed} failed (see the log)` : ""}.`);
await closeStore();
if (failed > 0 || sweep.failed > 0) process.exitCode = 1;
