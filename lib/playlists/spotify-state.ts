/**
 * Where a stored playlist stands on Spotify, from its sync record: one rule shared by the server
 * (is there anything to push?) and the browser (which button to offer). Pure and client-safe.
 */
import type { SpotifySync } from "./types";

/**
 * "unsaved": never pushed; "saving": a push is running (or stopped without a word: after
 * `STALE_PENDING_MS` it counts as failed); "synced": Spotify holds exactly what is shown;
 * "changed": edited since the last push; "failed": the last push stopped, with a message.
 */
export type SpotifyState = "unsaved" | "saving" | "synced" | "changed" | "failed";

/** A push records progress at least this often; a "pending" older than this was cut off. */
export const STALE_PENDING_MS = 2 * 60_000;

const time = (value: Date | string) => new Date(value).getTime();

/**
 * The state of a playlist on Spotify. Synced means the same version number and no change since
 * the content was read: undo then edit can reuse a version number with other content.
 */
export function spotifyStateOf(
  playlist: {
    version: number;
    updatedAt: Date | string;
    spotify: (Omit<SpotifySync, "updatedAt"> & { updatedAt: Date | string }) | null;
  },
  now = Date.now(),
): SpotifyState {
  const sync = playlist.spotify;
  if (!sync) return "unsaved";
  if (sync.status === "pending") return now - time(sync.updatedAt) > STALE_PENDING_MS ? "failed" : "saving";
  if (sync.status === "failed") return "failed";
  return sync.syncedVersion === playlist.version && time(playlist.updatedAt) <= time(sync.updatedAt) ? "synced" : "changed";
}
