import { fakeSpotifyUrl } from "../playwright.config";
import { FAKE_WORLD_SEED } from "./fakes/spotify/world";
import { getDemoCatalog } from "@/lib/demo";
import { expect, test } from "./fixtures";
import { signInWithSpotify } from "./pages/sign-in";

// These share the fake Spotify's state, so they run one after another. No reset: other spec files
// may be signed in to the fake at the same time (a reset would revoke their tokens); the player's
// devices and plan are put back as they were after the test.
test.describe.configure({ mode: "serial", timeout: 240_000 });
test.use({ storageState: { cookies: [], origins: [] } });

async function fake<T = unknown>(path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${fakeSpotifyUrl}${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, path).toBe(true);
  return (await response.json()) as T;
}

const LAPTOP = { id: "5fbb3ba6aa454b5534c4ba43a8c7e8e45a63ad0e", name: "Nova's MacBook", type: "Computer", volume_percent: 64 };
const PHONE = {
  id: "c2a8e8f0b6d24f1e9a3b7c5d4e6f8a0b1c2d3e4f",
  name: "Nova's Pixel",
  type: "Smartphone",
  volume_percent: 100,
  supports_volume: false,
};

test.afterAll(async () => {
  await fake("/__admin/devices", { devices: [LAPTOP, PHONE], activeDeviceId: null, product: "premium" });
});

test("playing a playlist on a device: no active device and Premium required say what to do; then it plays", async ({
  page,
  expectAccessible,
}) => {
  await fake("/__admin/config", { userId: `player-ui-${Date.now()}` });
  await signInWithSpotify(page);
  const { tracks, artistsById } = getDemoCatalog(FAKE_WORLD_SEED);
  const chosen = tracks.slice(40, 43);
  const created = await page.request.post("/api/playlists", {
    data: {
      name: "Play me",
      origin: "manual",
      requestId: `e2e-play-${Date.now()}`,
      tracks: chosen.map((track) => ({
        key: `spotify:track:${track.id}`,
        name: track.name,
        artistName: artistsById.get(track.artistIds[0]!)?.name ?? "Unknown artist",
      })),
    },
  });
  expect(created.status()).toBe(201);
  const { playlist } = (await created.json()) as { playlist: { id: string } };

  // Spotify is open nowhere: no device to pick, and Play says how to get one.
  await fake("/__admin/devices", { devices: [], activeDeviceId: null });
  await page.goto(`/playlists/${playlist.id}`);
  await expect(page.getByTestId("playlist-actions")).toHaveAttribute("data-hydrated", "true", { timeout: 60_000 });
  await page.getByTestId("show-player").click();
  const player = page.getByTestId("player-controls");
  await expect(player.getByTestId("no-devices")).toBeVisible();
  await player.getByTestId("player-play").click();
  await expect(player.getByTestId("player-error")).toContainText(
    "Open Spotify on a phone, computer or speaker, start any song, then try again.",
  );
  await expectAccessible();

  // A free account: Spotify refuses remote control, and the player says so.
  await fake("/__admin/devices", { devices: [LAPTOP], product: "free" });
  await player.getByRole("button", { name: "Refresh devices" }).click();
  await expect(player.getByTestId("device-picker")).toHaveValue(LAPTOP.id);
  await player.getByTestId("player-play").click();
  await expect(player.getByTestId("player-error")).toContainText("Spotify only lets Premium accounts be controlled by other apps.");

  // Premium, and a device picked: it plays there, then pauses.
  await fake("/__admin/devices", { product: "premium" });
  await player.getByTestId("player-play").click();
  await expect(player.getByTestId("player-status")).toHaveText("Playing “Play me”.");
  await expect(player.getByTestId("player-error")).toHaveCount(0);
  let state = await fake<{ player: { trackId: string; isPlaying: boolean }; devices: Array<{ id: string; is_active: boolean }> }>(
    "/__admin/player",
  );
  expect(state.player).toMatchObject({ trackId: chosen[0]!.id, isPlaying: true });
  expect(state.devices.find((device) => device.id === LAPTOP.id)?.is_active).toBe(true);
  await expect(player.getByTestId("now-playing")).toContainText(chosen[0]!.name);
  await player.getByRole("button", { name: "Pause" }).click();
  await expect(player.getByTestId("player-status")).toHaveText("Paused.");
  state = await fake("/__admin/player");
  expect(state.player.isPlaying).toBe(false);
});
