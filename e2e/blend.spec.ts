import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signInWithDemo } from "./pages/sign-in";

/** A new browser with nobody signed in, whose visitor then clicks "Try the demo": a demo listener of their own. */
async function newVisitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithDemo(page);
  return page;
}

/** Axe (WCAG 2.2 A and AA) on a page of a second browser context, as the `expectAccessible` fixture does for the test's own page. */
async function expectAccessibleOn(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  expect(
    results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`),
  ).toEqual([]);
}

/** Checks a Blend page: the match in numbers and words, and a playlist whose every pick says whose taste it comes from. */
async function expectBlend(page: Page, partner: string | RegExp) {
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(typeof partner === "string" ? `You + ${partner}` : partner);
  await expect(page.getByTestId("match-percent")).toHaveText(/^\d{1,3}%$/);
  await expect(page.getByTestId("match-explanation")).toContainText(
    /^Weighted Jaccard of your top \d+ .*artists by listening time \(last 6 months\): \d\.\d\d → \d{1,3}% match/,
  );
  const picks = page.getByTestId("blend-pick");
  await expect(picks.first()).toBeVisible();
  const count = await picks.count();
  expect(count).toBeGreaterThanOrEqual(20);
  expect(count).toBeLessThanOrEqual(50);
  // Every pick is attributed, and never two by one artist in a row.
  await expect(page.getByTestId("pick-from")).toHaveCount(count);
  const artists = await picks.locator("p.truncate").allTextContents();
  for (let index = 1; index < artists.length; index++) expect(artists[index]).not.toBe(artists[index - 1]);
}

test("two demo visitors blend through an invite link, see the match and the playlist, and one leaves for both", async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await newVisitor(browser);
  // B is not signed in yet: the invite link sends them to sign in, then back to the invite.
  const b = await (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();

  // A makes an invite and copies the link.
  await a.goto("/blend");
  await expect(a.getByRole("heading", { name: "Blend", level: 1 })).toBeVisible();
  await a.getByRole("button", { name: "Create invite link" }).click();
  const link = a.getByTestId("invite-link");
  await expect(link).toHaveValue(/\/blend\/join\/[A-Za-z0-9_-]{32}$/);
  const url = new URL(await link.inputValue());
  await expect(a.getByTestId("blend-invite")).toHaveCount(1);
  await expectAccessibleOn(a);

  // B opens it, starts the demo, and is back at the invite: who sent it and what a Blend shares, then accepts.
  await b.goto(url.pathname);
  await expect(b).toHaveURL(/\/sign-in\?callbackUrl=/);
  await b.getByTestId("sign-in-demo").click();
  await expect(b).toHaveURL(new RegExp(`${url.pathname}$`), { timeout: 60_000 });
  const inviter =
    (await b.getByRole("heading", { level: 2, name: /invited you to a Blend$/ }).textContent())?.replace(" invited you to a Blend", "") ??
    "";
  expect(inviter).toMatch(/^Demo listener [0-9A-F]{4}$/);
  await expect(b.getByRole("complementary", { name: "What a Blend shares" })).toContainText("Nothing else");
  await b.getByRole("button", { name: `Accept and blend with ${inviter}` }).click();
  await expect(b).toHaveURL(/\/blend\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  const blendPath = new URL(b.url()).pathname;
  await expectBlend(b, inviter);
  // Both read the shared demo history: most picks are in both their tops.
  await expect(b.locator('[data-testid="pick-from"][data-who="both"]').first()).toHaveText(/Both of you$/);
  await expectAccessibleOn(b);

  // The link is used now: opened again, it leads a member to the Blend.
  await a.goto(url.pathname);
  await expect(a.getByTestId("invite-state")).toHaveAttribute("data-state", "member");

  // A sees the Blend in the list, opens it, and switches the range.
  await a.goto("/blend");
  await a.getByTestId("blend-row").first().click();
  await expect(a).toHaveURL(new RegExp(`${blendPath}$`));
  await expectBlend(a, /^You \+ Demo listener [0-9A-F]{4}$/);
  await a.getByRole("link", { name: "4 weeks" }).click();
  await expect(a).toHaveURL(/\?range=4w$/);
  await expect(a.getByRole("link", { name: "4 weeks" })).toHaveAttribute("aria-current", "page");
  await expect(a.getByText(/^Taste match, last 4 weeks$/)).toBeVisible();
  await expect(a.getByTestId("match-explanation")).toContainText("(last 4 weeks)");

  // B leaves, after the confirmation says what happens to a copy saved on Spotify.
  await b.getByRole("button", { name: "Leave Blend" }).click();
  const dialog = b.getByRole("alertdialog");
  await expect(dialog).toContainText("stays on Spotify");
  await dialog.getByRole("button", { name: "Leave for both of us" }).click();
  await expect(b).toHaveURL(/\/blend$/);
  await expect(b.getByTestId("blend-row")).toHaveCount(0);

  // Gone for A too: the page is not found, the list is empty, and the API says 404.
  expect((await a.request.get(`/api/blends${blendPath.replace("/blend", "")}`)).status()).toBe(404);
  await a.goto("/blend");
  await expect(a.getByTestId("blend-row")).toHaveCount(0);
  await a.goto(blendPath);
  await expect(a.getByTestId("not-found-title")).toBeVisible();

  await a.context().close();
  await b.context().close();
});

test("a demo visitor blends with a demo friend at once", async ({ page, expectAccessible }) => {
  test.setTimeout(120_000);
  await page.goto("/blend");
  const friends = page.getByTestId("demo-friend");
  await expect(friends).toHaveCount(4);
  const friend = friends.filter({ hasText: "Jonas" });
  const existing = friend.getByRole("link", { name: "Open your Blend with Jonas" });
  // The signed-in session is shared by the suite's tests: a Blend made by an earlier run is reused.
  if (await existing.isVisible()) await existing.click();
  else await friend.getByRole("button", { name: "Blend with Jonas" }).click();
  await expect(page).toHaveURL(/\/blend\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  await expectBlend(page, "Jonas");
  await expect(page.locator('[data-testid="pick-from"][data-who="partner"]').first()).toHaveText(/Jonas$/);
  await expect(page.locator('[data-testid="pick-from"][data-who="you"]').first()).toHaveText(/You$/);
  await expect(page.getByTestId("blend-match")).toContainText("Jonas is a demo friend");
  await expectAccessible();
  // On a phone, in dark mode: it fits the screen and passes the accessibility check.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  await expect(page.getByTestId("blend-pick").first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await expectAccessible();

  // Refresh draws it again (a new version of the stored playlist); leaving ends it.
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByRole("button", { name: "Refresh" })).toBeEnabled();
  await page.getByRole("button", { name: "Leave Blend" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Leave for both of us" }).click();
  await expect(page).toHaveURL(/\/blend$/);
  await expect(
    page.getByTestId("demo-friend").filter({ hasText: "Jonas" }).getByRole("button", { name: "Blend with Jonas" }),
  ).toBeVisible();
});
