/**
 * `npm run jobs [-- --once]`: the background-job runner for a machine of your own (no QStash): polls
 * the store for due jobs and runs them (resumed from their saved cursor, under a lease, retried with
 * backoff). `--once` runs what is due now and exits; `--lease-ms` shortens the lease (tests).
 */
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";

const USAGE = "usage: npm run jobs [-- --once] [--budget-ms N] [--poll-ms N] [--lease-ms N]";
let parsedArgs;
try {
  parsedArgs = parseArgs({
    options: {
      once: { type: "boolean", default: false },
      "budget-ms": { type: "string", default: "60000" },
      "poll-ms": { type: "string", default: "2000" },
      "lease-ms": { type: "string" },
    },
  });
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const { values } = parsedArgs;
const budgetMs = Number(values["budget-ms"]);
const pollMs = Number(values["poll-ms"]);
const leaseMs = values["lease-ms"] === undefined ? undefined : Number(values["lease-ms"]);
if (![budgetMs, pollMs, leaseMs ?? 1].every((value) => Number.isFinite(value) && value > 0)) {
  console.error(USAGE);
  process.exit(2);
}

const { closeStore } = await import("@/lib/db");
const { defaultOwner, runDueJobs } = await import("@/lib/jobs");
const { flushMetrics } = await import("@/lib/telemetry");
const owner = defaultOwner();

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM"] as const)
  process.on(signal, () => {
    // The step under way finishes and its cursor is saved; a second signal stops at once (the lease then expires).
    if (stopping) process.exit(130);
    stopping = true;
  });

console.log(`jobs: runner ${owner}${values.once ? ", once" : `, polling every ${pollMs} ms`}`);
do {
  const summary = await runDueJobs({ owner, budgetMs, leaseMs });
  if (summary.claimed > 0)
    console.log(
      `jobs: ${summary.claimed} job(s), ${summary.steps} step(s): ${Object.entries(summary.outcomes)
        .map(([outcome, count]) => `${count} ${outcome}`)
        .join(", ")}`,
    );
  else if (values.once) break;
  if (!values.once && summary.claimed === 0) await sleep(pollMs);
} while (!stopping);
// Counters are written in batches: the last ones go out before the process ends.
await flushMetrics();
await closeStore();
