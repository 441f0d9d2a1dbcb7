import "server-only";
import { listenerIndex } from "@/lib/insights";
import { normaliseName } from "@/lib/listening";
import type { ListenerProfile } from "@/lib/listener";
import type { Playlist, PlaylistTrackInput } from "@/lib/playlists";
import { recommendationsFor, type Recommendation } from "@/lib/reco";
import { PLAYLIST_PROMPT_MAX_COUNT, readPlaylistPrompt } from "./intents";

/**
 * Playlist drafts from EchoTune's own engine (the Discover page's): from a prompt read by the
 * offline model, from a seed track or artist, and "Tune" of a stored playlist. The assistant's
 * buildPlaylist tool and the playlists API call these same functions, so a draft made in the chat
 * and one made on the Playlists page are made alike. Nothing here stores anything.
 */

/** How many tracks a draft gets when the prompt names no number. */
export const DEFAULT_DRAFT_COUNT = 20;

export interface PlaylistDraft {
  name: string;
  description: string;
  /** Catalogue tracks only (history-only plays cannot go into a Spotify playlist). */
  tracks: PlaylistTrackInput[];
  /** Context ids the draft was made for. */
  contexts: string[];
  /** How many tracks were asked for. */
  asked: number;
}

const SAVEABLE = /^spotify:track:[A-Za-z0-9]{1,40}$/;

/** A pick as a playlist track: its explanation becomes the reason it is there. */
export function playlistTrackOf(item: Recommendation): PlaylistTrackInput {
  return {
    key: item.key,
    name: item.name,
    artistName: item.artist,
    albumName: item.album,
    imageUrl: item.imageUrl,
    explicit: item.explicit,
    reason: item.explanation,
  };
}

/**
 * Up to `count` saveable picks for contexts and a seed (a track key from the listener's history),
 * leaving out `exclude`. Asks the engine for a margin more, since history-only picks are dropped.
 */
export async function engineDraftTracks(
  listener: ListenerProfile,
  options: { contexts?: readonly string[]; seed?: string | null; count: number; exclude?: ReadonlySet<string>; novelty?: number },
): Promise<Recommendation[]> {
  const exclude = options.exclude ?? new Set<string>();
  const response = await recommendationsFor(listener, {
    ...(options.contexts && options.contexts.length > 0 ? { context: options.contexts.join(",") } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    limit: Math.min(PLAYLIST_PROMPT_MAX_COUNT + 50, options.count + exclude.size + 10),
    novelty: options.novelty ?? 0.5,
    // recentDays left out: the listener's setting, as on Discover.
  });
  return response.items.filter((item) => SAVEABLE.test(item.key) && !exclude.has(item.key)).slice(0, options.count);
}

/** A draft from a prompt ("90s trip-hop for a rainy evening, 25 tracks"): its contexts and count, read offline. */
export async function draftFromPrompt(listener: ListenerProfile, prompt: string): Promise<PlaylistDraft> {
  const reading = readPlaylistPrompt(prompt);
  const asked = reading.count ?? DEFAULT_DRAFT_COUNT;
  const picks = await engineDraftTracks(listener, { contexts: reading.contexts, count: asked });
  return {
    name: reading.name,
    description: `Made with EchoTune from “${prompt.trim().slice(0, 200)}”.`,
    tracks: picks.map(playlistTrackOf),
    contexts: reading.contexts,
    asked,
  };
}

/**
 * A draft seeded by a track (its key) or an artist (their name, as history shows it): "more like"
 * it, from the listener's history. A seed they never played is not found (null).
 */
export async function draftFromSeed(
  listener: ListenerProfile,
  seed: { kind: "track" | "artist"; id: string },
  count = DEFAULT_DRAFT_COUNT,
): Promise<PlaylistDraft | null> {
  const index = await listenerIndex(listener);
  let trackId = -1;
  let label: string;
  if (seed.kind === "track") {
    trackId = index.tracks.findIndex((track) => track.key === seed.id);
    if (trackId < 0) return null;
    label = index.tracks[trackId]!.name;
  } else {
    const artistId = index.artists.findIndex((artist) => artist.key === normaliseName(seed.id));
    if (artistId < 0) return null;
    label = index.artists[artistId]!.name;
    // The artist's most listened track leads the seed.
    const listens = new Map<number, number>();
    const threshold = listener.settings.listenThresholdMs;
    for (let row = 0; row < index.count; row++) {
      if (index.artist[row] !== artistId || index.msPlayed[row]! < threshold) continue;
      listens.set(index.track[row]!, (listens.get(index.track[row]!) ?? 0) + 1);
    }
    for (const [id, plays] of listens) if (trackId < 0 || plays > listens.get(trackId)!) trackId = id;
    if (trackId < 0) return null;
  }
  const seedKey = index.tracks[trackId]!.key;
  const picks = await engineDraftTracks(listener, { seed: seedKey, count });
  const seedTrack = index.tracks[trackId]!;
  const first: PlaylistTrackInput[] =
    seed.kind === "track" && SAVEABLE.test(seedKey)
      ? [
          {
            key: seedKey,
            name: seedTrack.name,
            artistName: index.artists[seedTrack.artist]?.name ?? "Unknown artist",
            reason: "The track this playlist starts from.",
          },
        ]
      : [];
  return {
    name: `More like ${label}`.slice(0, 100),
    description: `Made with EchoTune from ${seed.kind === "track" ? "the track" : "the artist"} ${label}.`.slice(0, 300),
    tracks: [...first, ...picks.filter((pick) => pick.key !== seedKey).map(playlistTrackOf)].slice(0, count),
    contexts: [],
    asked: count,
  };
}

/**
 * "Tune": the playlist's pinned tracks stay where they are and every other place gets a fresh pick
 * for the prompt (new to this playlist). Its length stays, unless the prompt names a count. When the
 * engine has too few picks, the rest keep their current tracks.
 */
export async function tunedTracks(
  listener: ListenerProfile,
  playlist: Pick<Playlist, "tracks">,
  prompt: string,
): Promise<PlaylistTrackInput[]> {
  const reading = readPlaylistPrompt(prompt);
  const pinned = playlist.tracks.filter((track) => track.pinned);
  const length = Math.max(pinned.length, reading.count ?? playlist.tracks.length);
  const fresh = (
    await engineDraftTracks(listener, {
      contexts: reading.contexts,
      count: length - pinned.length,
      exclude: new Set(playlist.tracks.map((track) => track.key)),
    })
  ).map(playlistTrackOf);
  const spare = playlist.tracks.filter((track) => !track.pinned);
  const result: PlaylistTrackInput[] = [];
  for (let position = 0; position < length; position++) {
    const current = playlist.tracks[position];
    if (current?.pinned) result.push(current);
    else {
      const next = fresh.shift() ?? spare.shift();
      if (next) result.push(next);
    }
  }
  // Pinned tracks past the new length (a shorter count) are kept at the end.
  for (const track of pinned) if (!result.includes(track)) result.push(track);
  return result;
}
