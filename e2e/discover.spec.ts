import { expect, test } from "./fixtures";

// One listener's feedback changes their next results: these run in order, not side by side.
test.describe.configure({ mode: "serial" });

test.describe("discover", () => {
  test("cards explain themselves; a context narrows the mix and lives in the URL", async ({ page, expectAccessible }) => {
    await page.goto("/discover");
    const cards = page.getByTestId("recommendation");
    await expect(cards.first()).toBeVisible();
    expect(await cards.count()).toBeGreaterThanOrEqual(8);
    for (const why of await page.getByTestId("why").allTextContents()) expect(why.length).toBeGreaterThan(20);

    // Diversity: no artist more than twice in the list.
    const artists = await cards.evaluateAll((items) => items.map((item) => item.getAttribute("data-artist")));
    const counts = new Map<string, number>();
    for (const artist of artists) counts.set(artist ?? "", (counts.get(artist ?? "") ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);

    await page.getByRole("button", { name: "80s", exact: true }).click();
    await expect(page).toHaveURL(/[?&]context=1980s/);
    await expect(page.getByRole("button", { name: "80s", exact: true })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("recommendations")).not.toHaveAttribute("aria-busy", "true");
    await expect(cards.first()).toBeVisible();
    await expect(page.getByTestId("why").first()).toContainText("Released in 198");
    await expectAccessible();
  });

  test("likes stick, and a disliked artist is gone from the next results, after a reload too", async ({ page }) => {
    await page.goto("/discover");
    const cards = page.getByTestId("recommendation");
    await expect(cards.first()).toBeVisible();

    const first = cards.first();
    const firstName = (await first.locator("p").first().textContent()) ?? "";
    await first.getByRole("button", { name: `Like ${firstName}`, exact: true }).click();
    await expect(first.getByRole("button", { name: `Like ${firstName}`, exact: true })).toHaveAttribute("aria-pressed", "true");

    const second = cards.nth(1);
    const artist = (await second.getAttribute("data-artist")) ?? "";
    expect(artist).not.toBe("");
    const feedback = page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
    await second.getByRole("button", { name: `No more ${artist}`, exact: true }).click();
    expect((await feedback).status()).toBe(200);
    await expect(page.locator(`[data-testid="recommendation"][data-artist="${artist}"]`)).toHaveCount(0);

    await page.reload();
    await expect(cards.first()).toBeVisible();
    await expect(page.locator(`[data-testid="recommendation"][data-artist="${artist}"]`)).toHaveCount(0);

    // A disliked track goes too (by its key: another track may share its title).
    const track = cards.first();
    const trackName = (await track.locator("p").first().textContent()) ?? "";
    const key = (await track.getAttribute("data-key")) ?? "";
    await track.getByRole("button", { name: `Dislike ${trackName}`, exact: true }).click();
    await expect(page.locator(`[data-testid="recommendation"][data-key="${key}"]`)).toHaveCount(0);
    await page.reload();
    await expect(cards.first()).toBeVisible();
    await expect(page.locator(`[data-testid="recommendation"][data-key="${key}"]`)).toHaveCount(0);
  });

  test("tracks go to the playlist draft and stay there", async ({ page }) => {
    await page.goto("/discover");
    const card = page.getByTestId("recommendation").first();
    const name = (await card.locator("p").first().textContent()) ?? "";
    await card.getByRole("button", { name: `Add ${name} to the playlist draft`, exact: true }).click();
    await expect(page.getByTestId("draft")).toContainText(name);
    await page.reload();
    await expect(page.getByTestId("draft")).toContainText(name);
    await page.getByRole("button", { name: "Clear the draft" }).click();
    await expect(page.getByTestId("draft")).toHaveCount(0);
  });

  test("bad parameters get problem+json", async ({ page }) => {
    const bad = await page.request.get("/api/recommendations?context=disco-inferno&novelty=2");
    expect(bad.status()).toBe(400);
    const problem = await bad.json();
    expect(problem.errors.map((error: { field: string }) => error.field).sort()).toEqual(["query.context", "query.novelty"]);
    const feedback = await page.request.post("/api/feedback", { data: { target: "album", itemId: "x", kind: "like" } });
    expect(feedback.status()).toBe(400);
  });
});
