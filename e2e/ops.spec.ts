import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { CRON_SECRET, fakeGeminiUrl, fakePerplexityUrl, fakeSpotifyUrl, OPERATOR_EMAIL } from "../playwright.config";
import { generateListeningHistory, getDemoCatalog, writeExtendedHistory } from "@/lib/demo";
import { expect, test } from "./fixtures";
import { signInWithSpotify } from "./pages/sign-in";

/**
 * The operations page after a real session: an operator (the fake Spotify account with
 * OPERATOR_EMAILS' address) imports a small export, opens Discover and asks a research question the
 * fake Perplexity answers with sources; Spotify then pauses the account for two hours, and the cron
 * sweep runs the alert rules. Every section shows non-zero counters. Everyone else gets 404.
 */
test.describe.configure({ mode: "serial", timeout: 240_000 });
test.use({ storageState: { cookies: [], origins: [] } });

async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

/** Signs a new account in through the fake Spotify: a listener EchoTune has not seen, with this email. */
async function signInAs(page: Page, email: string) {
  await post(`${fakeSpotifyUrl}/__admin/reset`, {});
  await post(`${fakeSpotifyUrl}/__admin/config`, { userId: `ops-${Date.now().toString(36)}`, email });
  await signInWithSpotify(page);
}

/** A small extended streaming history, one JSON file, as Spotify's export names it. */
function smallExport(): string {
  const catalog = getDemoCatalog(11);
  const streams = generateListeningHistory({ seed: 11, plays: 400, years: 1, end: new Date("2026-05-01T00:00:00Z") });
  const [file] = writeExtendedHistory(streams, catalog, { maxBytesPerFile: 5_000_000 });
  const dir = "test-results/ops-fixtures";
  mkdirSync(dir, { recursive: true });
  const path = join(dir, file!.name);
  writeFileSync(path, file!.content);
  return path;
}

const counter = async (page: Page, id: string) => Number(await page.getByTestId(`ops-counter-${id}`).getAttribute("data-value"));

