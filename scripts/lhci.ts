/**
 * `npm run lhci`: Lighthouse CI on the production build with Debian's Chromium, three runs per
 * URL (lighthouserc.json), reports written to .lighthouseci/reports, and the median scores printed.
 * Accessibility below 1 fails; performance below 0.9 warns.
 *
 * The signed-in pages (the demo listener's dashboard) need a session: this script starts the
 * server itself, signs in as the demo listener over HTTP (Auth.js's CSRF token, then the demo
 * credentials callback), warms the dashboard once (the demo history is stored on first use), and
 * hands Lighthouse the session cookie as a request header.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild } from "./lib/build.ts";
import { demoSessionCookie, waitForServer } from "./lib/demo-server.ts";

const ORIGIN = "http://127.0.0.1:3000";
const chromePath = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!chromePath) {
  console.error("Lighthouse needs Chromium: sudo apt-get install -y chromium (or set CHROME_PATH).");
  process.exit(1);
}
if (!ensureBuild()) process.exit(1);
rmSync(".lighthouseci", { recursive: true, force: true });

const dataDir = mkdtempSync(join(tmpdir(), "echotune-lhci-"));
const server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", "3000"], {
  stdio: ["ignore", "pipe", "inherit"],
  env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir },
});

let status = 1;
try {
  await waitForServer(ORIGIN);
  const cookie = await demoSessionCookie(ORIGIN);
  const warm = await fetch(`${ORIGIN}/dashboard`, { headers: { cookie } });
  if (!warm.ok) throw new Error(`the dashboard answered HTTP ${warm.status} to the demo listener`);

  const base = JSON.parse(readFileSync("lighthouserc.json", "utf8")) as {
    ci: { collect: Record<string, unknown> & { settings: Record<string, unknown> } };
  };
  const {
    startServerCommand: _command,
    startServerReadyPattern: _pattern,
    startServerReadyTimeout: _timeout,
    ...collect
  } = base.ci.collect;
  const config = {
    ci: {
      ...base.ci,
      collect: { ...collect, settings: { ...base.ci.collect.settings, extraHeaders: JSON.stringify({ Cookie: cookie }) } },
    },
  };
  const configPath = join(dataDir, "lighthouserc.json");
  writeFileSync(configPath, JSON.stringify(config));
  const result = spawnSync("node_modules/.bin/lhci", ["autorun", `--config=${configPath}`, ...process.argv.slice(2)], {
    stdio: "inherit",
    env: { ...process.env, CHROME_PATH: chromePath, NEXT_TELEMETRY_DISABLED: "1", LHCI_BUILD_CONTEXT__CURRENT_HASH: "local" },
  });
  status = result.status ?? 1;

  // lhci writes one manifest entry per run, with the representative (median) run flagged.
  const manifestPath = join(".lighthouseci", "reports", "manifest.json");
  if (existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as Array<{
      url: string;
      isRepresentativeRun: boolean;
      summary: Record<string, number>;
    }>;
    console.log("\nMedian run per URL (mobile emulation, simulated throttling):");
    for (const entry of manifest.filter((run) => run.isRepresentativeRun)) {
      const scores = Object.entries(entry.summary)
        .map(([category, score]) => `${category} ${score.toFixed(2)}`)
        .join(", ");
      console.log(`  ${entry.url}: ${scores}`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
} finally {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
