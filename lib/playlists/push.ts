/**
 * Pushing one playlist version to Spotify, given a Spotify client and a way to record progress:
 * the algorithm behind "Save to Spotify", kept free of the store so it can be tested against any
 * client. It is idempotent and resumable: the Spotify playlist is created once (its id recorded
 * at once, and a marker in its description finds it again if that record was lost), a first save
 * that stopped midway reads back what Spotify holds and adds only the rest, and a later edit
 * replaces the items of the same playlist.
 */
import {
  PLAYLIST_BATCH,
  ReconnectRequiredError,
  SpotifyRateLimitedError,
  SpotifyRequestError,
  SpotifyUnavailableError,
  type SpotifyClient,
} from "@/lib/spotify";
import type { SpotifySync } from "./types";

/** What to push: our playlist's id and the content of one version. */
export interface PushTarget {
  id: string;
  version: number;
  name: string;
  description: string;
  uris: string[];
}

/** The content Spotify held after the last complete push, when known: what a later push compares with. */
export interface PushedContent {
  name: string;
  description: string;
  uris: string[];
}

export interface PushOutcome {
  spotify: SpotifySync;
  /** Tracks of this version known to be on Spotify now (all of them once synced). */
  tracksOnSpotify: number;
  trackCount: number;
}

/** Spotify's limit on a playlist description. */
const DESCRIPTION_MAX = 300;
/** /me/playlists pages read to find a playlist a lost record created (newest first): 100 playlists. */
const MARKER_PAGES = 2;

/** The tag at the end of the description that finds the Spotify playlist again if its record was lost. */
export const spotifyMarker = (id: string) => `EchoTune #${id}`;

/** The description sent to Spotify: the listener's, shortened if needed, then the marker. */
export function spotifyDescription(description: string, id: string): string {
  const marker = `Made with ${spotifyMarker(id)}`;
  const text = description.trim();
  if (!text) return marker;
  const room = DESCRIPTION_MAX - marker.length - 3;
  return `${text.length > room ? `${text.slice(0, room - 1).trimEnd()}…` : text} · ${marker}`;
}

/** https://open.spotify.com/playlist/<id> for a real playlist; the demo Spotify has nothing to open. */
function urlOf(playlist: { id: string; url: string }): string | null {
  return /^https:\/\//.test(playlist.url) ? playlist.url : null;
}

const isNotFound = (error: unknown) => error instanceof SpotifyRequestError && error.status === 404;

async function findByMarker(client: SpotifyClient, id: string) {
  const marker = spotifyMarker(id);
  for (let page = 0; page < MARKER_PAGES; page++) {
    const { items, hasMore } = await client.myPlaylists({ limit: 50, offset: page * 50 });
    const found = items.find((playlist) => playlist.description.includes(marker));
    if (found) return found;
    if (!hasMore) break;
  }
  return null;
}

async function readItems(client: SpotifyClient, spotifyId: string): Promise<string[]> {
  const uris: string[] = [];
  for (let offset = 0; ; offset += 50) {
    const page = await client.playlistItems(spotifyId, { limit: 50, offset });
    uris.push(...page.items.map((track) => track.uri));
    if (!page.hasMore || page.items.length === 0) return uris;
  }
}

const isPrefix = (head: readonly string[], of: readonly string[]) =>
  head.length <= of.length && head.every((uri, index) => uri === of[index]);

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && isPrefix(a, b);

const tracks = (count: number) => `${count} ${count === 1 ? "track" : "tracks"}`;

/** What went wrong, in words a listener understands, with what to do. */
export function syncErrorMessage(error: unknown, done: number, total: number): string {
  const progress = total > 0 && done > 0 && done < total ? ` ${done} of ${tracks(total)} are on Spotify so far; nothing is lost.` : "";
  if (error instanceof ReconnectRequiredError || (error instanceof SpotifyRequestError && error.status === 401))
    return `Spotify needs you to sign in again: reconnect Spotify in Settings, then choose Retry.${progress}`;
  if (error instanceof SpotifyRequestError && error.status === 403)
    return `Spotify did not let EchoTune change your playlists. Sign out and sign in with Spotify again, allow playlist access, then choose Retry.${progress}`;
  if (error instanceof SpotifyRateLimitedError)
    return `Spotify asked EchoTune to wait until ${error.until.toISOString().slice(11, 16)} UTC.${progress} Choose Retry after that to finish.`;
  if (error instanceof SpotifyRequestError && error.status === 400)
    return `Spotify refused this playlist (${error.message}). Remove tracks Spotify no longer has, then choose Retry.${progress}`;
  if (error instanceof SpotifyUnavailableError)
    return `Spotify did not answer.${progress} Choose Retry to finish; no track will be added twice.`;
  return `Saving stopped unexpectedly.${progress} Choose Retry to finish.`;
}

