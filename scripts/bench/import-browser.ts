/**
 * `npm run bench:import:browser -- --plays 300000`: a listener's import through the real page in
 * Chromium: a generated export zip is chosen in the file picker and the clock runs until the final
 * report shows. Uses the production build and a fresh embedded store. Also prints the page's long
 * tasks (main thread busy over 50 ms) during the import: the page must stay responsive.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { strToU8, zipSync } from "fflate";
import { chromium } from "playwright-core";
import { EXTENDED_HISTORY_FOLDER, generateListeningHistory, getDemoCatalog, writeExtendedHistory } from "@/lib/demo";
import { freePort } from "../services/ferretdb.ts";
import { ensureBuild } from "../lib/build.ts";

const { values } = parseArgs({ options: { plays: { type: "string", default: "300000" } } });
const plays = Number(values.plays);
const work = mkdtempSync(join(tmpdir(), "echotune-bench-browser-"));

const catalog = getDemoCatalog(13);
const files = writeExtendedHistory(generateListeningHistory({ seed: 13, plays, years: 10 }), catalog);
const zipPath = join(work, "my_spotify_data.zip");
const entries: Record<string, Uint8Array> = {};
let jsonBytes = 0;
for (const file of files) {
  entries[`${EXTENDED_HISTORY_FOLDER}/${file.name}`] = strToU8(file.content);
  jsonBytes += file.content.length;
}
writeFileSync(zipPath, zipSync(entries, { level: 6 }));
console.log(
  `export: ${files.length} files, ${(jsonBytes / 1e6).toFixed(0)} MB of JSON, zip ${(statSync(zipPath).size / 1e6).toFixed(0)} MB`,
);

if (!ensureBuild()) process.exit(1);
const port = await freePort();
const server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
  env: {
    ...process.env,
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: join(work, "data"),
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  },
  stdio: "ignore",
});
const base = `http://127.0.0.1:${port}`;
try {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (
      await fetch(`${base}/api/health`)
        .then((response) => response.ok)
        .catch(() => false)
    )
      break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  const page = await browser.newPage();
  await page.goto(base);
  await page.getByTestId("sign-in-demo").click();
  await page.waitForURL(`${base}/dashboard`);
  await page.goto(`${base}/import`);
  // Main-thread tasks over 50 ms from here on (Chromium's Long Tasks API): the page must stay responsive.
  await page.evaluate(() => {
    const tasks: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) tasks.push(entry.duration);
    }).observe({ type: "longtask" });
  });
  const started = performance.now();
  await page.getByTestId("import-input").setInputFiles(zipPath);
  await page.getByTestId("import-report").waitFor({ timeout: 600_000 });
  const seconds = (performance.now() - started) / 1000;
  const longTasks = await page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  const read = await page.getByTestId("report-read").innerText();
  const imported = await page.getByTestId("report-imported").innerText();
  console.log(
    `browser import: ${read} rows read, ${imported} imported, finished report after ${seconds.toFixed(1)} s (${Math.round(Number(read.replace(/,/g, "")) / seconds).toLocaleString("en")} rows/s)`,
  );
  const over200 = longTasks.filter((duration) => duration > 200).length;
  console.log(
    `main thread: ${longTasks.length} long tasks (over 50 ms), longest ${Math.round(Math.max(0, ...longTasks))} ms, ${over200} over 200 ms, ${Math.round(longTasks.reduce((sum, duration) => sum + duration, 0))} ms in all`,
  );
  await browser.close();
} finally {
  server.kill("SIGTERM");
  rmSync(work, { recursive: true, force: true });
}
