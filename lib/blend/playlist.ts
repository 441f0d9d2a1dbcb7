import "server-only";
import { blendsRepository, getStore, type BlendDocument } from "@/lib/db";
import type { ListeningIndex } from "@/lib/listening";
import { logger } from "@/lib/telemetry";
import { ConflictError, createPlaylist, editPlaylist, getPlaylist, type PlaylistTrackInput } from "@/lib/playlists";
import { recommendationsFor } from "@/lib/reco";
import { DEMO_LISTENER, demoImageUrl, getDemoCatalog } from "@/lib/demo";
import { sharedItems } from "./match";
import { listenerOfMember, type BlendMember } from "./members";
import { drawBlend, fromOf, reasonOf, type BlendCandidate, type BlendPick } from "./picks";
import { tasteOf, type BlendRange, type Taste } from "./taste";

/** The range the playlist is drawn from (Spotify's Blend follows recent listening). */
const PLAYLIST_RANGE: BlendRange = "6m";
/** Fewer top tracks than this over the range, and the draw reads all time instead. */
const MIN_TRACKS_IN_RANGE = 20;
/** New finds asked of the engine per member; the draw uses about three each. */
const RECOMMENDATIONS_PER_MEMBER = 12;
/** The engine gets this long per member: a slow one leaves the Blend without new finds, never without a playlist. */
const RECOMMENDATION_BUDGET_MS = 5_000;

/** A member's taste for the playlist: the last 6 months, or all time when those are thin. */
function playlistTaste(member: BlendMember, index: ListeningIndex): Taste {
  const recent = tasteOf(index, PLAYLIST_RANGE, member.rules);
  return recent.tracks.length >= MIN_TRACKS_IN_RANGE ? recent : tasteOf(index, "all", member.rules);
}

/** Whether an index holds a track key (a play of any length). */
function hasTrack(index: ListeningIndex, key: string): boolean {
  return index.tracks.some((track) => track.key === key);
}

/**
 * New finds for a member from the recommendation engine, left out when the other member already
 * played them (then they are not new to both). Only what a playlist shows is kept: the engine's
 * explanation quotes the member's own history, which the other member must not see.
 */
async function newFinds(member: BlendMember, other: ListeningIndex): Promise<BlendCandidate[]> {
  if (!member.profile) return [];
  const catalog = member.rules.demoCatalogue ? getDemoCatalog(DEMO_LISTENER.seed) : null;
  const request = recommendationsFor(member.profile, { limit: RECOMMENDATIONS_PER_MEMBER, novelty: 0.5 });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), RECOMMENDATION_BUDGET_MS);
  });
  try {
    const response = await Promise.race([request, timeout]);
    if (!response) return [];
    return response.items
      .filter((item) => item.trackId && item.key.startsWith("spotify:track:") && !hasTrack(other, item.key))
      .map((item) => {
        const demo = item.trackId ? catalog?.tracksById.get(item.trackId) : undefined;
        return {
          key: item.key,
          name: item.name,
          artistName: item.artist,
          albumName: item.album,
          imageUrl: item.imageUrl ?? (demo ? demoImageUrl("album", demo.albumId) : null),
          durationMs: demo?.durationMs ?? null,
          explicit: item.explicit,
        };
      });
  } catch (error) {
    logger.warn({ err: error, blendMember: member.id }, "blend: no new finds, the recommendation engine failed");
    return [];
  } finally {
    clearTimeout(timer);
  }
}

