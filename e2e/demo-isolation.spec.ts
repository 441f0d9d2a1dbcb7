import type { Browser, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signInWithDemo } from "./pages/sign-in";

/** A new browser with nobody signed in, whose visitor then clicks "Try the demo". */
async function newVisitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithDemo(page);
  return page;
}

const minutesListened = (page: Page) =>
  page.getByTestId("summary-tiles").locator("dl", { hasText: "Minutes played" }).locator("dd").first();

test("two demo visitors keep their chats and likes to themselves, and share the demo history", async ({ browser }) => {
  test.setTimeout(120_000);
  const a = await newVisitor(browser);
  const b = await newVisitor(browser);

  // Both read the one shared history: the same numbers on the dashboard.
  const minutes = (await minutesListened(a).textContent()) ?? "";
  expect(minutes).toMatch(/^\d[\d,]* min$/);
  await expect(minutesListened(b)).toHaveText(minutes);

  // A asks the assistant something: the chat is A's.
  const question = `Visitor A's own question ${Date.now().toString(36)}`;
  await a.goto("/assistant");
  await a.getByRole("textbox", { name: "Message" }).fill(question);
  await a.getByRole("button", { name: "Send", exact: true }).click();
  await expect(a.getByTestId("chat-message").and(a.locator('[data-role="assistant"]')).last()).not.toBeEmpty({ timeout: 30_000 });
  await expect(a).toHaveURL(/\/assistant\/[^/]+$/);
  const chatUrl = a.url();
  await a.reload();
  await expect(a.getByTestId("chat-sidebar")).toContainText(question.slice(0, 24));

  // A likes the first recommendation and wants no more of the second one's artist.
  await a.goto("/discover");
  const cards = a.getByTestId("recommendation");
  const card = cards.first();
  const name = (await card.getByTestId("pick-name").textContent()) ?? "";
  const like = card.getByRole("button", { name: `Like ${name}`, exact: true });
  const liked = a.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
  await like.click();
  expect((await liked).status()).toBe(200);
  await expect(like).toHaveAttribute("aria-pressed", "true");
  const artist = (await cards.nth(1).getAttribute("data-artist")) ?? "";
  expect(artist).not.toBe("");
  const dropped = a.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
  await cards
    .nth(1)
    .getByRole("button", { name: `No more of this artist: ${artist}`, exact: true })
    .click();
  expect((await dropped).status()).toBe(200);
  await a.reload();
  await expect(cards.first()).toBeVisible();
  await expect(a.locator(`[data-testid="recommendation"][data-artist="${artist}"]`)).toHaveCount(0);

  // B sees none of it: no chats, A's chat is not found, the track is not liked and the artist is still there.
  await b.goto("/assistant");
  await expect(b.getByTestId("chats-empty")).toBeVisible();
  await expect(b.getByTestId("chat-sidebar")).not.toContainText(question.slice(0, 24));
  const chatId = new URL(chatUrl).pathname.split("/").pop() ?? "";
  expect((await b.request.get(`/api/chats/${chatId}`)).status()).toBe(404);
  await b.goto("/discover");
  await expect(b.getByTestId("recommendation").first()).toBeVisible();
  await expect(b.getByRole("button", { name: `Like ${name}`, exact: true }).first()).toHaveAttribute("aria-pressed", "false");
  await expect(b.locator(`[data-testid="recommendation"][data-artist="${artist}"]`).first()).toBeVisible();

  // A's chat is still there for A, and the dashboards still agree.
  expect((await a.request.get(`/api/chats/${chatId}`)).status()).toBe(200);
  await a.goto("/dashboard");
  await b.goto("/dashboard");
  await expect(minutesListened(a)).toHaveText(minutes);
  await expect(minutesListened(b)).toHaveText(minutes);

  await a.context().close();
  await b.context().close();
});
