import "server-only";
import { feedbackRepository, getStore, type FeedbackDocument, type FeedbackKind, type FeedbackTarget } from "@/lib/db";
import type { ListenerProfile } from "@/lib/listener";
import { normaliseName } from "@/lib/listening";

/** How long "not now" keeps a track out of the picks. */
export const SNOOZE_MS = 7 * 86_400_000;

/** One opinion, as the listener sees it in a list. */
export interface FeedbackEntry {
  target: FeedbackTarget;
  /** What POST /api/feedback takes back (with `kind: null`): a track key, or a normalised artist name. */
  itemId: string;
  /** The track's title or the artist's name, as shown when they said it. */
  name: string;
  /** The track's artist; null for an artist. */
  artist: string | null;
  /** The Spotify track id, when the key is one. */
  trackId: string | null;
  /** When they said it (ISO 8601). */
  at: string;
}

/** Everything the listener has told the recommender, newest first in each list. */
export interface ListenerFeedback {
  likedTracks: FeedbackEntry[];
  dislikedTracks: FeedbackEntry[];
  likedArtists: FeedbackEntry[];
  /** "No more of this artist". */
  blockedArtists: FeedbackEntry[];
  /** "Not now" still in force, with the time it ends. */
  snoozedTracks: Array<FeedbackEntry & { until: string }>;
}

const SPOTIFY_TRACK = /^spotify:track:([A-Za-z0-9]{22})$/;

/**
 * The entry of a stored opinion. Records from before names were kept fall back on what the key
 * says: an `artist|title` key names both; a bare Spotify id names neither.
 */
function entryOf(record: FeedbackDocument): FeedbackEntry {
  const at = record.updatedAt.toISOString();
  if (record.target === "artist") {
    return { target: "artist", itemId: record.itemId, name: record.name ?? record.itemId, artist: null, trackId: null, at };
  }
  const spotifyId = SPOTIFY_TRACK.exec(record.itemId)?.[1] ?? null;
  const [keyArtist, keyTitle] = spotifyId ? [undefined, undefined] : record.itemId.split("|", 2);
  return {
    target: "track",
    itemId: record.itemId,
    name: record.name ?? keyTitle ?? "A track without a name",
    artist: record.artist ?? keyArtist ?? null,
    trackId: spotifyId,
    at,
  };
}

/** The listener's likes, dislikes, blocked artists and current "not now"s. */
export async function listFeedback(listener: Pick<ListenerProfile, "id">, now = Date.now()): Promise<ListenerFeedback> {
  const records = await feedbackRepository(await getStore()).list(listener.id);
  const feedback: ListenerFeedback = { likedTracks: [], dislikedTracks: [], likedArtists: [], blockedArtists: [], snoozedTracks: [] };
  for (const record of records) {
    const entry = entryOf(record);
    if (record.target === "artist") {
      if (record.kind === "like") feedback.likedArtists.push(entry);
      else if (record.kind === "dislike") feedback.blockedArtists.push(entry);
    } else if (record.kind === "like") feedback.likedTracks.push(entry);
    else if (record.kind === "dislike") feedback.dislikedTracks.push(entry);
    else {
      const until = record.updatedAt.getTime() + SNOOZE_MS;
      if (until > now) feedback.snoozedTracks.push({ ...entry, until: new Date(until).toISOString() });
    }
  }
  return feedback;
}

/**
 * Records a like, dislike or "not now" (or removes it with kind null). The name and artist the
 * listener saw are kept with it, so their lists can show it later.
 */
export async function setFeedback(
  listener: Pick<ListenerProfile, "id">,
  input: { target: FeedbackTarget; itemId: string; kind: FeedbackKind | null; name?: string | undefined; artist?: string | undefined },
): Promise<void> {
  const repository = feedbackRepository(await getStore());
  const itemId = input.target === "artist" ? normaliseName(input.itemId) : input.itemId;
  if (input.kind === null) {
    await repository.remove(listener.id, input.target, itemId);
    return;
  }
  // An artist is named by the id itself when no name comes with it.
  const name = input.name ?? (input.target === "artist" ? input.itemId : undefined);
  await repository.set(listener.id, input.target, itemId, input.kind, new Date(), {
    ...(name !== undefined ? { name } : {}),
    ...(input.artist !== undefined && input.target === "track" ? { artist: input.artist } : {}),
  });
}