/** Errors of Spotify's (and of the listener's connection): recorded as a failed sync, not thrown. */
export const isSpotifyError = (error: unknown) =>
  error instanceof SpotifyRequestError ||
  error instanceof SpotifyUnavailableError ||
  error instanceof SpotifyRateLimitedError ||
  error instanceof ReconnectRequiredError;

/**
 * Pushes `target` to Spotify from where `previous` (the recorded sync state) left it, recording
 * progress through `record` (the Spotify id immediately after creating the playlist, so a retry
 * never creates a second). Spotify's failures end as a "failed" state with a message saying what
 * to do; anything else is recorded the same way and rethrown.
 */
export async function pushToSpotify(input: {
  client: SpotifyClient;
  target: PushTarget;
  previous: SpotifySync | null;
  /** What Spotify held after the last complete push (null: unknown, push everything). */
  pushed: PushedContent | null;
  record: (sync: SpotifySync) => Promise<void>;
  /** When the target's content was read: a synced state is current until the playlist changes after it. */
  readAt: Date;
}): Promise<PushOutcome> {
  const { client, target, previous, pushed, record, readAt } = input;
  const total = target.uris.length;
  let done = 0;
  let state: SpotifySync = {
    playlistId: previous?.playlistId ?? null,
    url: previous?.url ?? null,
    targetVersion: target.version,
    syncedVersion: previous?.syncedVersion ?? null,
    status: "pending",
    error: null,
    updatedAt: new Date(),
  };
  // The state changes only once it is recorded: a failed write never claims what the store lacks.
  const save = async (change: Partial<SpotifySync>) => {
    const next = { ...state, ...change, updatedAt: change.updatedAt ?? new Date() };
    await record(next);
    state = next;
  };

  try {
    await save({});
    const description = spotifyDescription(target.description, target.id);
    let spotifyId = state.playlistId;
    // A previous attempt may have created the playlist and lost the record of it.
    if (!spotifyId && previous) {
      const found = await findByMarker(client, target.id);
      if (found) {
        spotifyId = found.id;
        await save({ playlistId: found.id, url: urlOf(found) });
      }
    }

    let current: string[] | null = null;
    if (spotifyId) {
      try {
        current = await readItemsIfNeeded(client, spotifyId, state);
      } catch (error) {
        // Deleted on Spotify since: make it again (below).
        if (!isNotFound(error)) throw error;
        spotifyId = null;
      }
    }
    let created = false;
    if (!spotifyId) {
      const playlist = await client.createPlaylist({ name: target.name, description, public: false });
      spotifyId = playlist.id;
      created = true;
      current = [];
      await save({ playlistId: playlist.id, url: urlOf(playlist), syncedVersion: null });
    } else if (!pushed || pushed.name !== target.name || spotifyDescription(pushed.description, target.id) !== description) {
      await client.changePlaylistDetails(spotifyId, { name: target.name, description });
    }

    const firstSave = created || state.syncedVersion === null;
    if (firstSave && current && isPrefix(current, target.uris)) {
      // Resume: only what Spotify does not hold yet, in order.
      done = current.length;
      for (let at = done; at < total; at += PLAYLIST_BATCH) {
        const batch = target.uris.slice(at, at + PLAYLIST_BATCH);
        await client.addToPlaylist(spotifyId, batch);
        done += batch.length;
      }
    } else if (!firstSave && pushed && sameList(pushed.uris, target.uris)) {
      done = total;
    } else {
      // Replace: the first 100 by PUT (which clears the rest), then the others appended.
      await client.replacePlaylistItems(spotifyId, target.uris.slice(0, PLAYLIST_BATCH));
      done = Math.min(total, PLAYLIST_BATCH);
      for (let at = PLAYLIST_BATCH; at < total; at += PLAYLIST_BATCH) {
        const batch = target.uris.slice(at, at + PLAYLIST_BATCH);
        await client.addToPlaylist(spotifyId, batch);
        done += batch.length;
      }
    }
    await save({ status: "synced", syncedVersion: target.version, error: null, updatedAt: readAt });
    return { spotify: state, tracksOnSpotify: total, trackCount: total };
  } catch (error) {
    const message = syncErrorMessage(error, done, total);
    await save({ status: "failed", error: message }).catch(() => {
      state = { ...state, status: "failed", error: message, updatedAt: new Date() };
    });
    if (!isSpotifyError(error)) throw error;
    return { spotify: state, tracksOnSpotify: done, trackCount: total };
  }
}

/**
 * Spotify's items when a first save is being resumed (they decide what is left to add); null
 * when the push replaces everything anyway.
 */
async function readItemsIfNeeded(client: SpotifyClient, spotifyId: string, state: SpotifySync): Promise<string[] | null> {
  if (state.syncedVersion === null) return readItems(client, spotifyId);
  // A later edit replaces the items; a one-item read tells a playlist deleted on Spotify (404).
  await client.playlistItems(spotifyId, { limit: 1 });
  return null;
}