/** The draw for a pair of members, inviter first. */
export async function drawFor(members: [BlendMember, BlendMember]): Promise<{ picks: BlendPick[]; label: string }> {
  const indexes = await Promise.all(members.map((member) => member.index()));
  const tastes = [playlistTaste(members[0], indexes[0]!), playlistTaste(members[1], indexes[1]!)] as const;
  const candidates = new Map([...tastes[0].tracks, ...tastes[1].tracks].map((track) => [track.key, track.candidate]));
  const shared = sharedItems(tastes[0].tracks, tastes[1].tracks).flatMap((item) => {
    const candidate = candidates.get(item.key);
    return candidate ? [candidate] : [];
  });
  const recommended = await Promise.all([newFinds(members[0], indexes[1]!), newFinds(members[1], indexes[0]!)]);
  const picks = drawBlend({
    favourites: [tastes[0].tracks.map((track) => track.candidate), tastes[1].tracks.map((track) => track.candidate)],
    shared,
    recommended: [recommended[0], recommended[1]],
  });
  // Both tastes are labelled by the range actually read (6 months, or all time when either was thin).
  const label = tastes[0].label === tastes[1].label ? tastes[0].label : "All time";
  return { picks, label };
}

/** The playlist's name for one member: their own name first, as Spotify's Blend does ("Ana + Sam"). */
function playlistName(names: [string, string], viewer: 0 | 1): string {
  const clip = (name: string) => (name.length > 44 ? `${name.slice(0, 43)}…` : name);
  return `Blend: ${clip(names[viewer])} + ${clip(names[viewer === 0 ? 1 : 0])}`;
}

/**
 * Draws the Blend playlist and stores it for each member who is a listener: a new stored
 * playlist (origin "blend") the first time or when they deleted theirs, otherwise a new version
 * of theirs ("Refreshed the Blend", undoable). Returns the picks drawn.
 */
export async function storeBlendPlaylists(
  blend: BlendDocument,
  members: [BlendMember, BlendMember],
  now = new Date(),
): Promise<BlendPick[]> {
  const { picks, label } = await drawFor(members);
  const names: [string, string] = [members[0].name, members[1].name];
  const stored: BlendDocument["playlists"] = [];
  for (const viewer of [0, 1] as const) {
    const listener = listenerOfMember(members[viewer]);
    if (!listener) continue;
    const tracks: PlaylistTrackInput[] = picks.map((pick) => ({
      key: pick.key,
      name: pick.name,
      artistName: pick.artistName,
      albumName: pick.albumName,
      imageUrl: pick.imageUrl,
      durationMs: pick.durationMs,
      explicit: pick.explicit,
      reason: reasonOf(pick, viewer, names, label),
      from: fromOf(pick, names),
    }));
    const existingId = blend.playlists.find((entry) => entry.userId === listener.id)?.playlistId;
    const existing = existingId ? await getPlaylist(listener, existingId) : null;
    if (existing) {
      // Tracks the member pinned in their copy stay, first, through every refresh.
      const pinned = existing.tracks.filter((track) => track.pinned);
      const kept = new Set(pinned.map((track) => track.key));
      await replaceTracks(listener, existing.id, existing.version, [...pinned, ...tracks.filter((track) => !kept.has(track.key))]);
      stored.push({ userId: listener.id, playlistId: existing.id });
    } else if (tracks.length > 0) {
      const created = await createPlaylist(listener, {
        name: playlistName(names, viewer),
        description: `A Blend of ${names[0]}’s and ${names[1]}’s listening, drawn by EchoTune. Each track says whose taste it comes from.`,
        origin: "blend",
        tracks,
        blendId: blend._id,
        requestId: `blend|${blend._id}|${now.getTime()}`,
        label: "Drawn from both your histories",
      });
      stored.push({ userId: listener.id, playlistId: created.id });
    }
  }
  await blendsRepository(await getStore()).setPlaylists(blend._id, stored, now);
  return picks;
}

/** Replaces a member's Blend playlist's tracks as a new version; a concurrent edit of theirs is read again once. */
async function replaceTracks(listener: Parameters<typeof getPlaylist>[0], id: string, version: number, tracks: PlaylistTrackInput[]) {
  const edit = { op: "replace" as const, tracks, label: "Refreshed the Blend" };
  try {
    await editPlaylist(listener, id, version, edit);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    const current = await getPlaylist(listener, id);
    if (current) await editPlaylist(listener, id, current.version, edit);
  }
}
