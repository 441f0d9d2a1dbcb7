import "server-only";
import type { Listener } from "@/lib/auth";
import { getStore, playlistsRepository } from "@/lib/db";
import type { PlaylistTrackInput } from "./limits";
import { ConflictError, createPlaylist, editPlaylist, toPlaylist } from "./playlists";
import type { Playlist } from "./types";

/** The name a new Discover draft gets; the listener can rename it in the editor. */
export const DISCOVER_DRAFT_NAME = "Discover draft";

/**
 * The listener's current Discover draft: their newest playlist made on Discover, or null before
 * they add a first pick. It is stored like any playlist, so it follows them to every browser and
 * opens in the editor.
 */
export async function getDiscoverDraft(listener: Listener): Promise<Playlist | null> {
  const playlists = await playlistsRepository(await getStore()).list(listener.id);
  const drafts = playlists.filter((playlist) => playlist.origin === "discover");
  const newest = drafts.reduce<(typeof drafts)[number] | null>(
    (best, playlist) => (best === null || playlist.createdAt > best.createdAt ? playlist : best),
    null,
  );
  return newest ? toPlaylist(newest) : null;
}

/**
 * Appends picks to the Discover draft (making it on the first pick). Appends commute, so a lost race
 * with another tab is simply retried on the new head rather than shown as a conflict; picks already
 * in the draft are left where they are.
 */
export async function addToDiscoverDraft(listener: Listener, tracks: PlaylistTrackInput[]): Promise<Playlist> {
  for (let attempt = 0; ; attempt++) {
    const draft = await getDiscoverDraft(listener);
    try {
      if (!draft) {
        // Keyed by the state it was made from: two first picks at once make one draft, not two.
        return await createPlaylist(listener, {
          name: DISCOVER_DRAFT_NAME,
          description: "Picked on EchoTune Discover.",
          origin: "discover",
          tracks,
          requestId: "discover-draft|first",
          label: tracks.length === 1 ? `Added “${tracks[0]!.name}”` : `Added ${tracks.length} tracks`,
        });
      }
      return await editPlaylist(listener, draft.id, draft.version, { op: "add", tracks });
    } catch (error) {
      if (!(error instanceof ConflictError) || attempt >= 4) throw error;
    }
  }
}

/** Starts a fresh, empty Discover draft: the current one stays among the listener's playlists. */
export async function startDiscoverDraft(listener: Listener, requestId?: string): Promise<Playlist> {
  return createPlaylist(listener, {
    name: DISCOVER_DRAFT_NAME,
    description: "Picked on EchoTune Discover.",
    origin: "discover",
    tracks: [],
    ...(requestId ? { requestId: `discover-draft|${requestId}` } : {}),
  });
}
