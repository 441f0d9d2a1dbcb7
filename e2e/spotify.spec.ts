import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CRON_SECRET, fakeGeminiUrl, fakeSpotifyUrl } from "../playwright.config";
import { FAKE_WORLD_SEED } from "./fakes/spotify/world";
import { getDemoCatalog } from "@/lib/demo";
import { expect, test } from "./fixtures";
import { signInWithSpotify } from "./pages/sign-in";

// These share the fake Spotify's state, so they run one after another.
test.describe.configure({ mode: "serial", timeout: 60_000 });
test.use({ storageState: { cookies: [], origins: [] } });

async function fake(path: string, body?: unknown) {
  const response = await fetch(`${fakeSpotifyUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.json();
}

type Logged = { method: string; path: string; query: Record<string, string>; form?: Record<string, string> };

test.beforeEach(async () => {
  await fake("/__admin/reset", {});
});

test("sign in with Spotify lands in the app under the Spotify name, via a 127.0.0.1 redirect_uri", async ({
  page,
  baseURL,
  expectAccessible,
}) => {
  // A Spotify account EchoTune has never seen (other specs import as the default one).
  await fake("/__admin/config", { userId: `nova-${Date.now()}` });
  await signInWithSpotify(page);
  // baseURL is APP_URL, on 127.0.0.1 (E2E_PORT, 3000 by default).
  await expect(page).toHaveURL(`${baseURL}/dashboard`);
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  // A new listener has no plays yet: the dashboard says how to get some, not empty charts.
  await expect(page.getByTestId("empty-state")).toContainText("No listening history yet");
  await expect(page.getByRole("link", { name: "Import your Spotify history" })).toBeVisible();
  await expectAccessible();

  const log = (await fake("/__admin/log")) as Logged[];
  const authorize = log.find((entry) => entry.path === "/authorize");
  expect(authorize?.query.redirect_uri).toBe(`${baseURL}/api/auth/callback/spotify`);
  expect(authorize?.query.code_challenge_method).toBe("S256");
  expect(authorize?.query.scope).toContain("user-read-recently-played");
  const exchange = log.find((entry) => entry.path === "/api/token" && entry.form?.grant_type === "authorization_code");
  expect(exchange?.form?.redirect_uri).toBe(`${baseURL}/api/auth/callback/spotify`);

  await page.goto("/settings");
  await expect(page.getByTestId("account-description")).toContainText("Signed in with Spotify as Nova Listener");
});

test("an access token about to expire is refreshed without the listener noticing", async ({ page }) => {
  // Tokens that live 61 s are inside the 60 s refresh margin almost at once.
  await fake("/__admin/config", { accessTokenTtlSeconds: 61 });
  await signInWithSpotify(page);
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  await page.waitForTimeout(1_500);
  await page.goto("/discover");
  await expect(page.getByRole("heading", { level: 1, name: "Discover" })).toBeVisible();
  await expect(page.getByTestId("reconnect-banner")).toHaveCount(0);
  const log = (await fake("/__admin/log")) as Logged[];
  expect(log.filter((entry) => entry.path === "/api/token" && entry.form?.grant_type === "refresh_token").length).toBeGreaterThanOrEqual(1);
});

test("a revoked refresh token leads to a reconnect prompt, and reconnecting clears it", async ({ page, expectAccessible }) => {
  await fake("/__admin/config", { accessTokenTtlSeconds: 61 });
  await signInWithSpotify(page);
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  await fake("/__admin/revoke-refresh-tokens", {});
  await page.waitForTimeout(1_500);
  await page.goto("/dashboard");
  await expect(page.getByTestId("reconnect-banner")).toBeVisible();
  await expect(page.getByTestId("reconnect-banner")).toContainText("Spotify disconnected EchoTune");
  await expectAccessible();
  // Still signed in and usable: no crash, no redirect loop.
  await page.goto("/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();

  await page.getByTestId("reconnect").click();
  await page.getByRole("button", { name: "Agree" }).click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByTestId("reconnect-banner")).toHaveCount(0);
});

test("declining on Spotify says so clearly", async ({ page, expectAccessible }) => {
  await signInWithSpotify(page, "Cancel");
  await expect(page).toHaveURL(/\/sign-in\?error=AccessDenied$/);
  await expect(page.getByTestId("sign-in-error")).toContainText("You declined access on Spotify");
  await expectAccessible();
});

test("no access or refresh token reaches the browser: pages, API answers or client bundles", async ({ page }) => {
  await fake("/__admin/config", { accessTokenTtlSeconds: 61 });
  await signInWithSpotify(page);
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  await page.waitForTimeout(1_500);
  await page.goto("/dashboard"); // refreshes, so rotated and refreshed tokens are in the set too
  const tokens = (await fake("/__admin/tokens")) as string[];
  expect(tokens.length).toBeGreaterThanOrEqual(3);

  const seen: string[] = [];
  for (const path of ["/dashboard", "/discover", "/settings", "/api/me", "/api/auth/session", "/api/health"]) {
    const response = await page.request.get(path);
    seen.push(`${path}\n${await response.text()}`);
  }
  seen.push(await page.content());
  seen.push(JSON.stringify(await page.context().cookies()));
  seen.push(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage })));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
  for (const file of files(".next/static")) if (file.endsWith(".js")) seen.push(readFileSync(file, "utf8"));

  for (const token of tokens) {
    for (const text of seen) expect(text.includes(token), `token ${token.slice(0, 12)}… leaked`).toBe(false);
  }
  // The session the browser can read names the listener and nothing secret.
  const session = await (await page.request.get("/api/auth/session")).json();
  expect(Object.keys(session).sort()).toEqual(["expires", "isDemo", "user", "userId"]);
});

test("the assistant's playlist asks for approval, and approving saves exactly the tracks shown to Spotify", async ({
  page,
  expectAccessible,
}) => {
  await fake("/__admin/config", { userId: `mix-${Date.now()}` });
  await signInWithSpotify(page);
  // Three real songs of the catalogue (titles nobody else has) and one the model made up.
  const catalog = getDemoCatalog(FAKE_WORLD_SEED);
  const titleCount = new Map<string, number>();
  for (const track of catalog.tracks) titleCount.set(track.name, (titleCount.get(track.name) ?? 0) + 1);
  const real = catalog.tracks.filter((track) => titleCount.get(track.name) === 1).slice(40, 43);
  const songs = real.map((track) => ({ title: track.name, artist: catalog.artistsById.get(track.artistIds[0]!)!.name }));
  const question = "Build me a road trip playlist with a few songs";
  const scripted = await fetch(`${fakeGeminiUrl}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      replies: [
        {
          match: question,
          type: "functionCall",
          name: "buildPlaylist",
          args: { name: "Road trip", tracks: [...songs, { title: "Highway Of Invented Dreams", artist: "Nobody At All" }] },
        },
      ],
    }),
  });
  expect(scripted.ok).toBe(true);

  await page.goto("/assistant");
  await page.getByRole("textbox", { name: "Message" }).fill(question);
  await page.getByRole("button", { name: "Send", exact: true }).click();
  const card = page.getByTestId("approval-card");
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByTestId("approval-track")).toHaveCount(3);
  for (const song of songs) await expect(card).toContainText(song.title);
  await expect(page.getByTestId("track-card").filter({ hasText: "Highway Of Invented Dreams" })).toHaveCount(0);
  await expectAccessible();
  const shown = await card.getByTestId("approval-track").evaluateAll((items) => items.map((item) => item.getAttribute("data-key")));

  await card.getByRole("button", { name: "Save to Spotify", exact: true }).click();
  const open = page.getByRole("link", { name: "Open in Spotify" });
  await expect(open).toBeVisible({ timeout: 30_000 });
  const playlistId = (await open.getAttribute("href"))!.split("/").at(-1)!;

  // On the fake Spotify: the playlist holds exactly the approved tracks, in order.
  const tokens = (await fake("/__admin/tokens")) as string[];
  let uris: string[] | null = null;
  for (const token of tokens) {
    const response = await fetch(`${fakeSpotifyUrl}/v1/playlists/${playlistId}/items`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) continue;
    const page = (await response.json()) as { items: Array<{ item?: { uri: string }; track?: { uri: string } }> };
    uris = page.items.map((entry) => (entry.item ?? entry.track)!.uri);
    break;
  }
  expect(uris).toEqual(shown);
  // The songs named, not their remasters.
  expect(uris).toEqual(real.map((track) => `spotify:track:${track.id}`));
});

