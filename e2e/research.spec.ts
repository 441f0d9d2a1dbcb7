import type { Page } from "@playwright/test";
import { fakeGeminiUrl, fakePerplexityUrl } from "../playwright.config";
import { expect, test } from "./fixtures";

/**
 * Artist research in the chat: Gemini (the fake, scripted per question) calls the researchArtist
 * tool, which asks the fake Perplexity through the real official client; the card shows the answer
 * with its sources as links. Every script and fault matches its own question, so specs running side
 * by side never take each other's replies.
 */
async function post(url: string, body: unknown) {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  expect(response.ok).toBe(true);
}

const scriptGemini = (match: string, replies: Array<Record<string, unknown>>) =>
  post(`${fakeGeminiUrl}/__admin/script`, { replies: replies.map((reply) => ({ ...reply, match })) });

/** A question no earlier run asked: research answers are cached for a day. */
const unique = (question: string) => `${question} (${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)})`;

async function ask(page: Page, question: string) {
  await page.goto("/assistant");
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

test.describe("artist research", () => {
  test("a research question is answered with numbered source links in the card", async ({ page, expectAccessible }) => {
    test.setTimeout(60_000);
    const question = unique("Tell me about Massive Attack's history");
    await scriptGemini(question, [{ type: "functionCall", name: "researchArtist", args: { question, artist: "Massive Attack" } }]);
    await post(`${fakePerplexityUrl}/__admin/script`, {
      replies: [
        {
          match: question,
          answer: "Massive Attack formed in Bristol in 1988 [1], out of the Wild Bunch sound system [2].",
          citations: [
            { url: "https://en.wikipedia.org/wiki/Massive_Attack", title: "Massive Attack - Wikipedia" },
            { url: "https://www.theguardian.com/music/massive-attack", title: "Massive Attack | The Guardian" },
          ],
        },
      ],
    });
    await ask(page, question);

    const card = page.getByTestId("research-card");
    await expect(card).toHaveAttribute("data-status", "answered", { timeout: 30_000 });
    await expect(card).toContainText("Massive Attack formed in Bristol in 1988 [1]");
    const sources = card.getByRole("list", { name: "Sources for the answer about Massive Attack" });
    const first = sources.getByRole("link", { name: "Source 1: Massive Attack - Wikipedia en.wikipedia.org (opens in a new tab)" });
    await expect(first).toHaveAttribute("href", "https://en.wikipedia.org/wiki/Massive_Attack");
    await expect(first).toHaveAttribute("target", "_blank");
    await expect(first).toHaveAttribute("rel", "noopener noreferrer");
    await expect(sources.getByRole("link", { name: /^Source 2: Massive Attack \| The Guardian/ })).toHaveAttribute(
      "href",
      "https://www.theguardian.com/music/massive-attack",
    );
    // Gemini passes the answer on (the fake quotes the tool's summary).
    await expect(page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last()).toContainText(
      "Here is what I found. Massive Attack formed in Bristol",
    );
    // The request Perplexity got: the Agent API, with the app's key.
    const log = (await (await fetch(`${fakePerplexityUrl}/__admin/log`)).json()) as Array<{
      path: string;
      headers: Record<string, string>;
      body: { input: string };
    }>;
    const sent = log.find((entry) => entry.body.input === question);
    expect(sent).toMatchObject({ path: "/v1/responses", headers: { authorization: "Bearer fake-perplexity-key" } });
    await expectAccessible();
  });

  test("when Perplexity is rate-limited, the card says so plainly", async ({ page }) => {
    test.setTimeout(60_000);
    const question = unique("Any news about Portishead?");
    await scriptGemini(question, [{ type: "functionCall", name: "researchArtist", args: { question, artist: "Portishead" } }]);
    await post(`${fakePerplexityUrl}/__admin/fault`, { status: 429, retryAfterSeconds: 45, match: question });
    await ask(page, question);

    const card = page.getByTestId("research-card");
    await expect(card).toHaveAttribute("data-status", "error", { timeout: 30_000 });
    await expect(card.getByRole("heading", { name: "Research didn't work this time" })).toBeVisible();
    await expect(card.getByRole("status")).toHaveText("The research service is busy right now. Try again in 45 s.");
    await expect(card.getByRole("link")).toHaveCount(0);
  });
});
