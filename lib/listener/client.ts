/**
 * The browser's side of the listener's settings: the choices Settings offers, and the two
 * requests it makes (`PATCH /api/me/settings`, `DELETE /api/me/spotify`).
 */
import { fetchJson } from "@/lib/http/client";
import type { SettingsPatch, SettingsView } from "./settings";

export {
  canonicalTimeZone,
  describeTimeZone,
  formatThreshold,
  RECENT_DAYS_CHOICES,
  RECENT_DAYS_MAX,
  THRESHOLD_BOUNDS_MS,
  THRESHOLD_CHOICES_S,
  timeZoneChoices,
  type SettingsPatch,
  type SettingsView,
  type TimeZoneSource,
} from "./settings";

/** Saves a change and returns every setting as stored. The same change twice leaves the same settings, so a retry is safe. */
export function saveSettings(patch: SettingsPatch): Promise<{ settings: SettingsView; timeZoneAdopted: boolean }> {
  return fetchJson("/api/me/settings", {
    method: "PATCH",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(patch),
    fallback: "Your settings could not be saved. Try again.",
  });
}

/** Forgets the listener's Spotify tokens on the server (the caller signs out next). */
export async function disconnectSpotifyAccount(): Promise<void> {
  await fetchJson("/api/me/spotify", { method: "DELETE", fallback: "Spotify could not be disconnected. Try again." });
}
