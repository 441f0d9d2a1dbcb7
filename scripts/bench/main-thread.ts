/**
 * `npm run bench:main-thread -- [--runs 5] [--cpu 4] [--busy] [--pages /,/dashboard] [--url URL]`:
 * what loading a page costs the browser's main thread on a slow phone, measured rather than
 * simulated. Chromium (the system's) loads each page as the signed-in demo listener in a phone-sized
 * window with its CPU slowed down `--cpu` times (Lighthouse's mobile setting is 4), and prints the
 * medians over `--runs` loads of:
 *
 * - blocking: the sum over the load's long tasks of their time past 50 ms (what Lighthouse calls
 *   total blocking time, here counted from the navigation on, with no network model in between);
 * - longest: the longest task;
 * - script, style, layout: the renderer's time evaluating JavaScript, recalculating styles and laying
 *   out (Chromium's Performance.getMetrics), and all of its tasks together.
 *
 * Lighthouse's simulated score on a loaded 2-core machine moves with its CPU benchmark and with
 * when scripts arrive over loopback (see the README); these numbers move only with the page's own
 * work. `--busy` keeps one core busy with another process meanwhile, as a phone's other apps do.
 *
 * Without --url it builds when the build is not current and serves it on 127.0.0.1 with zero
 * configuration (demo mode, a fresh embedded store in a temporary directory).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { ensureBuild } from "../lib/build.ts";
import { demoSessionCookie, startZeroConfigServer, waitForServer } from "../lib/demo-server.ts";
import { freePort } from "../services/ferretdb.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    runs: { type: "string", default: "5" },
    cpu: { type: "string", default: "4" },
    busy: { type: "boolean", default: false },
    pages: { type: "string", default: "/,/dashboard,/dashboard?range=all,/discover,/assistant" },
  },
});

const runs = Number(values.runs);
const cpu = Number(values.cpu);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs ${values.runs}: give a whole number of loads, 1 or more.`);
if (!(cpu >= 1)) throw new Error(`--cpu ${values.cpu}: give a slowdown factor, 1 or more (Lighthouse's mobile one is 4).`);
const pages = values.pages.split(",").map((path) => path.trim());

/** One load's costs, in milliseconds. */
interface Load {
  blocking: number;
  longest: number;
  tasks: number;
  script: number;
  style: number;
  layout: number;
}

const METRICS = { tasks: "TaskDuration", script: "ScriptDuration", style: "RecalcStyleDuration", layout: "LayoutDuration" } as const;

/** Once the page has loaded, the renderer must stay without a task this long before the load counts as over. */
const QUIET_MS = 1_000;

async function measure(browser: Browser, url: string, cookie: string): Promise<Load> {
  const context = await browser.newContext({
    viewport: { width: 412, height: 823 },
    deviceScaleFactor: 1.75,
    isMobile: true,
    hasTouch: true,
    extraHTTPHeaders: { cookie },
  });
  try {
    const page = await context.newPage();
    // Long tasks from the document's start, kept on the window for reading at the end.
    await page.addInitScript(() => {
      const tasks: number[] = [];
      (window as unknown as { __benchTasks: number[] }).__benchTasks = tasks;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) tasks.push(entry.duration);
      }).observe({ type: "longtask", buffered: true });
    });
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: cpu });
    const read = async () => {
      const { metrics } = await cdp.send("Performance.getMetrics");
      const byName = new Map(metrics.map((metric) => [metric.name, metric.value]));
      return Object.fromEntries(Object.entries(METRICS).map(([key, name]) => [key, (byName.get(name) ?? 0) * 1000])) as Record<
        keyof typeof METRICS,
        number
      >;
    };
    const before = await read();
    const response = await page.goto(url, { waitUntil: "load" });
    if (!response?.ok()) throw new Error(`${url}: HTTP ${response?.status()}`);
    // Hydration and the work it schedules run after the load event: wait until the renderer is quiet.
    let last = (await read()).tasks;
    for (let waited = 0; waited < 30_000; waited += QUIET_MS) {
      await page.waitForTimeout(QUIET_MS);
      const now = (await read()).tasks;
      if (now - last < 5) break;
      last = now;
    }
    const after = await read();
    const tasks = await page.evaluate(() => (window as unknown as { __benchTasks: number[] }).__benchTasks);
    return {
      blocking: tasks.reduce((sum, duration) => sum + Math.max(0, duration - 50), 0),
      longest: Math.max(0, ...tasks),
      tasks: after.tasks - before.tasks,
      script: after.script - before.script,
      style: after.style - before.style,
      layout: after.layout - before.layout,
    };
  } finally {
    await context.close();
  }
}

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

async function main(): Promise<number> {
  let server: ChildProcess | undefined;
  let busy: ChildProcess | undefined;
  let browser: Browser | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "echotune-bench-main-thread-"));
  try {
    let origin = values.url?.replace(/\/$/, "");
    if (!origin) {
      if (!ensureBuild()) throw new Error("the production build failed (errors above)");
      const port = await freePort();
      origin = `http://127.0.0.1:${port}`;
      server = startZeroConfigServer(port, dataDir);
    }
    await waitForServer(origin);
    const cookie = await demoSessionCookie(origin);
    // The first visit stores the shared demo history; every page is fetched once so none measures that.
    for (const path of pages) await (await fetch(`${origin}${path}`, { headers: { cookie } })).text();
    for (const path of pages) await (await fetch(`${origin}${path}`, { headers: { cookie } })).text();

    const executablePath = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
    if (values.busy) busy = spawn(process.execPath, ["-e", "for (;;) {}"], { stdio: "ignore" });

    console.log(
      `bench:main-thread against ${origin}: ${runs} loads per page, CPU ${cpu}x slower, 412x823 phone window${values.busy ? ", one core kept busy" : ""}; medians in ms\n`,
    );
    const columns = ["blocking", "longest", "tasks", "script", "style", "layout"] as const;
    console.log(`${"page".padEnd(24)}${columns.map((column) => column.padStart(10)).join("")}`);
    for (const path of pages) {
      const loads: Load[] = [];
      for (let run = 0; run < runs; run += 1) loads.push(await measure(browser, `${origin}${path}`, cookie));
      console.log(
        `${path.padEnd(24)}${columns.map((column) => String(Math.round(median(loads.map((load) => load[column])))).padStart(10)).join("")}`,
      );
    }
    return 0;
  } finally {
    busy?.kill("SIGKILL");
    await browser?.close();
    server?.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: Error) => {
  console.error(`bench:main-thread: ${error.message}`);
  return 1;
});