test("the assistant says plainly when playback needs an active device, or Premium", async ({ page }) => {
  await fake("/__admin/config", { userId: `player-${Date.now()}` });
  await signInWithSpotify(page);
  const track = getDemoCatalog(FAKE_WORLD_SEED).tracks[10]!;
  const ask = async (question: string) => {
    const scripted = await fetch(`${fakeGeminiUrl}/__admin/script`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        replies: [
          { match: question, type: "functionCall", name: "playback", args: { action: "play", trackKeys: [`spotify:track:${track.id}`] } },
        ],
      }),
    });
    expect(scripted.ok).toBe(true);
    await page.getByRole("textbox", { name: "Message" }).fill(question);
    await page.getByRole("button", { name: "Send", exact: true }).click();
    // Playback waits for the listener's yes.
    const approval = page.getByTestId("playback-approval").last();
    await expect(approval).toHaveAttribute("data-state", "approval-requested", { timeout: 30_000 });
    await approval.getByRole("button", { name: "Play", exact: true }).click();
  };

  await page.goto("/assistant");
  await fake("/__admin/devices", { devices: [], activeDeviceId: null });
  await ask("Play my song now, on whatever device");
  await expect(page.getByTestId("playback-card").last()).toHaveAttribute("data-problem", "no-active-device", { timeout: 30_000 });
  await expect(page.getByTestId("playback-card").last()).toContainText("Open Spotify on a phone, computer or speaker, start any song");

  await fake("/__admin/devices", { product: "free" });
  await ask("Play my song now, second attempt");
  await expect(page.getByTestId("playback-card")).toHaveCount(2, { timeout: 30_000 });
  await expect(page.getByTestId("playback-card").last()).toHaveAttribute("data-problem", "premium-required");
  await expect(page.getByTestId("playback-card").last()).toContainText("Premium");
});

