import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3000);
const spotifyPort = Number(process.env.E2E_SPOTIFY_PORT ?? 3901);
export const fakeSpotifyUrl = `http://127.0.0.1:${spotifyPort}`;
const geminiPort = Number(process.env.E2E_GEMINI_PORT ?? 3902);
export const fakeGeminiUrl = `http://127.0.0.1:${geminiPort}`;
const qstashPort = Number(process.env.E2E_QSTASH_PORT ?? 3903);
export const fakeQStashUrl = `http://127.0.0.1:${qstashPort}`;
const perplexityPort = Number(process.env.E2E_PERPLEXITY_PORT ?? 3904);
export const fakePerplexityUrl = `http://127.0.0.1:${perplexityPort}`;
const otlpPort = Number(process.env.E2E_OTLP_PORT ?? 3905);
export const fakeCollectorUrl = `http://127.0.0.1:${otlpPort}`;
/**
 * E2E_BASE_URL: run the `@smoke` specs against a deployment (the preview workflow) instead of a
 * local build with fakes. VERCEL_AUTOMATION_BYPASS_SECRET passes Vercel's deployment protection:
 * the header on every request, and a cookie for the page's own requests.
 */
const remoteURL = process.env.E2E_BASE_URL?.trim().replace(/\/+$/, "") || undefined;
const bypassSecret = process.env.VERCEL_AUTOMATION_BYPASS_SECRET?.trim() || undefined;
const baseURL = remoteURL ?? `http://127.0.0.1:${port}`;
export const OPERATOR_EMAIL = "ops@example.test";
export const CRON_SECRET = "e2e-cron-secret-0123456789";
const systemChromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find((path) => existsSync(path));
const isCI = Boolean(process.env.CI);
/** Specs that reset the fake Spotify's listener or revoke its tokens (see the last project below). */
const FAKE_RESETTING_SPECS = /(spotify|public-model|ops)\.spec\.ts$/;

// Each run gets its own embedded store, so tests never see a developer's demo data.
const dataDir = remoteURL ? "" : (process.env.E2E_DATA_DIR ?? mkdtempSync(join(tmpdir(), "echotune-e2e-")));

const config = defineConfig({
  testDir: "./e2e",
  // Only specs and the sign-in setup: e2e/fakes holds Vitest suites of its own.
  testMatch: /(\.spec|auth\.setup)\.ts$/,
  fullyParallel: true,
  forbidOnly: isCI,
  retries: isCI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  // Two browsers and the server share two cores: pages that compute a decade of plays need a moment.
  expect: { timeout: 15_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e.json" }], ["html", { outputFolder: "playwright-report", open: "never" }]],
  use: {
    baseURL,
    extraHTTPHeaders: bypassSecret ? { "x-vercel-protection-bypass": bypassSecret, "x-vercel-set-bypass-cookie": "true" } : undefined,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium where present (this machine cannot download browsers); Playwright's otherwise.
      executablePath: systemChromium,
      args: ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    {
      name: "chromium",
      testIgnore: FAKE_RESETTING_SPECS,
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: "e2e/.auth/demo.json" },
      dependencies: ["setup"],
    },
    {
      // These reset the fake Spotify or revoke its tokens, which signs out every other spec signed in
      // to it (saving and playback): they run after all the others, one at a time (each test resets).
      name: "chromium-fake-resets",
      testMatch: FAKE_RESETTING_SPECS,
      workers: 1,
      use: { ...devices["Desktop Chrome"], channel: undefined, storageState: "e2e/.auth/demo.json" },
      dependencies: ["chromium"],
    },
  ],
  webServer: [
    {
      // The fake Spotify (accounts and Web API) that sign-in and the client talk to over HTTP.
      command: `node --import ./scripts/register.ts e2e/fakes/spotify/server.ts --port ${spotifyPort}`,
      url: `${fakeSpotifyUrl}/__admin/log`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The fake Gemini API (streamGenerateContent over SSE, scripted per test) the real @ai-sdk/google talks to.
      command: `node --import ./scripts/register.ts e2e/fakes/gemini/server.ts --port ${geminiPort}`,
      url: `${fakeGeminiUrl}/__admin/log`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The fake QStash (publish API, signed deliveries with retries) for specs that dispatch jobs
      // through it; the app below keeps the polling runner (no QSTASH_TOKEN).
      command: `node --import ./scripts/register.ts e2e/fakes/qstash/server.ts --port ${qstashPort}`,
      url: `${fakeQStashUrl}/__admin/log`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The fake Perplexity Agent API (POST /v1/responses) the official client talks to for research.
      command: `node --import ./scripts/register.ts e2e/fakes/perplexity/server.ts --port ${perplexityPort}`,
      url: `${fakePerplexityUrl}/__admin/log`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // A local OpenTelemetry collector (OTLP/HTTP, protobuf) the app exports its spans to.
      command: `node --import ./scripts/register.ts e2e/fakes/otlp/server.ts --port ${otlpPort}`,
      url: `${fakeCollectorUrl}/__admin/spans`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The production build, as users get it; `npm test` builds it first. Spotify sign-in points at
      // the fake, and the demo stays on (DEMO=1) so both ways in are tested.
      command: `node_modules/.bin/next start -H 127.0.0.1 -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
      env: {
        // Redirects and OAuth callbacks are built from APP_URL: this server, whatever E2E_PORT says.
        APP_URL: baseURL,
        DATA_DIR: dataDir,
        NEXT_TELEMETRY_DISABLED: "1",
        LOG_LEVEL: "warn",
        AUTH_SPOTIFY_ID: "fake-client-id",
        AUTH_SPOTIFY_SECRET: "fake-client-secret",
        SPOTIFY_ACCOUNTS_URL: fakeSpotifyUrl,
        SPOTIFY_API_URL: `${fakeSpotifyUrl}/v1`,
        DEMO: "1",
        GOOGLE_GENERATIVE_AI_API_KEY: "fake-gemini-key",
        GEMINI_BASE_URL: `${fakeGeminiUrl}/v1beta`,
        PERPLEXITY_API_KEY: "fake-perplexity-key",
        PERPLEXITY_BASE_URL: fakePerplexityUrl,
        // Many chat turns from one listener across the suite.
        ASSISTANT_TURNS_PER_MINUTE: "200",
        // Spans of every request go to the local collector (e2e/telemetry.spec.ts reads them).
        OTEL_EXPORTER_OTLP_ENDPOINT: fakeCollectorUrl,
        // The operations page: the fake Spotify account signing in with this email is an operator
        // (e2e/ops.spec.ts). Specs call cron routes as Vercel Cron would: the alert rules
        // (e2e/ops.spec.ts) and the quarter-hour sync (e2e/spotify.spec.ts).
        OPERATOR_EMAILS: OPERATOR_EMAIL,
        CRON_SECRET,
      },
    },
  ],
});

// Against a deployment: no local servers or fakes; the demo sign-in, then the @smoke specs.
export default remoteURL
  ? {
      ...config,
      webServer: [],
      projects: [
        { name: "setup", testMatch: /auth\.setup\.ts$/ },
        {
          name: "smoke",
          grep: /@smoke/,
          use: { ...devices["Desktop Chrome"], channel: undefined, storageState: "e2e/.auth/demo.json" },
          dependencies: ["setup"],
        },
      ],
    }
  : config;
