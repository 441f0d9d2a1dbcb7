import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { zipSync, strToU8 } from "fflate";
import type { Page } from "@playwright/test";
import {
  ACCOUNT_DATA_FOLDER,
  EXTENDED_HISTORY_FOLDER,
  generateListeningHistory,
  getDemoCatalog,
  writeAccountData,
  writeExtendedHistory,
} from "@/lib/demo";
import { parseExportFile } from "@/lib/ingest/worker";
import { expect, test } from "./fixtures";
import { signInWithDemo, signInWithSpotify } from "./pages/sign-in";

// One listener's history grows across these tests, so they run in order.
test.describe.configure({ mode: "serial" });

// A demo visitor of their own: an import replaces the shared demo history for its visitor, and the
// other specs' visitor must keep reading the shared one.
const importVisitor = "e2e/.auth/import-visitor.json";
test.use({ storageState: importVisitor });
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signInWithDemo(await context.newPage());
  await context.storageState({ path: importVisitor });
  await context.close();
});

const dir = "test-results/import-fixtures";

/** A Spotify export zip from the demo generator: extended history (with a Video file), account data and its Userdata.json. */
function makeZip(name: string, options: { seed: number; plays: number; end: string }) {
  const catalog = getDemoCatalog(options.seed);
  const streams = generateListeningHistory({ seed: options.seed, plays: options.plays, years: 2, end: new Date(options.end) });
  const extended = writeExtendedHistory(streams, catalog, { maxBytesPerFile: 2_000_000 });
  const account = writeAccountData(streams, catalog);
  const entries: Record<string, Uint8Array> = {};
  for (const file of extended) entries[`${EXTENDED_HISTORY_FOLDER}/${file.name}`] = strToU8(file.content);
  for (const file of account) entries[`${ACCOUNT_DATA_FOLDER}/${file.name}`] = strToU8(file.content);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, zipSync(entries, { level: 1 }));
  // An independent tally of what the report must say, from the parser alone.
  let read = 0;
  let parsed = 0;
  let rejected = 0;
  for (const file of [...extended, ...account]) {
    const result = parseExportFile(file.name, file.content, { now: new Date() });
    read += result.rowsRead;
    parsed += result.rows.length;
    rejected += Object.values(result.rejected).reduce((sum: number, count) => sum + (count ?? 0), 0);
  }
  return { path, read, parsed, rejected };
}

/** Slows chunk uploads so a reload or a closed tab lands in the middle of one; counts them. */
async function slowUploads(page: Page) {
  const chunks = { count: 0 };
  await page.route("**/api/imports/*/chunks", async (route) => {
    chunks.count += 1;
    await new Promise((resolve) => setTimeout(resolve, 300));
    await route.continue();
  });
  return chunks;
}

async function report(page: Page) {
  const value = async (id: string) => Number((await page.getByTestId(id).innerText()).replace(/,/g, ""));
  await expect(page.getByTestId("import-report")).toBeVisible({ timeout: 120_000 });
  return {
    read: await value("report-read"),
    accepted: await value("report-imported"),
    short: await value("report-short-plays"),
    duplicate: await value("report-already-there"),
    rejected: await value("report-not-imported"),
  };
}

test("an export zip imports with a report that adds up, explains skipped files, and a second import adds nothing", async ({
  page,
  expectAccessible,
}) => {
  test.setTimeout(180_000);
  const zip = makeZip("export-a.zip", { seed: 3, plays: 6_000, end: "2026-06-01T00:00:00Z" });
  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles(zip.path);
  const first = await report(page);
  expect(first.read).toBe(zip.read);
  expect(first.accepted + first.short + first.duplicate + first.rejected).toBe(first.read);
  expect(first.rejected).toBe(zip.rejected);
  // Account data repeats the last year of the extended history: those rows are "already there".
  expect(first.accepted + first.short + first.duplicate).toBe(zip.parsed);
  expect(first.accepted).toBeGreaterThan(1_000);
  const files = page.getByTestId("import-files");
  await expect(files).toContainText("Userdata.json");
  await expect(files).toContainText(/Account data/i);
  await expect(files).toContainText(/video/i);
  await expectAccessible();

  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles(zip.path);
  const second = await report(page);
  expect(second.read).toBe(first.read);
  expect(second.accepted).toBe(0);
  expect(second.short).toBe(0);
  expect(second.duplicate).toBe(zip.parsed);
});

