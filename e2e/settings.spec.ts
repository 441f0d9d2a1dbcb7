import type { APIRequestContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signInWithDemo, signInWithSpotify } from "./pages/sign-in";

/**
 * Settings are kept on the server and every page follows them: a visitor imports a small history
 * of known plays, then changing the listen threshold to 60 s changes the dashboard's listens to a
 * count made here from those raw plays, and changing the time zone moves the listening clock.
 */

// A demo visitor of their own: the import replaces the shared demo history for them only.
const visitorState = "e2e/.auth/settings-visitor.json";
// Each test loads the dashboard and Settings several times: on a busy two-core machine that takes a while.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const DAY_MS = 86_400_000;
/** Play lengths on both sides of 30 s and 60 s. */
const LENGTHS = [5_000, 29_999, 30_000, 45_000, 59_999, 60_000, 61_000, 90_000, 120_000, 180_000, 15_000, 240_000];

interface Play {
  endedAt: string;
  ms: number;
  track: number;
}

/** Twelve plays a day for ten days, each started and ended between 14:10 and 15:00 UTC. */
function knownPlays(): Play[] {
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const plays: Play[] = [];
  for (let day = 1; day <= 10; day++)
    for (let track = 0; track < 12; track++)
      plays.push({
        endedAt: new Date(today - day * DAY_MS + 14 * 3_600_000 + (10 + track * 4) * 60_000).toISOString(),
        ms: LENGTHS[(track + day) % LENGTHS.length]!,
        track,
      });
  return plays;
}

