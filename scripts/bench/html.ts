/**
 * `npm run bench:html -- [--url http://127.0.0.1:3000] [--port 3300] [--breakdown]`: what a page
 * costs to send before any JavaScript runs. Server components arrive twice, once as HTML and once
 * in the RSC payload (the `self.__next_f.push` scripts React reads to hydrate and to navigate), so
 * the bench prints both halves per page, raw and gzipped, as the demo listener sees them.
 *
 * Without --url it builds when the build is not current, starts `next start` on 127.0.0.1 with
 * zero configuration (demo mode, a fresh embedded store in a temporary directory) and stops it at
 * the end. `--breakdown` also prints the all-time dashboard's bytes per widget, heaviest first.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { freePort } from "../services/ferretdb.ts";
import { ensureBuild } from "../lib/build.ts";
import { demoSessionCookie, startZeroConfigServer, waitForServer } from "../lib/demo-server.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    port: { type: "string" },
    breakdown: { type: "boolean", default: false },
  },
});

/** The dashboard's all-time view is the target: the demo listener's whole history. */
const TARGET_PATH = "/dashboard?range=all";
const TARGET_BYTES = 120 * 1024;
const PAGES = ["/", TARGET_PATH, "/dashboard", "/discover", "/assistant", "/playlists", "/settings", "/import"];

const FLIGHT = /<script[^>]*>self\.__next_f\.push\(.*?\)<\/script>/gs;

interface PageWeight {
  total: number;
  html: number;
  payload: number;
  gzip: number;
}

/** Splits a server-rendered page into its visible HTML and its RSC payload scripts. */
function weigh(page: string): PageWeight {
  const payload = [...page.matchAll(FLIGHT)].reduce((sum, [script]) => sum + Buffer.byteLength(script), 0);
  const total = Buffer.byteLength(page);
  return { total, html: total - payload, payload, gzip: gzipSync(page, { level: 6 }).length };
}

/**
 * The visible HTML of each dashboard widget (a `widget-deferred` box or the summary and top
 * widgets before them), by the heading inside it. The payload mirrors the same trees, so the
 * order is the same on that side.
 */
function widgetBreakdown(page: string): Array<{ name: string; bytes: number }> {
  const html = page.replace(FLIGHT, "");
  const starts = [...html.matchAll(/<div class="(?:widget-deferred|min-w-0)">/g)].map((match) => match.index);
  return starts
    .map((start, index) => {
      // A widget streamed on its own ends where its hidden segment does; the last, at its figure's end.
      const next = starts[index + 1] ?? html.length;
      const close = html.indexOf("</figure></div>", start);
      const slice = html.slice(start, close > 0 && close < next ? close + "</figure></div>".length : next);
      const heading = /<h[23][^>]*>(.*?)<\/h[23]>/s.exec(slice)?.[1]?.replace(/<[^>]+>/g, "") ?? `widget ${index + 1}`;
      return { name: heading, bytes: Buffer.byteLength(slice) };
    })
    .sort((a, b) => b.bytes - a.bytes);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;

async function main() {
  let server: ChildProcess | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), "echotune-bench-html-"));
  try {
    let origin = values.url?.replace(/\/$/, "");
    if (!origin) {
      if (!ensureBuild()) throw new Error("the production build failed (errors above)");
      const port = values.port ? Number(values.port) : await freePort();
      origin = `http://127.0.0.1:${port}`;
      server = startZeroConfigServer(port, dataDir);
    }
    await waitForServer(origin);
    const cookie = await demoSessionCookie(origin);
    // The first visit of the day stores the shared demo history; weigh the pages once it is there.
    const deadline = Date.now() + 10 * 60_000;
    for (;;) {
      const page = await fetch(`${origin}${TARGET_PATH}`, { headers: { cookie } }).catch(() => null);
      const html = (await page?.text().catch(() => "")) ?? "";
      if (page?.ok && !html.includes('data-testid="demo-preparing"')) break;
      if (Date.now() > deadline) throw new Error("the demo history was not stored within 10 minutes");
      await sleep(1000);
    }

    console.log(`bench:html against ${origin}, signed in as the demo listener\n`);
    console.log(
      `${"page".padEnd(24)}${"HTML + payload".padStart(16)}${"HTML".padStart(11)}${"payload".padStart(11)}${"gzip".padStart(10)}`,
    );
    let target: PageWeight | undefined;
    let targetPage = "";
    for (const path of PAGES) {
      const response = await fetch(`${origin}${path}`, { headers: { cookie }, redirect: "manual" });
      if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
      const page = await response.text();
      const weight = weigh(page);
      if (path === TARGET_PATH) [target, targetPage] = [weight, page];
      console.log(
        `${path.padEnd(24)}${kb(weight.total).padStart(16)}${kb(weight.html).padStart(11)}${kb(weight.payload).padStart(11)}${kb(weight.gzip).padStart(10)}`,
      );
    }
    if (values.breakdown) {
      console.log(`\n${TARGET_PATH}, visible HTML per widget:`);
      for (const { name, bytes } of widgetBreakdown(targetPage)) console.log(`  ${name.padEnd(30)}${kb(bytes).padStart(10)}`);
    }
    const met = target!.total <= TARGET_BYTES;
    console.log(
      `\ntarget: ${TARGET_PATH} HTML + RSC payload ≤ ${kb(TARGET_BYTES)}: ${met ? "met" : "missed"} (${kb(target!.total)}, ${target!.total.toLocaleString("en")} bytes)`,
    );
    return met ? 0 : 1;
  } finally {
    server?.kill("SIGTERM");
    rmSync(dataDir, { recursive: true, force: true });
  }
}

process.exitCode = await main().catch((error: Error) => {
  console.error(`bench:html: ${error.message}`);
  return 1;
});
