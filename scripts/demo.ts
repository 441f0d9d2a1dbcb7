/**
 * `npm run demo`: builds if needed, then serves the complete zero-config demo at
 * http://127.0.0.1:3000 (Spotify only accepts 127.0.0.1 redirect URIs, never localhost).
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { ensureBuild } from "./lib/build.ts";
import { describeNode } from "./lib/runtime.ts";

console.log(describeNode());

const host = "127.0.0.1";
const port = Number(process.env.PORT ?? 3000);

function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

if (!(await portIsFree())) {
  console.error(
    `Port ${port} on ${host} is already in use. Stop whatever runs there (\`lsof -i :${port}\`), or choose another port: PORT=3001 npm run demo`,
  );
  process.exit(1);
}

if (!ensureBuild()) {
  console.error("The production build failed; the errors are above.");
  process.exit(1);
}

console.log(`\nEchoTune demo: http://${host}:${port}  (Ctrl+C to stop)\n`);
const server = spawn("next", ["start", "-H", host, "-p", String(port)], {
  stdio: "inherit",
  // Redirects are built from APP_URL: on another PORT, it names this server.
  env: { ...process.env, APP_URL: process.env.APP_URL || `http://${host}:${port}`, NEXT_TELEMETRY_DISABLED: "1" },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
