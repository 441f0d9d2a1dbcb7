import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";

/**
 * The public link to a year in music: on the origin the listener uses, previewed as this recap
 * (og:title and og:url), dead as soon as sharing is off, and never revived: turning sharing on
 * again mints a new link, so one that leaked can be replaced.
 */
const YEAR = 2022;

async function turnSharing(page: Page, on: boolean) {
  const toggle = page.getByRole("button", { name: /Turn sharing (on|off)/ });
  const isOn = (await toggle.textContent())?.includes("off") ?? false;
  if (isOn === on) return;
  await toggle.click();
  await expect(page.getByRole("button", { name: on ? "Turn sharing off" : "Turn sharing on" })).toBeVisible();
}

async function shareLink(page: Page): Promise<string> {
  const link = page.getByTestId("share-link");
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  await expect(link).toHaveText(href);
  return href;
}

/** A stranger (no cookies) opening the link: its status, and the page when it answers. */
async function open(browser: Browser, url: string) {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const response = await page.goto(url);
  return { status: response?.status(), page, close: () => context.close() };
}

test("a share link uses the page's origin, previews as the recap, and is dead for good once sharing goes off", async ({
  page,
  browser,
  expectAccessible,
}) => {
  // Six page loads, an image and four toggles: more than one page's budget.
  test.setTimeout(120_000);
  await page.goto(`/recap/${YEAR}`);
  await expect(page.getByRole("heading", { level: 1, name: `Your ${YEAR} in music` })).toBeVisible();
  // Start from "off", whatever an earlier run left.
  await turnSharing(page, false);
  await turnSharing(page, true);
  const first = await shareLink(page);
  const origin = new URL(page.url()).origin;
  expect(new URL(first).origin).toBe(origin);
  expect(new URL(first).pathname).toMatch(/^\/share\/[A-Za-z0-9_-]{24}$/);
  await expectAccessible();

  const visitor = await open(browser, first);
  expect(visitor.status).toBe(200);
  await expect(visitor.page.getByRole("heading", { level: 1 })).toContainText(`${YEAR}`);
  await expect(visitor.page.getByTestId("recap")).toContainText("Top artists");
  const meta = (property: string) => visitor.page.locator(`meta[property="${property}"]`).getAttribute("content");
  expect(await meta("og:title")).toBe(`Demo listener's ${YEAR} in music · EchoTune`);
  expect(await meta("og:url")).toBe(first);
  await expect(visitor.page).toHaveTitle(`Demo listener's ${YEAR} in music · EchoTune`);
  const image = new URL((await meta("og:image")) ?? "");
  expect(image.origin).toBe(origin);
  expect(image.pathname).toContain(new URL(first).pathname);
  const png = await visitor.page.request.get(image.toString());
  expect(png.status()).toBe(200);
  expect(png.headers()["content-type"]).toContain("image/png");
  await visitor.close();

  // Off: the link is dead at once.
  await turnSharing(page, false);
  const closed = await open(browser, first);
  expect(closed.status).toBe(404);
  await closed.close();

  // On again: a new link; the old one stays dead.
  await turnSharing(page, true);
  const second = await shareLink(page);
  expect(second).not.toBe(first);
  expect(new URL(second).origin).toBe(origin);
  const fresh = await open(browser, second);
  expect(fresh.status).toBe(200);
  expect(await fresh.page.locator('meta[property="og:url"]').getAttribute("content")).toBe(second);
  await fresh.close();
  const old = await open(browser, first);
  expect(old.status).toBe(404);
  await old.close();

  await turnSharing(page, false);
});
