/**
 * Test helper run as a child process: `npm run jobs -- --once` (scripts/jobs.ts, as it is) with a
 * checkpoint that stops it where a test will kill it:
 *   node --import ./scripts/register.ts lib/jobs/testing/crash-runner.ts [--pause-at <checkpoint>:<nth>] -- <jobs args...>
 * At the nth time the runner passes `<checkpoint>` it prints "paused at <checkpoint>" and waits
 * (its lease renewed, as a live runner's is) for the SIGKILL.
 */
import { parseArgs } from "node:util";
import { checkpoints } from "../kinds";

const { values, positionals } = parseArgs({ options: { "pause-at": { type: "string" } }, allowPositionals: true });
const pause = values["pause-at"]?.match(/^(.+):(\d+)$/);
let seen = 0;
if (pause) {
  const [, name, nth] = pause;
  checkpoints.handler = async (checkpoint) => {
    if (checkpoint !== name || ++seen !== Number(nth)) return;
    console.log(`paused at ${checkpoint}`);
    await new Promise(() => undefined);
  };
}
process.argv = [process.argv[0] ?? "node", "scripts/jobs.ts", ...positionals];
await import("../../../scripts/jobs");
