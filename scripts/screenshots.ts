/**
 * `npm run screenshots`: real screenshots of the demo for the landing page and the README, written
 * to public/screenshots/<page>-<theme>.png (1280x800, light and dark).
 *
 * Starts the production build (built first if its inputs changed) on a free port with a fresh
 * DATA_DIR and every optional service switched off, so the pictures show the zero-config demo
 * whatever .env.local says. Signs in as the demo listener through the Auth.js endpoints the sign-in
 * form uses (as `npm run lhci` does), waits until the demo history is stored, then photographs the
 * dashboard, Discover and an assistant answer (the offline model, so the same words every run) in
 * Chromium (/usr/bin/chromium, or CHROME_PATH).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { ensureBuild } from "./lib/build.ts";
import { demoSessionCookie, waitForServer } from "./lib/demo-server.ts";

const OUT = join("public", "screenshots");
const VIEWPORT = { width: 1280, height: 800 };
const THEMES = ["light", "dark"] as const;
const QUESTION = "What did I play most in 2024?";

const chromePath = process.env.CHROME_PATH ?? ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(existsSync);
if (!chromePath) {
  console.error("Screenshots need Chromium: sudo apt-get install -y chromium (or set CHROME_PATH).");
  process.exit(1);
}
if (!ensureBuild()) {
  console.error("The production build failed; the errors are above.");
  process.exit(1);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

const port = await freePort();
const origin = `http://127.0.0.1:${port}`;
const dataDir = mkdtempSync(join(tmpdir(), "echotune-screenshots-"));
// Empty values win over .env.local (Next never overrides a variable that is set) and mean "unset".
const server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
  stdio: ["ignore", "ignore", "inherit"],
  detached: true,
  env: {
    ...process.env,
    NEXT_TELEMETRY_DISABLED: "1",
    LOG_LEVEL: "warn",
    DATA_DIR: dataDir,
    APP_URL: origin,
    MONGODB_URI: "",
    UPSTASH_REDIS_REST_URL: "",
    UPSTASH_REDIS_REST_TOKEN: "",
    AUTH_SPOTIFY_ID: "",
    AUTH_SPOTIFY_SECRET: "",
    GOOGLE_GENERATIVE_AI_API_KEY: "",
    DEMO: "1",
  },
});

/** The demo listener's session cookie, split for Playwright's addCookies. */
async function demoSession(): Promise<{ name: string; value: string }> {
  const [name, ...value] = (await demoSessionCookie(origin)).split("=");
  return { name: name!, value: value.join("=") };
}

async function openPage(browser: Browser, theme: (typeof THEMES)[number], cookie: { name: string; value: string }): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, colorScheme: theme, reducedMotion: "reduce" });
  await context.addCookies([{ ...cookie, url: origin }]);
  return context.newPage();
}

async function shoot(page: Page, name: string, theme: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  await page.mouse.move(0, 0);
  const path = join(OUT, `${name}-${theme}.png`);
  await page.screenshot({ path, animations: "disabled", caret: "hide" });
  console.log(`  ${path} (${Math.round(statSync(path).size / 1024)} KB)`);
}

let status = 1;
let browser: Browser | undefined;
try {
  await waitForServer(origin);
  const cookie = await demoSession();
  mkdirSync(OUT, { recursive: true });
  browser = await chromium.launch({
    executablePath: chromePath,
    args: ["--no-sandbox", "--disable-background-networking", "--no-first-run"],
  });

  // The first visit stores the demo history through the import pipeline; the page refreshes itself until it is there.
  console.log("Storing the demo history (first visit)...");
  const first = await openPage(browser, "light", cookie);
  await first.goto(`${origin}/dashboard`);
  await first.getByTestId("summary-tiles").waitFor({ timeout: 240_000 });
  // One chat, asked once and shown in both themes.
  await first.goto(`${origin}/assistant`);
  await first.getByRole("textbox", { name: "Message" }).fill(QUESTION);
  await first.getByRole("button", { name: "Send", exact: true }).click();
  await first.waitForURL(/\/assistant\/[\w-]+$/, { timeout: 60_000 });
  const answer = first.getByTestId("chat-message").and(first.locator('[data-role="assistant"]')).last();
  await answer.getByTestId("model-badge").waitFor({ timeout: 60_000 });
  const chatUrl = first.url();
  await first.context().close();

  for (const theme of THEMES) {
    console.log(`${theme}:`);
    const page = await openPage(browser, theme, cookie);
    // The font is display: optional, so a context's very first page shows the fallback: load it once, then again.
    await page.goto(`${origin}/dashboard`);
    await page.waitForLoadState("networkidle");
    await page.reload();
    await page.getByTestId("summary-tiles").waitFor();
    await page.waitForLoadState("networkidle");
    await shoot(page, "dashboard", theme);

    await page.goto(`${origin}/discover`);
    await page.getByTestId("recommendation").first().waitFor({ timeout: 60_000 });
    await page.waitForLoadState("networkidle");
    await shoot(page, "discover", theme);

    await page.goto(chatUrl);
    await page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last().getByTestId("model-badge").waitFor();
    await page.waitForLoadState("networkidle");
    await shoot(page, "assistant", theme);
    await page.context().close();
  }
  status = 0;
} catch (error) {
  console.error(`screenshots: ${(error as Error).message}`);
} finally {
  await browser?.close();
  if (server.pid) {
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
  // Give the store a moment to release its lock before the folder goes.
  await new Promise((resolve) => setTimeout(resolve, 500));
  rmSync(dataDir, { recursive: true, force: true });
}
process.exit(status);
