import { fakeSpotifyUrl } from "../playwright.config";
import { PUBLIC_LISTENER_ARTISTS, publicListenerExport } from "./fakes/spotify/public-artists";
import { FAKE_WORLD_SEED } from "./fakes/spotify/world";
import { expect, test } from "./fixtures";
import { signInWithSpotify } from "./pages/sign-in";

// A Spotify deployment has a handful of listeners: the collaborative picks for a real listener come
// from the pretrained public model, folded in from the artists their history names.
test.describe.configure({ mode: "serial", timeout: 120_000 });
test.use({ storageState: { cookies: [], origins: [] } });

test("a Spotify listener whose artists are in the public data gets its picks, explained, and genres", async ({
  page,
  expectAccessible,
}) => {
  await fetch(`${fakeSpotifyUrl}/__admin/reset`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  await fetch(`${fakeSpotifyUrl}/__admin/config`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    // This account's app has extended quota: tracks carry 30-second previews (the fake's are 3 s of silence).
    body: JSON.stringify({ userId: `indie-${Date.now()}`, previews: true }),
  });
  await signInWithSpotify(page);

  const rows = publicListenerExport(Date.now(), FAKE_WORLD_SEED);
  await page.goto("/import");
  await page.getByTestId("import-input").setInputFiles({
    name: "Streaming_History_Audio_2025-2026_0.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(rows)),
  });
  await expect(page.getByTestId("import-report")).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId("report-imported")).toHaveText(rows.length.toLocaleString("en"));

  // At the "new" end every pick is new to the listener: the public model's artists, each explained.
  await page.goto("/discover?novelty=100");
  const cards = page.getByTestId("recommendation");
  await expect(cards.first()).toBeVisible({ timeout: 60_000 });
  const texts = await page.getByTestId("why").allInnerTexts();
  const explained = texts.filter((text) =>
    /Listeners who play (.+) also play (.+) \(based on 12 of your 12 artists that other listeners share\)/.test(text),
  );
  expect(explained.length).toBeGreaterThanOrEqual(5);
  for (const text of explained) {
    const [, because] = /Listeners who play (.+?) also play/.exec(text)!;
    expect(PUBLIC_LISTENER_ARTISTS as readonly string[]).toContain(because);
  }
  // None of the listener's own artists is offered as new.
  for (const text of texts) for (const artist of PUBLIC_LISTENER_ARTISTS) expect(text).not.toContain(`also play ${artist} (`);
  await expectAccessible();

  // A preview plays one at a time, shows its progress, and goes back to idle at its end.
  const first = cards.first();
  const name = await first.getByTestId("pick-name").innerText();
  await first.getByRole("button", { name: `Play preview: ${name}` }).click();
  await expect(first.getByRole("button", { name: `Pause preview: ${name}` })).toBeVisible();
  await expect(first.getByRole("progressbar", { name: `Preview of ${name}` })).toBeVisible();
  await expect(first.getByRole("button", { name: `Play preview: ${name}` })).toBeVisible({ timeout: 10_000 });
  await expect(first.getByRole("progressbar")).toHaveCount(0);
  await expect(cards.nth(1).getByRole("link", { name: /^Open in Spotify: / })).toHaveAttribute(
    "href",
    /^https:\/\/open\.spotify\.com\/track\/[0-9A-Za-z]{22}$/,
  );

  // Genres come from listener tags in the public data, with how much of the listening they cover.
  await page.goto("/dashboard?range=all");
  await expect(page.getByTestId("genre-coverage")).toContainText("Genre known for 100% of plays");
  await expect(page.getByRole("heading", { name: "Top genres", exact: true })).toBeVisible();
  await expect(page.getByText(/^Top genre: (alternative|indie|rock|alternative rock|indie rock|britpop|post-punk)\.$/)).toBeAttached();
});
