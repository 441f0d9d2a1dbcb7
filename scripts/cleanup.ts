/**
 * `npm run cleanup`: removes demo visitors idle for 30 days with everything they own, now (what
 * the daily cron route does), and prints how many.
 */
import { closeStore, getStore } from "@/lib/db";
import { DEMO_IDLE_DAYS, removeIdleDemoListeners } from "@/lib/listener";

const { removed, failed } = await removeIdleDemoListeners(await getStore());
console.log(`Removed ${removed} demo visitor(s) idle for ${DEMO_IDLE_DAYS} days${failed > 0 ? `; ${failed} failed (see the log)` : ""}.`);
await closeStore();
if (failed > 0) process.exitCode = 1;