test("a Spotify 429 storm during sync shows as a pause in Settings, not an error or missing data", async ({ page, expectAccessible }) => {
  await fake("/__admin/config", { userId: `storm-${Date.now()}` });
  await signInWithSpotify(page);
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  await fake("/__admin/fault", { path: "/v1/me/player/recently-played", status: 429, retryAfter: 600, times: 1_000 });
  // The quarter-hour sync, as Vercel Cron runs it.
  const cron = await page.request.get("/api/cron/sync", { headers: { authorization: `Bearer ${CRON_SECRET}` } });
  expect(cron.status()).toBe(200);
  expect(((await fake("/__admin/log")) as Logged[]).some((entry) => entry.path === "/v1/me/player/recently-played")).toBe(true);

  await page.goto("/settings");
  const state = page.getByTestId("spotify-sync-state");
  await expect(state).toHaveAttribute("data-state", "paused");
  await expect(state).toContainText("Sync paused.");
  await expect(state).toContainText("nothing is lost");
  await expect(page.getByTestId("spotify-connection")).toHaveAttribute("data-status", "active");
  await expectAccessible();
  // The rest of the app carries on: no error page, no reconnect prompt.
  await page.goto("/dashboard");
  await expect(page.getByTestId("listener-name")).toHaveText("Nova Listener");
  await expect(page.getByTestId("reconnect-banner")).toHaveCount(0);
  await expect(page.getByTestId("service-unavailable")).toHaveCount(0);
});
