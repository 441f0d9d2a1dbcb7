/**
 * `npm run lhci`: Lighthouse CI with the assertions of lighthouserc.json (three runs per URL, the
 * median asserted), reports written to .lighthouseci/reports, and a summary of the scores and the
 * script sizes against their budgets printed and written to .lighthouseci/summary.md.
 *
 * Locally it serves the production build itself (`next start` on LHCI_PORT, default 3000, with a
 * throwaway DATA_DIR) and runs Debian's Chromium (or CHROME_PATH). With LHCI_BASE_URL it audits a
 * deployment instead (the preview workflow), sending Vercel's protection-bypass header when
 * VERCEL_AUTOMATION_BYPASS_SECRET is set.
 *
 * The signed-in pages need a session: the script signs in as the demo listener over HTTP (Auth.js's
 * CSRF token, then the demo credentials callback), warms the dashboard once (the demo history is
 * stored on first use), and hands Lighthouse the session cookie as a request header. The pages of
 * one thing (a playlist, a Blend, a chat...) need that thing: lighthouserc.json names them with
 * `{placeholders}`, and the script makes the data through the app's own endpoints
 * (scripts/lib/lhci-pages.ts) and fills them in. /ops is audited where a demo visitor may open it
 * (demo mode) and left out, saying why, elsewhere.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild } from "./lib/build.ts";
import { demoSessionCookie, waitForServer } from "./lib/demo-server.ts";
import { fillPlaceholders, opsHiddenReason, pageValues, type Visitor } from "./lib/lhci-pages.ts";
import { summarizeLighthouse, type LighthouseConfig, type ManifestEntry } from "./lib/lhci-summary.ts";

/** The origin lighthouserc.json names; its URLs are moved to the audited origin. */
const CONFIG_ORIGIN = "http://127.0.0.1:3000";
const remote = process.env.LHCI_BASE_URL?.trim().replace(/\/+$/, "") || undefined;
const port = Number(process.env.LHCI_PORT ?? 3000);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) {
  console.error(`LHCI_PORT=${process.env.LHCI_PORT} is not a port number.`);
  process.exit(1);
}
const origin = remote ?? `http://127.0.0.1:${port}`;
const bypass = process.env.VERCEL_AUTOMATION_BYPASS_SECRET?.trim() || undefined;
const bypassHeaders: Record<string, string> = bypass ? { "x-vercel-protection-bypass": bypass } : {};

const chromePath = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!chromePath) {
  console.error("Lighthouse needs Chromium: sudo apt-get install -y chromium (or set CHROME_PATH).");
  process.exit(1);
}
if (!remote && !ensureBuild()) process.exit(1);
rmSync(".lighthouseci", { recursive: true, force: true });

const dataDir = mkdtempSync(join(tmpdir(), "echotune-lhci-"));
let server: ChildProcess | undefined;
if (!remote) {
  server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, APP_URL: origin },
  });
}

/** The config's URLs with their data made and filled in, less /ops where a demo visitor cannot open it. */
async function auditedUrls(urls: string[], visitor: Visitor): Promise<string[]> {
  console.log("Making the data the dynamic pages show (a playlist, a Blend, an invite, a chat, a share link)...");
  const values = await pageValues(visitor);
  const opsHidden = await opsHiddenReason(visitor);
  if (opsHidden) console.log(`Skipping ${opsHidden}.`);
  return urls.filter((url) => !(opsHidden && new URL(url).pathname === "/ops")).map((url) => fillPlaceholders(url, values));
}

let status = 1;
try {
  await waitForServer(origin, bypassHeaders);
  const cookie = await demoSessionCookie(origin, bypassHeaders);
  const warm = await fetch(`${origin}/dashboard`, { headers: { ...bypassHeaders, cookie } });
  if (!warm.ok) throw new Error(`the dashboard answered HTTP ${warm.status} to the demo listener`);

  const base = JSON.parse(readFileSync("lighthouserc.json", "utf8").replaceAll(CONFIG_ORIGIN, origin)) as LighthouseConfig & {
    ci: { collect: { url: string[]; settings: Record<string, unknown> }; upload: Record<string, unknown> };
  };
  const config = {
    ci: {
      ...base.ci,
      collect: {
        ...base.ci.collect,
        url: await auditedUrls(base.ci.collect.url, { origin, headers: bypassHeaders, cookie }),
        settings: { ...base.ci.collect.settings, extraHeaders: JSON.stringify({ ...bypassHeaders, Cookie: cookie }) },
      },
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
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as ManifestEntry[];
    const summary = summarizeLighthouse(config, manifest, (path) => JSON.parse(readFileSync(path, "utf8")) as unknown, origin);
    console.log(`\n${summary.text}`);
    writeFileSync(join(".lighthouseci", "summary.md"), summary.markdown);
  }
} catch (error) {
  console.error((error as Error).message);
} finally {
  server?.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
