import type { Browser, Page } from "@playwright/test";
import { DEMO_LISTENER, demoListenerOptions, generateListeningHistory, getDemoCatalog } from "@/lib/demo";
import { fakeGeminiUrl } from "../playwright.config";
import { expect, test } from "./fixtures";
import { signInWithDemo } from "./pages/sign-in";

/**
 * The assistant with the real @ai-sdk/google provider talking to the fake Gemini over HTTP. Each
 * scripted reply waits for the request that carries its test's own question (`match`), so specs
 * running side by side never take each other's replies.
 */
async function script(match: string, replies: Array<Record<string, unknown>>) {
  const response = await fetch(`${fakeGeminiUrl}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ replies: replies.map((reply) => ({ ...reply, match })) }),
  });
  expect(response.ok).toBe(true);
}

/** The demo listener's top artist in 2022, from the raw plays (a year no other spec imports into). */
function topArtistOf2022(): string {
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  // Today's history, as the server stores it (up to yesterday; a new one each day).
  const streams = generateListeningHistory(demoListenerOptions(Date.now()));
  const day = new Intl.DateTimeFormat("en-CA", { timeZone: DEMO_LISTENER.timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
  const artists = new Map<string, { listens: number; ms: number }>();
  for (const stream of streams) {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) continue;
    const date = day.format(Math.floor(stream.ts.getTime() / 1000) * 1000);
    if (date < "2022-01-01" || date > "2022-12-31") continue;
    const name = catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "Unknown artist";
    const artist = artists.get(name) ?? { listens: 0, ms: 0 };
    artist.ms += stream.msPlayed;
    if (stream.msPlayed >= 30_000) artist.listens += 1;
    artists.set(name, artist);
  }
  return [...artists].sort(([nameA, a], [nameB, b]) => b.listens - a.listens || b.ms - a.ms || nameA.localeCompare(nameB))[0]![0];
}

/** A demo visitor of their own (their own chats and turn limit), in a new browser context. */
async function newVisitor(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signInWithDemo(page);
  return page;
}

async function ask(page: Page, question: string) {
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
}

const lastAnswer = (page: Page) => page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last();

test.describe("assistant", () => {
  test("a stats question is answered from the listener's plays, naming the right top artist", async ({ page, expectAccessible }) => {
    // Generating the demo's plays for the expected answer, an axe run and a reload: more than the default 30 s on a busy machine.
    test.setTimeout(60_000);
    const question = "What did I play most in 2022?";
    await script(question, [
      { type: "functionCall", name: "listeningStats", args: { range: "custom", from: "2022-01-01", to: "2022-12-31" } },
    ]);
    const top = topArtistOf2022();

    await page.goto("/assistant");
    await expect(page.getByTestId("suggested-prompts")).toBeVisible();
    await page.getByRole("textbox", { name: "Message" }).fill(question);
    await page.getByRole("button", { name: "Send", exact: true }).click();

    const answer = page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last();
    await expect(answer).toContainText(`Your top artist by listens was ${top}`, { timeout: 30_000 });
    await expect(page.getByTestId("stats-card")).toContainText(top);
    // The listener reads who answered; the exact model is in the tooltip.
    await expect(answer.getByTestId("model-badge")).toHaveText("Answered by Gemini");
    await expect(answer.getByTestId("model-badge")).toHaveAttribute("title", "gemini-2.5-flash-lite");
    // The chat has its own address and is listed, titled by the question.
    await expect(page).toHaveURL(/\/assistant\/[\w-]+$/);
    await expect(page.getByTestId("chat-list")).toContainText(question);
    await expectAccessible();

    // A reload shows the stored conversation.
    await page.reload();
    await expect(page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last()).toContainText(
      `Your top artist by listens was ${top}`,
    );
  });

  test("a Gemini 500 makes EchoTune answer, and the badge says Gemini is busy", async ({ page }) => {
    const question = "Which artist did I play most in 2022, after all?";
    await script(question, [{ type: "error", status: 500 }]);
    await page.goto("/assistant");
    await page.getByRole("textbox", { name: "Message" }).fill(question);
    await page.keyboard.press("Enter");
    const answer = page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last();
    await expect(answer).toContainText(`Your top artist by listens was ${topArtistOf2022()}`, { timeout: 30_000 });
    await expect(answer.getByTestId("model-badge")).toHaveText("Answered by EchoTune · Gemini is busy right now");
  });

  test("chats can be renamed and deleted; another listener's chat id is a 404", async ({ page, request }) => {
    const question = "Hello from the rename test";
    await script(question, [{ type: "text", text: "Hello! Ask me about your listening." }]);
    await page.goto("/assistant");
    await page.getByRole("textbox", { name: "Message" }).fill(question);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    await expect(page.getByTestId("chat-message").and(page.locator('[data-role="assistant"]')).last()).toContainText(
      "Hello! Ask me about your listening.",
    );
    const id = page.url().split("/").at(-1)!;

    await page.getByRole("button", { name: `Rename ${question}` }).click();
    await page.getByRole("textbox", { name: "Chat title" }).fill("Greetings");
    await page.getByRole("textbox", { name: "Chat title" }).press("Enter");
    await expect(page.getByTestId("chat-list")).toContainText("Greetings");
    expect(((await (await request.get(`/api/chats/${id}`)).json()) as { title: string }).title).toBe("Greetings");

    // Ids nobody owns, or someone else owns, answer the same problem+json 404.
    const missing = await request.get("/api/chats/not-a-chat-of-yours");
    expect(missing.status()).toBe(404);
    expect(missing.headers()["content-type"]).toContain("application/problem+json");

    await page.getByRole("button", { name: "Delete Greetings" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByTestId("chat-list")).not.toContainText("Greetings");
    expect((await request.get(`/api/chats/${id}`)).status()).toBe(404);
  });

  test("POST /api/chat answers bad input with problem+json that names the field", async ({ request }) => {
    const tooLong = await request.post("/api/chat", {
      data: { id: "chat-too-long-1", message: { id: "m1", role: "user", parts: [{ type: "text", text: "x".repeat(2_001) }] } },
    });
    expect(tooLong.status()).toBe(400);
    expect(tooLong.headers()["content-type"]).toContain("application/problem+json");
    expect(JSON.stringify((await tooLong.json()).errors)).toContain("at most 2000 characters");

    const badId = await request.post("/api/chat", {
      data: { id: "../x", message: { id: "m1", role: "user", parts: [{ type: "text", text: "hi" }] } },
    });
    expect(badId.status()).toBe(400);
    expect((await badId.json()).errors).toEqual([expect.objectContaining({ field: "body.id" })]);
  });

  test("New chat opens an empty chat, and the next question starts a second one", async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await newVisitor(browser);
    const first = "New chat check: which decade do I play most?";
    const second = "New chat check: and which artist did I skip most?";
    await script(first, [{ type: "text", text: "Mostly the nineties." }]);
    await script(second, [{ type: "text", text: "You skipped nobody much." }]);

    await page.goto("/assistant");
    await ask(page, first);
    await expect(lastAnswer(page)).toContainText("Mostly the nineties.", { timeout: 30_000 });
    await expect(page).toHaveURL(/\/assistant\/[\w-]+$/);
    const firstUrl = page.url();

    await page.getByTestId("new-chat").click();
    await expect(page).toHaveURL(/\/assistant$/);
    await expect(page.getByTestId("chat-empty")).toBeVisible();
    await expect(page.getByTestId("chat-message")).toHaveCount(0);
    await expect(page.getByTestId("chat-title")).toContainText("New chat");

    await ask(page, second);
    await expect(lastAnswer(page)).toContainText("You skipped nobody much.", { timeout: 30_000 });
    await expect(page).toHaveURL(/\/assistant\/[\w-]+$/);
    const secondUrl = page.url();
    expect(secondUrl).not.toBe(firstUrl);
    // Only the new question and its answer: the first chat stayed where it was.
    await expect(page.getByTestId("chat-message")).toHaveCount(2);
    const chats = page.getByTestId("chat-item");
    await expect(chats).toHaveCount(2);
    await expect(chats.nth(0)).toContainText(second);
    await expect(chats.nth(1)).toContainText(first);

    // The first chat still holds its own conversation, and only that.
    await page.getByTestId("chat-list").getByRole("link", { name: first }).click();
    await expect(page).toHaveURL(firstUrl);
    await expect(page.getByTestId("chat-message")).toHaveCount(2);
    await expect(lastAnswer(page)).toContainText("Mostly the nineties.");
    await expect(page.getByTestId("chat-messages")).not.toContainText(second);

    // Back returns to the second chat, with its own conversation.
    await page.goBack();
    await expect(page).toHaveURL(secondUrl);
    await expect(lastAnswer(page)).toContainText("You skipped nobody much.");
    await expect(page.getByTestId("chat-message")).toHaveCount(2);
    await page.context().close();
  });

  test("past the turn limit, the chat says so inline and offers Retry", async ({ browser }) => {
    test.setTimeout(90_000);
    const page = await newVisitor(browser);
    // Spend this visitor's turns for the minute (ASSISTANT_TURNS_PER_MINUTE=200 here) with
    // turns that cost nothing: approvals for a chat that does not exist still count.
    const spend = (index: number) =>
      page.request.post("/api/chat", {
        data: { id: `spent-turn-${index}`, message: { id: `m-${index}`, role: "assistant", parts: [{ type: "text" }] } },
      });
    for (let batch = 0; batch < 10; batch++) {
      const statuses = await Promise.all(Array.from({ length: 20 }, (_, index) => spend(batch * 20 + index).then((r) => r.status())));
      expect(statuses.every((status) => status === 404)).toBe(true);
    }

    await page.goto("/assistant");
    await ask(page, "One question too many?");
    const error = page.getByTestId("chat-error");
    await expect(error).toBeVisible();
    await expect(error).toContainText(/You're sending messages quickly: at most 200 a minute\. Try again in \d+ s\./);
    await expect(error.getByRole("button", { name: "Retry" })).toBeVisible();
    await page.context().close();
  });

  test("the assistant shows the listener's Discover draft and saves exactly it", async ({ browser }) => {
    test.setTimeout(120_000);
    const page = await newVisitor(browser);
    await page.goto("/discover");
    const cards = page.getByTestId("recommendation");
    const picked: Array<{ key: string; name: string }> = [];
    for (const index of [2, 0]) {
      const card = cards.nth(index);
      const name = (await card.getByTestId("pick-name").textContent()) ?? "";
      picked.push({ key: (await card.getAttribute("data-key")) ?? "", name });
      await card.getByRole("button", { name: `Add to draft: ${name}`, exact: true }).click();
      await expect(page.getByTestId("draft")).toContainText(name);
    }

    const question = "Save my Discover draft as Draft check";
    await script(question, [{ type: "functionCall", name: "discoverDraft", args: { name: "Draft check" } }]);
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Assistant" }).click();
    await expect(page).toHaveURL(/\/assistant$/);
    await ask(page, question);

    // The draft, in the listener's order, then the request to save exactly those tracks.
    const draft = page.locator('[data-testid="track-list-card"][data-tool="discoverDraft"]');
    await expect(draft).toContainText("Your Discover draft: Draft check", { timeout: 30_000 });
    const listed = draft.getByRole("listitem");
    await expect(listed).toHaveCount(2);
    await expect(listed.nth(0)).toContainText(picked[0]!.name);
    await expect(listed.nth(1)).toContainText(picked[1]!.name);
    const approval = page.getByTestId("approval-card");
    await expect(approval.getByTestId("approval-track")).toHaveCount(2);
    expect(await approval.getByTestId("approval-track").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-key")))).toEqual(
      picked.map((track) => track.key),
    );

    await approval.getByRole("button", { name: "Save to Spotify" }).click();
    await expect(approval).toContainText("Saved to Spotify", { timeout: 30_000 });
    await expect(approval).toContainText("Draft check · 2 tracks");
    await page.context().close();
  });
});
