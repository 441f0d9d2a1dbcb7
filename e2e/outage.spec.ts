import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startFerretDb, type FerretDb } from "../scripts/services/ferretdb";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// A server of our own, on MongoDB (FerretDB) with an unreachable Upstash, so this spec can take
// the database away and bring it back while the app keeps running.
test.describe.configure({ mode: "serial" });

let ferret: FerretDb;
let server: ChildProcess;
let base: string;
let dataDir: string;
const serverLog = "reports/outage-server.log";
const outageState = "e2e/.auth/outage.json";

test.beforeAll(async () => {
  test.setTimeout(180_000);
  ferret = await startFerretDb();
  const port = await freePort();
  const deadCache = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), "echotune-outage-"));
  mkdirSync("reports", { recursive: true });
  base = `http://127.0.0.1:${port}`;
  server = spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], {
    env: {
      ...process.env,
      APP_URL: base,
      MONGODB_URI: ferret.uri,
      MONGODB_DB: "e2e_outage",
      UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${deadCache}`,
      UPSTASH_REDIS_REST_TOKEN: "unreachable",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
    },
    // Its log is kept in reports/ for when this spec fails.
    stdio: ["ignore", openSync(serverLog, "w"), openSync(serverLog, "a")],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error("the outage test server did not start");
});

test.afterAll(async () => {
  server?.kill("SIGTERM");
  await ferret?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

test.use({ storageState: { cookies: [], origins: [] } });

test("sign-in, pages and the API keep working with the cache unreachable", async ({ page }) => {
  await page.goto(base);
  await page.getByTestId("sign-in-demo").click();
  // A fresh server on FerretDB: its first demo visit starts storing the demo history.
  await expect(page).toHaveURL(`${base}/dashboard`, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible();
  await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  await page.context().storageState({ path: outageState });
  const me = await page.request.get(`${base}/api/me`);
  expect(me.status()).toBe(200);
  expect((await me.json()).displayName).toBe("Demo listener");
  const health = await page.request.get(`${base}/api/health`);
  expect((await health.json()).modes).toMatchObject({ store: "configured", cache: "configured" });
});

test("a database outage shows a clear unavailable state, and the app recovers by itself", async ({ browser }) => {
  test.setTimeout(90_000);
  const context = await browser.newContext({ storageState: outageState });
  const page = await context.newPage();
  const request = page.request;
  await ferret.stop();

  await page.goto(`${base}/dashboard`);
  await expect(page.getByTestId("service-unavailable")).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("heading", { name: "EchoTune is temporarily unavailable" })).toBeVisible();
  await expect(page.getByTestId("offline-badge")).toHaveText("Offline");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  const ready = await request.get(`${base}/api/health?ready=1`);
  expect(ready.status()).toBe(503);
  const problem = await ready.json();
  expect(problem.down).toContain("store");
  expect(problem.detail).toMatch(/store is down/);
  const me = await request.get(`${base}/api/me`);
  expect(me.status()).toBe(503);
  expect(me.headers()["content-type"]).toBe("application/problem+json");

  await ferret.start();
  await page.getByRole("button", { name: "Try again" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Dashboard" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("listener-name")).toHaveText("Demo listener");
  await expect(page.getByTestId("offline-badge")).toHaveCount(0);
  // A keep-alive connection from before the outage may be reset once under load: the API is back
  // when a request answers 200, which it must within seconds.
  await expect(async () => expect((await request.get(`${base}/api/me`)).status()).toBe(200)).toPass({ timeout: 15_000 });
  await context.close();
});
