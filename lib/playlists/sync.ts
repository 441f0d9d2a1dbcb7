import "server-only";
/**
 * "Save to Spotify" for a stored playlist: the first save creates the Spotify playlist and adds
 * the tracks in batches; a retry resumes where the last attempt stopped without adding a track
 * twice; later edits sync to the same Spotify playlist. The editor, its API and the assistant's
 * savePlaylist all save through `saveToSpotify`.
 */
import type { Listener } from "@/lib/auth";
import { getCache } from "@/lib/cache";
import { collections, getStore, playlistVersionId, type PlaylistVersionDocument } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { perProcess } from "@/lib/process-state";
import { spotifyClientFor, type SpotifyClient } from "@/lib/spotify";
import { getPlaylist, setSpotifySync } from "./playlists";
import { pushToSpotify, type PushedContent, type PushOutcome } from "./push";
import { spotifyStateOf } from "./spotify-state";
import type { Playlist } from "./types";

export type { PushOutcome as SpotifySaveOutcome } from "./push";

/** How long one save may hold the playlist's lock (a cut-off process frees it after this). */
const LOCK_SECONDS = 120;

/** Saves running in this process: a second request for the same playlist waits for the first. */
const running = perProcess("playlists.spotifySaves", () => new Map<string, Promise<PushOutcome>>());

/**
 * What Spotify holds after the last complete push, from the version it pushed, when that version
 * is still the one that was pushed (undo then edit rewrites a version number). Null: unknown.
 */
async function pushedContent(listener: Listener, playlist: Playlist): Promise<PushedContent | null> {
  const sync = playlist.spotify;
  if (!sync || sync.status !== "synced" || sync.syncedVersion === null) return null;
  const versions = (await getStore()).collection<PlaylistVersionDocument>(collections.playlistVersions);
  const pushed = await versions.findOne({ _id: playlistVersionId(playlist.id, sync.syncedVersion), userId: listener.id });
  if (!pushed || pushed.createdAt.getTime() > new Date(sync.updatedAt).getTime()) return null;
  return { name: pushed.name, description: pushed.description, uris: pushed.tracks.map((track) => track.key) };
}

async function save(listener: Listener, id: string, client: SpotifyClient | undefined): Promise<PushOutcome> {
  const cache = getCache();
  const lock = `playlists:spotify-save:${listener.id}:${id}`;
  if ((await cache.increment(lock, { ttlSeconds: LOCK_SECONDS })) > 1)
    throw new AppError("conflict", { detail: "This playlist is being saved to Spotify right now. Wait a moment, then reload the page." });
  try {
    const readAt = new Date();
    const playlist = await getPlaylist(listener, id);
    if (!playlist)
      throw new AppError("not_found", { detail: "This playlist does not exist, or it was deleted. Go back to your playlists." });
    const trackCount = playlist.tracks.length;
    if (playlist.spotify && spotifyStateOf(playlist) === "synced")
      return { spotify: playlist.spotify, tracksOnSpotify: trackCount, trackCount };
    return await pushToSpotify({
      client: client ?? spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo }),
      target: {
        id,
        version: playlist.version,
        name: playlist.name,
        description: playlist.description,
        uris: playlist.tracks.map((track) => track.key),
      },
      previous: playlist.spotify,
      pushed: await pushedContent(listener, playlist),
      record: (sync) => setSpotifySync(listener, id, sync),
      readAt,
    });
  } finally {
    await cache.delete(lock).catch(() => undefined);
  }
}

/**
 * Saves the listener's playlist to their Spotify (the demo Spotify for a demo visitor), or syncs
 * the edits made since: idempotent (an up-to-date playlist makes no Spotify call) and resumable.
 * Spotify's failures come back as a "failed" state whose message says what to do, never thrown;
 * a missing playlist is a 404 and a save already running elsewhere a 409.
 */
export function saveToSpotify(listener: Listener, id: string, options: { client?: SpotifyClient } = {}): Promise<PushOutcome> {
  const key = `${listener.id}:${id}`;
  const current = running.get(key);
  if (current) return current;
  const started = save(listener, id, options.client).finally(() => running.delete(key));
  running.set(key, started);
  return started;
}
