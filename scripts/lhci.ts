/**
 * `npm run lhci`: Lighthouse CI on the production build with Debian's Chromium, three runs per
 * URL (lighthouserc.json), reports written to .lighthouseci/reports, and the median scores printed.
 * Accessibility below 1 fails; performance below 0.9 warns.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { ensureBuild } from "./lib/build.ts";

const chromePath = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!chromePath) {
  console.error("Lighthouse needs Chromium: sudo apt-get install -y chromium (or set CHROME_PATH).");
  process.exit(1);
}
if (!ensureBuild()) process.exit(1);
rmSync(".lighthouseci", { recursive: true, force: true });

const result = spawnSync("lhci", ["autorun", ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, CHROME_PATH: chromePath, NEXT_TELEMETRY_DISABLED: "1", LHCI_BUILD_CONTEXT__CURRENT_HASH: "local" },
});

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
process.exit(result.status ?? 1);
