import type { Page } from "@playwright/test";
import { fakeSpotifyUrl } from "../playwright.config";
import { FAKE_WORLD_SEED } from "./fakes/spotify/world";
import { getDemoCatalog } from "@/lib/demo";
import { expect, test } from "./fixtures";
import { signInWithSpotify } from "./pages/sign-in";

// These share the fake Spotify's state, so they run one after another. No reset: other spec files
// may be signed in to the fake at the same time (a reset would revoke their tokens).
test.describe.configure({ mode: "serial", timeout: 240_000 });
test.use({ storageState: { cookies: [], origins: [] } });

type Logged = { method: string; path: string; status?: number };

async function fake<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${fakeSpotifyUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

const ITEMS = /^\/v1\/playlists\/[0-9A-Za-z]{22}\/items$/;
const { tracks: catalog, artistsById } = getDemoCatalog(FAKE_WORLD_SEED);

/** A stored playlist of `count` catalogue tracks, made through the app's API as the signed-in listener. */
async function createPlaylist(page: Page, name: string, count: number, from = 0): Promise<{ id: string; uris: string[] }> {
  const tracks = catalog.slice(from, from + count).map((track) => ({
    key: `spotify:track:${track.id}`,
    name: track.name,
    artistName: artistsById.get(track.artistIds[0]!)?.name ?? "Unknown artist",
  }));
  const response = await page.request.post("/api/playlists", {
    data: { name, origin: "manual", tracks, requestId: `e2e-${name.replace(/\W+/g, "-")}-${Date.now()}` },
  });
  expect(response.status(), await response.text()).toBe(201);
  const { playlist } = (await response.json()) as { playlist: { id: string } };
  return { id: playlist.id, uris: tracks.map((track) => track.key) };
}

test("saving a 150-track playlist takes exactly 2 add-items calls; a 500 on the second batch is retried to 150 unique tracks", async ({
  page,
  expectAccessible,
}) => {
  await fake("/__admin/config", { userId: `saver-${Date.now()}` });
  await signInWithSpotify(page);

  // A clean first save.
  const first = await createPlaylist(page, "One hundred and fifty", 150);
  await page.goto(`/playlists/${first.id}`);
  const actions = page.getByTestId("playlist-actions");
  await expect(actions).toHaveAttribute("data-spotify-state", "unsaved");
  await expect(actions).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  const logged = (await fake<Logged[]>("/__admin/log")).length;
  await actions.getByTestId("spotify-save").click();
  await expect(actions.getByTestId("spotify-synced")).toHaveText("Saved to Spotify", { timeout: 30_000 });
  await expect(actions.getByTestId("spotify-progress")).toHaveText("150 tracks on Spotify");
  const traffic = (await fake<Logged[]>("/__admin/log")).slice(logged);
  expect(traffic.filter((entry) => entry.method === "POST" && ITEMS.test(entry.path))).toHaveLength(2);
  expect(traffic.filter((entry) => entry.method === "PUT" && ITEMS.test(entry.path))).toHaveLength(0);
  expect(traffic.filter((entry) => entry.method === "POST" && entry.path === "/v1/me/playlists")).toHaveLength(1);
  const link = actions.getByTestId("spotify-link");
  await expect(link).toHaveAttribute("href", /^https:\/\/open\.spotify\.com\/playlist\/[0-9A-Za-z]{22}$/);
  const spotifyId = (await link.getAttribute("href"))!.split("/").pop()!;
  let onSpotify = await fake<Array<{ id: string; name: string; uris: string[] }>>("/__admin/playlists");
  expect(onSpotify.find((playlist) => playlist.id === spotifyId)?.uris).toEqual(first.uris);
  await expectAccessible();

  // The second batch fails: the editor says how far it got and offers Retry.
  const second = await createPlaylist(page, "Interrupted", 150, 300);
  await fake("/__admin/fault", { path: "/v1/playlists/", method: "POST", after: 1, times: 1, status: 500 });
  await page.goto(`/playlists/${second.id}`);
  await expect(actions).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await actions.getByTestId("spotify-save").click();
  await expect(actions.getByTestId("spotify-error")).toContainText("100 of 150 tracks are on Spotify so far", { timeout: 30_000 });
  await expect(actions).toHaveAttribute("data-spotify-state", "failed");
  await expect(actions.getByTestId("spotify-save")).toHaveText("Retry");
  await expectAccessible();
  // It stays resumable after a reload (another browser would see the same).
  await page.reload();
  await expect(actions.getByTestId("spotify-save")).toHaveText("Retry");
  await expect(actions).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await actions.getByTestId("spotify-save").click();
  await expect(actions.getByTestId("spotify-synced")).toBeVisible({ timeout: 30_000 });
  await expect(actions.getByTestId("spotify-error")).toHaveCount(0);
  const retriedId = (await actions.getByTestId("spotify-link").getAttribute("href"))!.split("/").pop()!;
  onSpotify = await fake<Array<{ id: string; name: string; uris: string[] }>>("/__admin/playlists");
  const retried = onSpotify.find((playlist) => playlist.id === retriedId)!;
  expect(retried.uris).toEqual(second.uris);
  expect(new Set(retried.uris).size).toBe(150);
  // One Spotify playlist per stored playlist: the retry did not make another.
  expect(onSpotify.filter((playlist) => playlist.name === "Interrupted")).toHaveLength(1);

  // The list of playlists links both to Spotify.
  await page.goto("/playlists");
  await expect(page.locator(`a[href="https://open.spotify.com/playlist/${spotifyId}"]`)).toBeVisible();
  await expect(page.locator(`a[href="https://open.spotify.com/playlist/${retriedId}"]`)).toBeVisible();
});

test("an edit after saving syncs to the same Spotify playlist", async ({ page }) => {
  await fake("/__admin/config", { userId: `syncer-${Date.now()}` });
  await signInWithSpotify(page);
  const created = await createPlaylist(page, "Edited later", 5, 600);
  await page.goto(`/playlists/${created.id}`);
  const actions = page.getByTestId("playlist-actions");
  await expect(actions).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await actions.getByTestId("spotify-save").click();
  await expect(actions.getByTestId("spotify-synced")).toBeVisible({ timeout: 30_000 });
  const spotifyId = (await actions.getByTestId("spotify-link").getAttribute("href"))!.split("/").pop()!;

  const rename = await page.request.get(`/api/playlists/${created.id}`);
  const { playlist } = (await rename.json()) as { playlist: { version: number } };
  const edited = await page.request.patch(`/api/playlists/${created.id}`, {
    data: { baseVersion: playlist.version, edit: { op: "remove", key: created.uris[0] } },
  });
  expect(edited.ok(), await edited.text()).toBe(true);
  await page.reload();
  await expect(actions).toHaveAttribute("data-spotify-state", "changed");
  await expect(actions).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await actions.getByTestId("spotify-save").click();
  await expect(actions.getByTestId("spotify-synced")).toBeVisible({ timeout: 30_000 });
  const onSpotify = await fake<Array<{ id: string; uris: string[] }>>("/__admin/playlists");
  expect(onSpotify.find((candidate) => candidate.id === spotifyId)?.uris).toEqual(created.uris.slice(1));
});
