import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// One listener's feedback changes their next results: these run in order, not side by side.
// Each test walks several pages on two shared cores: a minute each.
test.describe.configure({ mode: "serial", timeout: 60_000 });

const cards = (page: Page) => page.getByTestId("recommendation");
const keysOf = (page: Page) => cards(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-key") ?? ""));
const chip = (page: Page, name: string) => page.getByRole("button", { name, exact: true });
/** Waits for the picks of the URL's mix: the API answered and the list is no longer the previous one. */
async function picksFor(page: Page, context: string, click: () => Promise<void>) {
  const answered = page.waitForResponse(
    (response) => response.url().includes("/api/recommendations?") && new URL(response.url()).searchParams.get("context") === context,
  );
  await click();
  expect((await answered).status()).toBe(200);
  await expect(page.getByTestId("recommendations")).not.toHaveAttribute("aria-busy", "true");
  await expect(cards(page).first()).toBeVisible();
}

test.describe("discover", () => {
  test("cards explain themselves; a context narrows the mix and lives in the URL", async ({ page, expectAccessible }) => {
    await page.goto("/discover");
    await expect(cards(page).first()).toBeVisible();
    expect(await cards(page).count()).toBeGreaterThanOrEqual(8);
    for (const why of await page.getByTestId("why").allTextContents()) expect(why.length).toBeGreaterThan(20);

    // Diversity: no artist more than twice in the list.
    const artists = await cards(page).evaluateAll((items) => items.map((item) => item.getAttribute("data-artist")));
    const counts = new Map<string, number>();
    for (const artist of artists) counts.set(artist ?? "", (counts.get(artist ?? "") ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2);

    await chip(page, "80s").click();
    await expect(page).toHaveURL(/[?&]context=1980s/);
    await expect(chip(page, "80s")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("recommendations")).not.toHaveAttribute("aria-busy", "true");
    await expect(cards(page).first()).toBeVisible();
    await expect(page.getByTestId("why").first()).toContainText("Released in 198");
    await expectAccessible();
  });

  test("chips combine one per group, live in the URL, and a mood plus an activity changes at least half the list", async ({ page }) => {
    await page.goto("/discover");
    await expect(cards(page).first()).toBeVisible();
    const plain = await keysOf(page);
    expect(plain.length).toBe(20);

    await picksFor(page, "chill", () => chip(page, "Chill").click());
    await picksFor(page, "chill,workout", () => chip(page, "Workout").click());
    await expect(page).toHaveURL(/[?&]context=chill,workout(&|$)/);
    await expect(chip(page, "Chill")).toHaveAttribute("aria-pressed", "true");
    await expect(chip(page, "Workout")).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByTestId("chosen-contexts")).toContainText("Chill + Workout");
    const mixed = await keysOf(page);
    const kept = mixed.filter((key) => plain.includes(key)).length;
    expect(kept, `${kept} of ${plain.length} picks are the same with Chill + Workout as with no context`).toBeLessThanOrEqual(
      plain.length / 2,
    );

    // Another mood replaces Chill and keeps Workout; a chosen chip clears itself.
    await picksFor(page, "happy,workout", () => chip(page, "Happy").click());
    await expect(chip(page, "Chill")).toHaveAttribute("aria-pressed", "false");
    await expect(chip(page, "Happy")).toHaveAttribute("aria-pressed", "true");
    await expect(chip(page, "Workout")).toHaveAttribute("aria-pressed", "true");
    await picksFor(page, "happy", () => chip(page, "Workout").click());
    await expect(chip(page, "Workout")).toHaveAttribute("aria-pressed", "false");

    // Back goes to the previous mix, and the mix is a link.
    await page.goBack();
    await expect(page).toHaveURL(/[?&]context=happy,workout(&|$)/);
    await expect(chip(page, "Workout")).toHaveAttribute("aria-pressed", "true");
    await page.goto("/discover?context=chill,evening");
    await expect(chip(page, "Chill")).toHaveAttribute("aria-pressed", "true");
    await expect(chip(page, "Evening")).toHaveAttribute("aria-pressed", "true");
    await expect(cards(page).first()).toBeVisible();
  });

  test("every action on a pick has its words and a name, reachable by keyboard; Open in Spotify searches for the demo track", async ({
    page,
    shell,
  }) => {
    await page.goto("/discover");
    const card = cards(page).first();
    await expect(card).toBeVisible();
    const name = (await card.getByTestId("pick-name").textContent()) ?? "";
    const artist = (await card.getAttribute("data-artist")) ?? "";
    for (const [label, words] of [
      [`Like ${name}`, "Like"],
      [`Not now: ${name}`, "Not now"],
      [`No more of this artist: ${artist}`, "No more of this artist"],
      [`More like this: ${name}`, "More like this"],
      [`Add to draft: ${name}`, "Add to draft"],
    ] as const) {
      const button = card.getByRole("button", { name: label, exact: true });
      await expect(button).toBeVisible();
      await expect(button).toHaveText(words);
    }
    await expect(card.getByRole("button", { name: `Like ${name}`, exact: true })).toHaveAttribute("aria-pressed", /^(true|false)$/);

    const open = card.getByRole("link", { name: `Open in Spotify: ${name} (opens in a new tab)`, exact: true });
    await expect(open).toHaveText("Open in Spotify");
    // The demo catalogue's ids are made up: a search for artist and title, never a track page.
    await expect(open).toHaveAttribute("href", `https://open.spotify.com/search/${encodeURIComponent(`${artist} ${name}`)}`);
    await expect(open).toHaveAttribute("target", "_blank");
    await expect(open).toHaveAttribute("rel", "noopener noreferrer");
    // Demo tracks have no audio, so no preview button pretends otherwise.
    await expect(card.getByRole("button", { name: /^Play preview/ })).toHaveCount(0);

    // Keyboard: Tab reaches Like, with a visible focus ring.
    const like = card.getByRole("button", { name: `Like ${name}`, exact: true });
    await shell.tabTo(like, 80);
    await expect(like).toBeFocused();
    expect(await like.evaluate((element) => getComputedStyle(element).boxShadow)).not.toBe("none");
  });

  test("a like survives a reload, shows in Settings, and is taken back there and on Discover", async ({ page, expectAccessible }) => {
    await page.goto("/discover");
    const first = cards(page).first();
    await expect(first).toBeVisible();
    const key = (await first.getAttribute("data-key")) ?? "";
    const name = (await first.getByTestId("pick-name").textContent()) ?? "";
    const card = page.locator(`[data-testid="recommendation"][data-key="${key}"]`);
    const like = card.getByRole("button", { name: `Like ${name}`, exact: true });
    const saved = page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
    await like.click();
    expect((await saved).status()).toBe(200);
    await expect(like).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    await expect(like).toHaveAttribute("aria-pressed", "true");

    // Settings lists it, with an undo that works from the keyboard.
    await page.goto("/settings");
    const likes = page.getByTestId("liked-tracks");
    await expect(likes).toContainText(name);
    const takeBack = likes.getByRole("button", { name: `Take back the like for ${name}`, exact: true });
    await expectAccessible();
    const undone = page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
    await takeBack.focus();
    await page.keyboard.press("Enter");
    expect((await undone).status()).toBe(200);
    await expect(likes).toContainText("No likes yet");

    await page.goto("/discover");
    await expect(like).toHaveAttribute("aria-pressed", "false");
    // Pressed again on Discover, and pressed once more to take it back. The like's own response
    // first: pressed shows at once, and the unlike's response must not be taken for the like's.
    const liked = page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
    await like.click();
    await expect(like).toHaveAttribute("aria-pressed", "true");
    expect((await liked).status()).toBe(200);
    const unliked = page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");
    await like.click();
    expect((await unliked).status()).toBe(200);
    await expect(like).toHaveAttribute("aria-pressed", "false");
    await page.reload();
    await expect(like).toHaveAttribute("aria-pressed", "false");
  });

  test("no more of an artist hides them, Undo brings them back, and Settings lists the block with an undo", async ({ page }) => {
    await page.goto("/discover");
    await expect(cards(page).first()).toBeVisible();
    const artist = (await cards(page).nth(1).getAttribute("data-artist")) ?? "";
    expect(artist).not.toBe("");
    const byArtist = page.locator(`[data-testid="recommendation"][data-artist="${artist}"]`);
    const post = () =>
      page.waitForResponse((response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST");

    let saved = post();
    await cards(page)
      .nth(1)
      .getByRole("button", { name: `No more of this artist: ${artist}`, exact: true })
      .click();
    expect((await saved).status()).toBe(200);
    await expect(byArtist).toHaveCount(0);
    // Focus moves from the gone card to Undo: one Enter takes it back.
    await expect(page.getByTestId("undo-bar").getByRole("button", { name: "Undo", exact: true })).toBeFocused();
    saved = post();
    await page.keyboard.press("Enter");
    expect((await saved).status()).toBe(200);
    await expect(byArtist.first()).toBeVisible();

    // Blocked for good this time: gone after a reload, listed in Settings, allowed again from there.
    saved = post();
    await byArtist
      .first()
      .getByRole("button", { name: `No more of this artist: ${artist}`, exact: true })
      .click();
    expect((await saved).status()).toBe(200);
    await page.reload();
    await expect(cards(page).first()).toBeVisible();
    await expect(byArtist).toHaveCount(0);

    await page.goto("/settings");
    const blocked = page.getByTestId("blocked-artists");
    await expect(blocked).toContainText(artist);
    saved = post();
    await blocked.getByRole("button", { name: `Allow again: ${artist}`, exact: true }).click();
    expect((await saved).status()).toBe(200);
    await expect(blocked).toContainText("No artists blocked");
    await page.goto("/discover");
    await expect(byArtist.first()).toBeVisible();
  });

  test("'not now' hides a track by its key, after a reload too, until it is shown again", async ({ page }) => {
    await page.goto("/discover");
    const track = cards(page).first();
    await expect(track).toBeVisible();
    const name = (await track.getByTestId("pick-name").textContent()) ?? "";
    const key = (await track.getAttribute("data-key")) ?? "";
    const artist = (await track.getAttribute("data-artist")) ?? "";
    const byKey = page.locator(`[data-testid="recommendation"][data-key="${key}"]`);
    const snoozedNow = page.waitForResponse(
      (response) => response.url().endsWith("/api/feedback") && response.request().method() === "POST",
    );
    await track.getByRole("button", { name: `Not now: ${name}`, exact: true }).click();
    await expect(byKey).toHaveCount(0);
    // Hidden at once; the reload only once the server has it (a reload cuts off a request in flight).
    expect((await snoozedNow).status()).toBe(200);
    await page.reload();
    await expect(cards(page).first()).toBeVisible();
    await expect(byKey).toHaveCount(0);

    await page.goto("/settings");
    const snoozed = page.getByTestId("snoozed-tracks");
    await expect(snoozed).toContainText(name);
    await snoozed.getByRole("button", { name: `Show again: ${name}`, exact: true }).click();
    await expect(snoozed).toContainText("Nothing hidden");

    // A track dislike (no longer offered on Discover, but earlier ones count) is listed while there is one.
    await expect(page.getByTestId("disliked-tracks")).toHaveCount(0);
    const disliked = await page.request.post("/api/feedback", { data: { target: "track", itemId: key, kind: "dislike", name, artist } });
    expect(disliked.status()).toBe(200);
    await page.reload();
    const dislikes = page.getByTestId("disliked-tracks");
    await expect(dislikes).toContainText(name);
    await dislikes.getByRole("button", { name: `Take back the dislike for ${name}`, exact: true }).click();
    await expect(dislikes).toHaveCount(0);
  });

  test("more like this starts from the pick, lives in the URL, and Back to all picks returns", async ({ page }) => {
    await page.goto("/discover");
    const card = cards(page).first();
    await expect(card).toBeVisible();
    const name = (await card.getByTestId("pick-name").textContent()) ?? "";
    const key = (await card.getAttribute("data-key")) ?? "";
    const answered = page.waitForResponse(
      (response) => response.url().includes("/api/recommendations?") && new URL(response.url()).searchParams.get("seed") === key,
    );
    await card.getByRole("button", { name: `More like this: ${name}`, exact: true }).click();
    expect((await answered).status()).toBe(200);
    await expect.poll(() => new URL(page.url()).searchParams.get("seed")).toBe(key);
    await expect(page.getByTestId("seed-banner")).toContainText(`More like ${name}`);
    await page.getByRole("button", { name: "Back to all picks", exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("seed")).toBeNull();
    await expect(page.getByTestId("seed-banner")).toHaveCount(0);
  });

  test("tracks go to the playlist draft and stay there", async ({ page }) => {
    await page.goto("/discover");
    const card = cards(page).first();
    const name = (await card.getByTestId("pick-name").textContent()) ?? "";
    await card.getByRole("button", { name: `Add to draft: ${name}`, exact: true }).click();
    await expect(page.getByTestId("draft")).toContainText(name);
    await page.reload();
    await expect(page.getByTestId("draft")).toContainText(name);
    await page.getByRole("button", { name: "Clear the draft" }).click();
    await expect(page.getByTestId("draft")).toHaveCount(0);
  });

  test("on a phone the picks fit the screen and pass the accessibility check, in dark mode too", async ({ page, expectAccessible }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/discover");
    await expect(cards(page).first()).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible();
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