test("a reload in the middle of an upload resumes and ends with the counts of an uninterrupted import", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const zip = makeZip("export-b.zip", { seed: 5, plays: 30_000, end: "2021-01-01T00:00:00Z" });

  // The baseline: another listener (signed in with the fake Spotify) imports the same zip in one go.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const baselinePage = await other.newPage();
  await signInWithSpotify(baselinePage);
  await baselinePage.goto("/import");
  await baselinePage.getByTestId("import-input").setInputFiles(zip.path);
  const baseline = await report(baselinePage);
  await other.close();

  const chunks = await slowUploads(page);
  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles(zip.path);
  await expect(page.getByTestId("import-progress")).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => chunks.count, { timeout: 60_000 }).toBeGreaterThanOrEqual(3);
  await page.reload();
  await expect(page.getByTestId("resume-banner")).toBeVisible();
  await page.unroute("**/api/imports/*/chunks");
  await page.getByTestId("import-input").setInputFiles(zip.path);
  await expect(page.getByTestId("import-progress")).toContainText(/Resuming/, { timeout: 60_000 });
  const resumed = await report(page);
  expect(resumed.read).toBe(zip.read);
  expect(resumed.rejected).toBe(zip.rejected);
  expect(resumed.accepted + resumed.short + resumed.duplicate).toBe(zip.parsed);
  // This export does not overlap the first one, so the counts match the uninterrupted import exactly.
  expect(resumed).toEqual(baseline);
  const jobs = await page.request.get("/api/imports").then((response) => response.json());
  expect(jobs.imports[0].counts).toEqual(resumed);
});

test("the imports API answers bad input with problem+json that says what to do", async ({ page, browser }) => {
  const created = await page.request.post("/api/imports", {
    data: { files: [{ name: "Streaming_History_Audio_2024.json", kind: "extended-audio", rows: 1 }] },
  });
  expect(created.status()).toBe(201);
  const { id } = await created.json();
  const row = {
    kind: "extended",
    endedAt: "2024-05-01T10:00:00.000Z",
    trackId: null,
    trackName: "Song",
    artistName: "Artist",
    albumName: null,
    msPlayed: 1000,
    platform: null,
    reasonStart: null,
    reasonEnd: null,
    shuffle: null,
    skipped: null,
    offline: null,
    incognito: null,
    country: null,
  };

  const invalid = await page.request.post(`/api/imports/${id}/chunks`, {
    data: { chunkId: "c1", rows: [{ ...row, endedAt: "yesterday", msPlayed: -5 }] },
  });
  expect(invalid.status()).toBe(400);
  const problem = await invalid.json();
  expect(problem.code).toBe("validation_failed");
  expect(problem.errors.map((error: { field: string }) => error.field)).toEqual(["body.rows.0.endedAt", "body.rows.0.msPlayed"]);

  const tooMany = await page.request.post(`/api/imports/${id}/chunks`, {
    data: { chunkId: "c2", rows: Array.from({ length: 5_001 }, () => row) },
  });
  expect(tooMany.status()).toBe(400);
  expect((await tooMany.json()).detail).toMatch(/at most 5000 rows per chunk/);

  const first = await page.request.post(`/api/imports/${id}/chunks`, { data: { chunkId: "c3", rows: [row] } });
  expect(first.status()).toBe(202);
  const replay = await page.request.post(`/api/imports/${id}/chunks`, { data: { chunkId: "c3", rows: [row] } });
  expect(replay.status()).toBe(200);
  expect(await replay.json()).toMatchObject({ replayed: true, counts: { read: 1, short: 1 } });

  const unknown = await page.request.post("/api/imports/00000000-0000-4000-8000-000000000000/chunks", {
    data: { chunkId: "c1", rows: [row] },
  });
  expect(unknown.status()).toBe(404);
  expect((await unknown.json()).detail).toMatch(/Start a new import/);

  // Another listener cannot see or add to this import.
  const other = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const stranger = await other.newPage();
  await signInWithSpotify(stranger);
  expect((await stranger.request.get(`/api/imports/${id}`)).status()).toBe(404);
  expect((await stranger.request.post(`/api/imports/${id}/chunks`, { data: { chunkId: "x", rows: [row] } })).status()).toBe(404);
  await other.close();

  expect((await page.request.post(`/api/imports/${id}/complete`, { data: {} })).status()).toBe(200);
  const closed = await page.request.post(`/api/imports/${id}/chunks`, { data: { chunkId: "c4", rows: [row] } });
  expect(closed.status()).toBe(409);
  expect((await closed.json()).detail).toMatch(/Start a new import/);
});