const listens = (plays: Play[], thresholdMs: number) => plays.filter((play) => play.ms >= thresholdMs).length;
const hourIn = (timeZone: string, iso: string) =>
  Number(new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" }).format(Date.parse(iso)));

/** Imports the plays through the same API the Import page uses. */
async function importPlays(request: APIRequestContext, plays: Play[]) {
  const created = await request.post("/api/imports", {
    data: { files: [{ name: "Streaming_History_Audio_2026.json", kind: "extended-audio", rows: plays.length }] },
  });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const rows = plays.map((play) => ({
    kind: "extended",
    endedAt: play.endedAt,
    trackId: `settingsTrack${String(play.track).padStart(9, "0")}`,
    trackName: `Threshold Song ${play.track + 1}`,
    artistName: `Threshold Artist ${(play.track % 4) + 1}`,
    albumName: null,
    msPlayed: play.ms,
    platform: "android",
    reasonStart: "trackdone",
    reasonEnd: "trackdone",
    shuffle: false,
    skipped: null,
    offline: false,
    incognito: false,
    country: "DE",
  }));
  expect((await request.post(`/api/imports/${id}/chunks`, { data: { chunkId: "settings-1", rows } })).status()).toBe(202);
  expect((await request.post(`/api/imports/${id}/complete`, { data: {} })).status()).toBe(200);
}

/** The "Plays" tile: its value (plays) and its hint (listens). */
const playsTile = (page: Page) =>
  page
    .getByTestId("summary-tiles")
    .locator("dl")
    .filter({ has: page.getByText("Plays", { exact: true }) });
const listensHint = (page: Page) => playsTile(page).locator("dd").last();

test.describe("settings", () => {
  const plays = knownPlays();

  test.beforeAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await signInWithDemo(page);
    await importPlays(page.request, plays);
    await context.storageState({ path: visitorState });
    await context.close();
  });
  test.use({ storageState: visitorState });

  test("a 60 s listen threshold recounts the dashboard to match the raw plays", async ({ page, expectAccessible }) => {
    expect(listens(plays, 60_000)).not.toBe(listens(plays, 30_000));
    await page.goto("/dashboard?range=all");
    await expect(listensHint(page)).toHaveText(`${listens(plays, 30_000)} listens`);
    await expect(page.getByTestId("definitions")).toContainText("Listen: A play of at least 30 seconds.");

    await page.goto("/settings");
    const card = page.getByTestId("listening-settings");
    await card.getByLabel("A play counts as a listen from").selectOption({ label: "1 min" });
    await card.getByRole("button", { name: "Save listening settings" }).click();
    await expect(card.getByRole("status")).toContainText("Saved. A play now counts as a listen from 1 min");
    await expectAccessible();

    await page.goto("/dashboard?range=all");
    await expect(listensHint(page)).toHaveText(`${listens(plays, 60_000)} listens`);
    await expect(playsTile(page).locator("dd").first()).toHaveText(`${plays.length} plays`);
    await expect(page.getByTestId("definitions")).toContainText("1 minute");

    // Kept on the server: a new browser of the same listener sees the same setting.
    const settings = await page.request.get("/api/me/settings").then((response) => response.json());
    expect(settings.settings.listenThresholdMs).toBe(60_000);
  });

  test("a new time zone moves the listening clock, chosen from a searchable list by keyboard", async ({ page }) => {
    const berlin = hourIn("Europe/Berlin", plays[0]!.endedAt);
    const tokyo = hourIn("Asia/Tokyo", plays[0]!.endedAt);
    expect(tokyo).not.toBe(berlin);
    await page.goto("/dashboard?range=all");
    await expect(page.getByTestId("listening-clock")).toHaveAttribute("data-busiest-hour", String(berlin));
    await expect(page.getByTestId("range-label")).toContainText("Europe/Berlin");

    await page.goto("/settings");
    const card = page.getByTestId("listening-settings");
    await card.getByLabel("Find a zone").fill("tokyo");
    const zones = card.getByLabel("Zone", { exact: true });
    await expect(zones.locator("option", { hasText: "Asia/Tokyo" })).toHaveCount(1);
    // The list box shows the matches (and the current zone); arrow keys choose.
    await zones.focus();
    await zones.selectOption("Asia/Tokyo");
    await expect(zones).toHaveValue("Asia/Tokyo");
    await page.keyboard.press("Tab");
    await card.getByRole("button", { name: "Save listening settings" }).click();
    await expect(card.getByRole("status")).toContainText("days and hours are in Asia/Tokyo");
    await expect(card.getByTestId("time-zone-source")).toContainText("Asia/Tokyo");

    await page.goto("/dashboard?range=all");
    await expect(page.getByTestId("range-label")).toContainText("Asia/Tokyo");
    await expect(page.getByTestId("listening-clock")).toHaveAttribute("data-busiest-hour", String(tokyo));
  });

  test("the API refuses a bad value naming the field, and Discover's settings save", async ({ page }) => {
    // The server refuses what the form never sends: the problem names the field.
    const refused = await page.request.patch("/api/me/settings", { data: { listenThresholdMs: 1234 } });
    expect(refused.status()).toBe(400);
    expect((await refused.json()).errors[0].field).toBe("body.listenThresholdMs");

    await page.goto("/settings");
    const card = page.getByTestId("discover-settings");
    const explicit = card.getByRole("switch", { name: "Explicit tracks in recommendations" });
    await expect(explicit).toBeChecked();
    await explicit.press("Space");
    await expect(explicit).not.toBeChecked();
    await card.getByLabel("Leave out tracks I played in").selectOption({ label: "The last 7 days" });
    await card.getByRole("button", { name: "Save Discover settings" }).click();
    await expect(card.getByRole("status")).toContainText("leave out explicit tracks and leave out what you played in the last 7 days");
    await page.reload();
    await expect(page.getByTestId("discover-settings").getByRole("switch")).not.toBeChecked();
    await expect(page.getByTestId("discover-settings").getByLabel("Leave out tracks I played in")).toHaveValue("7");
  });

  test("the demo has no Spotify account to disconnect, and says so", async ({ page }) => {
    await page.goto("/settings");
    await expect(page.getByTestId("spotify-connection")).toContainText("no Spotify account to connect or disconnect in the demo");
    await expect(page.getByTestId("disconnect-spotify")).toHaveCount(0);
  });
});

test("a Spotify listener sees who they are connected as, and what Disconnect does before confirming", async ({ browser }) => {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithSpotify(page);
  await page.goto("/settings");
  const connection = page.getByTestId("spotify-connection");
  await expect(connection).toContainText("Connected to Spotify as Nova Listener");
  await page.getByTestId("disconnect-spotify").click();
  const dialog = page.getByRole("alertdialog", { name: "Disconnect Spotify?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("Your imported history, likes and settings stay here");
  await expect(dialog).toContainText("You are signed out");
  // Escape (or "Stay connected") keeps everything as it was.
  await page.keyboard.press("Escape");
  await expect(dialog).toHaveCount(0);
  await expect(connection).toContainText("Connected to Spotify as Nova Listener");
  await context.close();
});
