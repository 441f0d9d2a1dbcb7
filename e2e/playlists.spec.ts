import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signInWithDemo } from "./pages/sign-in";

// Each test signs a visitor of its own in, so drafts and playlists never mix with other specs'.
test.describe.configure({ timeout: 120_000 });

async function newVisitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithDemo(page);
  return page;
}

/** The fixture's axe check (WCAG 2.2 A and AA), on a page of this spec's own visitor. */
async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

const rows = (page: Page) => page.getByTestId("playlist-track");
const order = (page: Page) => rows(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-key") ?? ""));

test.describe("playlists", () => {
  test("a Discover draft is stored: reorder by keyboard, undo, and the same draft in a second browser", async ({ browser }) => {
    const page = await newVisitor(browser);
    await page.goto("/playlists");
    await expect(page.getByTestId("empty-state")).toContainText("No playlists yet");

    // Three picks into the draft on Discover.
    await page.goto("/discover");
    const cards = page.getByTestId("recommendation");
    await expect(cards.first()).toBeVisible();
    const picked: string[] = [];
    for (const index of [0, 1, 2]) {
      const card = cards.nth(index);
      const name = (await card.getByTestId("pick-name").textContent()) ?? "";
      picked.push((await card.getAttribute("data-key")) ?? "");
      const saved = page.waitForResponse(
        (response) => response.url().endsWith("/api/playlists/draft") && response.request().method() === "POST",
      );
      await card.getByRole("button", { name: `Add to draft: ${name}`, exact: true }).click();
      expect((await saved).status()).toBe(200);
      await expect(page.getByTestId("draft")).toContainText(name);
    }
    await page.getByTestId("open-draft").click();
    await expect(page).toHaveURL(/\/playlists\/[A-Za-z0-9_-]{16}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Discover draft");
    expect(await order(page)).toEqual(picked);

    // Keyboard: focus the third track and move it up twice with Alt+ArrowUp; each move is announced.
    const third = rows(page).nth(2);
    await third.focus();
    await page.keyboard.press("Alt+ArrowUp");
    await expect(page.getByTestId("editor-announcement")).toHaveText(/to position 2 of 3/);
    await expect(rows(page).nth(1)).toBeFocused();
    await page.keyboard.press("Alt+ArrowUp");
    await expect(page.getByTestId("editor-announcement")).toHaveText(/to position 1 of 3/);
    await expect(rows(page).nth(0)).toBeFocused();
    await expect.poll(() => order(page)).toEqual([picked[2], picked[0], picked[1]]);
    // Version 1 made the draft with the first pick, two more picks and two moves made four more.
    await expect(page.getByTestId("playlist-meta")).toContainText("version 5");

    // Undo the second move (Ctrl+Z), then check the server holds it.
    const undone = page.waitForResponse((response) => response.url().endsWith("/versions") && response.request().method() === "POST");
    await page.keyboard.press("Control+z");
    expect((await undone).status()).toBe(200);
    const expected = [picked[0], picked[2], picked[1]];
    await expect.poll(() => order(page)).toEqual(expected);
    await expect(page.getByTestId("playlist-meta")).toContainText("version 4 of 5");

    // A second browser with the same session sees the same draft in the same order.
    const second = await browser.newContext({ storageState: await page.context().storageState() });
    const other = await second.newPage();
    await other.goto(page.url());
    await expect.poll(() => order(other)).toEqual(expected);
    await other.goto("/discover");
    await expect(other.getByTestId("draft").getByRole("listitem")).toHaveCount(3);

    // An edit there makes this window's next edit a conflict, with a reload that shows it.
    await other.goto(page.url());
    await other
      .getByRole("button", { name: `Move down: ${await rows(other).nth(0).getByTestId("playlist-track-name").textContent()}` })
      .click();
    // An edit after an undo drops the redo tail: it is version 5 again.
    await expect(other.getByTestId("playlist-meta")).toHaveText(/version 5$/);
    await page
      .getByRole("button", { name: /^Remove: / })
      .first()
      .click();
    await expect(page.getByTestId("conflict")).toContainText("This playlist changed in another window; reload to see it.");
    await page.getByRole("button", { name: "Reload" }).click();
    await expect(page.getByTestId("conflict")).toHaveCount(0);
    await expect.poll(() => order(page)).toEqual([picked[2], picked[0], picked[1]]);
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page);
    await second.close();
    await page.context().close();
  });

  test("rename, restore a version, and a new playlist from a prompt with the count asked", async ({ browser }) => {
    const page = await newVisitor(browser);
    await page.goto("/playlists");
    await page.getByRole("textbox", { name: "Describe the playlist" }).fill("90s trip-hop for a rainy evening, 25 tracks");
    await page.getByRole("button", { name: "Make a draft" }).click();
    await expect(page).toHaveURL(/\/playlists\/[A-Za-z0-9_-]{16}$/, { timeout: 30_000 });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("90s trip-hop for a rainy evening");
    await expect(rows(page)).toHaveCount(25);
    const original = await order(page);

    await page.getByRole("textbox", { name: "Name" }).fill("Rainy 90s");
    await page.getByRole("button", { name: "Save name and description" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rainy 90s");
    await page.getByRole("button", { name: `Remove: ${await rows(page).nth(0).getByTestId("playlist-track-name").textContent()}` }).click();
    await expect(rows(page)).toHaveCount(24);

    const history = page.getByTestId("version");
    await expect(history).toHaveCount(3);
    await expect(history.nth(1)).toContainText("Renamed to “Rainy 90s”");
    await page.getByRole("button", { name: "Restore version 1: Created from a prompt" }).click();
    await expect(rows(page)).toHaveCount(25);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("90s trip-hop for a rainy evening");
    expect(await order(page)).toEqual(original);
    await expect(history.first()).toContainText("Restored version 1");

    // The list shows it with its count; after a reload it is all still there.
    await page.goto("/playlists");
    const row = page.getByTestId("playlist-row").filter({ hasText: "90s trip-hop for a rainy evening" });
    await expect(row).toContainText("25 tracks");
    await expectAccessible(page);
    await page.context().close();
  });
});