test("an operator's page shows every section's counters after a session, with Perplexity's cost and an alert", async ({
  page,
  expectAccessible,
}) => {
  await signInAs(page, OPERATOR_EMAIL);

  // Import a small export.
  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles(smallExport());
  await expect(page.getByTestId("import-report")).toBeVisible({ timeout: 120_000 });

  // Discover.
  await page.goto("/discover");
  await expect(page.getByRole("heading", { level: 1, name: "Discover" })).toBeVisible();

  // A research question, answered with sources in the chat card.
  const question = `What is the story of Boards of Canada? (${Date.now().toString(36)})`;
  await post(`${fakeGeminiUrl}/__admin/script`, {
    replies: [{ match: question, type: "functionCall", name: "researchArtist", args: { question, artist: "Boards of Canada" } }],
  });
  await post(`${fakePerplexityUrl}/__admin/script`, {
    replies: [
      {
        match: question,
        answer: "Boards of Canada are the Scottish brothers Michael Sandison and Marcus Eoin [1].",
        citations: [{ url: "https://en.wikipedia.org/wiki/Boards_of_Canada", title: "Boards of Canada - Wikipedia" }],
      },
    ],
  });
  await page.goto("/assistant");
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const card = page.getByTestId("research-card");
  await expect(card).toHaveAttribute("data-status", "answered", { timeout: 30_000 });
  await expect(card.getByRole("link", { name: /^Source 1: Boards of Canada - Wikipedia/ })).toBeVisible();

  // Spotify asks this account to wait two hours: the pause alert's condition.
  await post(`${fakeSpotifyUrl}/__admin/fault`, { path: "/v1/me/player", status: 429, retryAfter: 7200, times: 2 });
  await page.request.get("/api/player");
  // The nightly training (a model version to list, whatever ran before this spec), then the cron
  // sweep, which queues the alert rules' evaluation and runs what is due.
  const cron = (path: string) => page.request.get(path, { headers: { authorization: `Bearer ${CRON_SECRET}` }, timeout: 180_000 });
  expect((await cron("/api/cron/train")).status()).toBe(200);
  expect((await cron("/api/cron/jobs")).status()).toBe(200);

  // The page is found from the account menu.
  await page.goto("/dashboard");
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "Operations" }).click();
  await expect(page).toHaveURL(/\/ops$/);
  const response = await page.goto("/ops");
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("heading", { level: 1, name: "Operations" })).toBeVisible();
  await expect(page.getByTestId("ops-health-store")).toHaveAttribute("data-ok", "true");
  expect(await counter(page, "jobs-succeeded")).toBeGreaterThan(0);
  expect(await counter(page, "jobs-steps")).toBeGreaterThan(0);
  expect(await counter(page, "spotify-calls")).toBeGreaterThan(0);
  expect(await counter(page, "spotify-429")).toBeGreaterThan(0);
  expect(await counter(page, "spotify-paused")).toBeGreaterThan(0);
  expect((await counter(page, "cache-hits")) + (await counter(page, "cache-misses"))).toBeGreaterThan(0);
  expect(await counter(page, "ai-requests")).toBeGreaterThan(0);
  expect(await counter(page, "ai-perplexity-cost")).toBeGreaterThan(0);
  expect(await counter(page, "ai-gemini-cost")).toBeGreaterThan(0);
  await expect(page.getByTestId("ops-ai-table")).toContainText("perplexity/");
  expect(await counter(page, "routes-requests")).toBeGreaterThan(0);
  await expect(page.getByTestId("ops-routes-table")).toContainText("POST /api/chat");
  expect(await counter(page, "imports-rows")).toBeGreaterThan(0);
  await expect(page.getByTestId("ops-models-table").getByRole("row")).not.toHaveCount(0);
  await expect(page.getByTestId("ops-alerts-table")).toContainText("Spotify pause");
  await expect(page.getByTestId("ops-alerts-table")).toContainText("open");
  await expect(page.getByRole("button", { name: "Roll back the model…" })).toBeVisible();
  await expectAccessible();

  // It refreshes by itself: the next snapshot comes without a reload.
  const first = await page.getByTestId("ops-updated").innerText();
  await expect(page.getByTestId("ops-updated")).not.toHaveText(first, { timeout: 30_000 });
});

/** Every address of the operations page and API answers this caller 404, and no menu leads there. */
async function expectHidden(page: Page) {
  await page.goto("/dashboard");
  await page.getByTestId("user-menu").click();
  await expect(page.getByRole("menuitem", { name: /settings/i })).toBeVisible();
  await expect(page.getByRole("menuitem", { name: "Operations" })).toHaveCount(0);
  const response = await page.goto("/ops");
  expect(response?.status()).toBe(404);
  await expect(page.getByTestId("not-found-title")).toBeVisible();
  const api = await page.request.get("/api/ops");
  expect(api.status()).toBe(404);
  expect(api.headers()["content-type"]).toBe("application/problem+json");
  expect((await api.json()) as { code: string }).toMatchObject({ code: "not_found" });
  for (const path of ["/api/ops/jobs/sync%7Cx/retry", "/api/ops/models/rollback"]) {
    const mutation = await page.request.post(path, { data: { reason: "trying" } });
    expect(mutation.status(), path).toBe(404);
  }
}

test("a Spotify listener who is not an operator gets 404 for the page and its API", async ({ page }) => {
  await signInAs(page, "listener@example.test");
  await expectHidden(page);
});

test.describe("a demo visitor (Spotify sign-in is configured: not demo mode)", () => {
  // The demo visitor the setup project signed in (e2e/auth.setup.ts).
  test.use({ storageState: "e2e/.auth/demo.json" });
  test("gets 404 for the page and its API", async ({ page }) => {
    await expectHidden(page);
  });
});