test("an import abandoned midway in one tab is resumed from another", async ({ page }) => {
  test.setTimeout(180_000);
  const zip = makeZip("export-c.zip", { seed: 9, plays: 20_000, end: "2018-06-01T00:00:00Z" });
  const chunks = await slowUploads(page);
  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles(zip.path);
  await expect.poll(() => chunks.count, { timeout: 60_000 }).toBeGreaterThanOrEqual(2);
  const tab = await page.context().newPage();
  await page.close();

  await tab.goto("/import");
  await expect(tab.getByTestId("resume-banner")).toBeVisible();
  await tab.getByTestId("import-input").setInputFiles(zip.path);
  await expect(tab.getByTestId("import-progress")).toContainText(/Resuming/, { timeout: 60_000 });
  const resumed = await report(tab);
  expect(resumed.read).toBe(zip.read);
  expect(resumed.rejected).toBe(zip.rejected);
  expect(resumed.accepted + resumed.short + resumed.duplicate).toBe(zip.parsed);
  const jobs = await tab.request.get("/api/imports").then((response) => response.json());
  expect(jobs.imports[0].counts).toEqual(resumed);
  expect(jobs.imports.filter((job: { status: string }) => job.status === "receiving")).toEqual([]);
});

test("an empty file and a JSON file that is not a Spotify history say so inline, and nothing is imported", async ({
  page,
  expectAccessible,
}) => {
  await page.goto("/import");
  await page
    .getByTestId("import-input")
    .setInputFiles({ name: "Streaming_History_Audio_2024_0.json", mimeType: "application/json", buffer: Buffer.alloc(0) });
  const nothing = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
  await expect(nothing).toBeVisible({ timeout: 60_000 });
  await expect(nothing).toContainText("Streaming_History_Audio_2024_0.json is empty");
  await expect(nothing).toContainText("Export your data again from Spotify's privacy page");
  await expect(nothing).toContainText("Streaming_History_Audio_*.json");
  await expect(page.getByText(/ends too early/)).toHaveCount(0);
  await expect(page.getByText("Import complete")).toHaveCount(0);
  await expectAccessible();

  await page
    .getByTestId("import-input")
    .setInputFiles({ name: "settings.json", mimeType: "application/json", buffer: Buffer.from('{"foo":1}') });
  await expect(nothing).toContainText("settings.json holds a single JSON object rather than a list of plays", { timeout: 60_000 });
  await expect(nothing).not.toContainText("is empty");
  await expect(page.getByText("Import complete")).toHaveCount(0);

  // The listener's imports say the same: nothing was added.
  const jobs = await page.request.get("/api/imports").then((response) => response.json());
  expect(jobs.imports[0]).toMatchObject({ status: "completed", counts: { accepted: 0, short: 0, duplicate: 0 } });
  expect(jobs.imports[0].nothingImported).toEqual([expect.stringContaining("settings.json holds a single JSON object")]);
});
