import "server-only";
import type { Listener } from "@/lib/auth";
import { blendsRepository, getStore, isDemoVisitorId, type BlendDocument } from "@/lib/db";
import { demoEnabled } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { deletePlaylist, getPlaylist } from "@/lib/playlists";
import { DEMO_FRIENDS, demoFriendOf, friendMemberId } from "./demo-friends";
import { MAX_OPEN_INVITES } from "./invites";
import { describeMatch, matchScore, sharedItems } from "./match";
import { membersOf, type BlendMember } from "./members";
import { storeBlendPlaylists } from "./playlist";
import { tasteOf } from "./taste";
import type { BlendList, BlendRange, BlendSummary, BlendTrack, BlendView, PickWho } from "./types";

/**
 * A Blend once made: the list, one member's view of it over a range, Refresh and leaving. Every
 * function takes the caller and only shows them Blends they are a member of.
 */

type Caller = Pick<Listener, "id" | "isDemo">;

/** Shared artists and tracks shown (the score counts them all). */
const SHARED_SHOWN = 20;

const repository = async () => blendsRepository(await getStore());

const notFound = () =>
  new AppError("not_found", { detail: "No such Blend: it may have ended when one of you left. Start a new one from Blend." });

/** The listener's signed-in form, for their own playlists. */
const asListener = (caller: Caller): Listener => ({ id: caller.id, isDemo: caller.isDemo, reconnectRequired: false });

/** Deletes a Blend's stored playlists, each through its owner (a missing one is fine: they deleted it). */
async function deleteBlendPlaylists(blend: BlendDocument): Promise<void> {
  for (const { userId, playlistId } of blend.playlists) {
    await deletePlaylist({ id: userId, isDemo: isDemoVisitorId(userId), reconnectRequired: false }, playlistId);
  }
}

/** Both members, or null after ending a Blend whose other member's account is gone (an idle demo visitor removed). */
async function liveMembers(blend: BlendDocument): Promise<[BlendMember, BlendMember] | null> {
  const members = await membersOf(blend);
  if (members) return members;
  const removed = await (await repository()).remove(blend._id, blend.inviterId);
  if (removed) await deleteBlendPlaylists(removed);
  return null;
}

/** The listener's Blends and open invites, and for a demo visitor the demo friends. */
export async function listBlends(caller: Caller): Promise<BlendList> {
  const blends = await (await repository()).listFor(caller.id);
  const summaries: BlendSummary[] = [];
  for (const blend of blends) {
    const base = {
      id: blend._id,
      createdAt: blend.createdAt.toISOString(),
      playlistId: blend.playlists.find((entry) => entry.userId === caller.id)?.playlistId ?? null,
    };
    if (blend.status === "invited") {
      summaries.push({ ...base, status: "invited", partner: null, inviteExpiresAt: blend.inviteExpiresAt?.toISOString() ?? null });
      continue;
    }
    const members = await liveMembers(blend);
    if (!members) continue;
    const partner = members[0].id === caller.id ? members[1] : members[0];
    summaries.push({
      ...base,
      status: "active",
      partner: { name: partner.name, demoFriend: partner.friend !== null },
      inviteExpiresAt: null,
    });
  }
  const withFriend = new Map(
    blends.flatMap((blend) => (blend.partnerId && demoFriendOf(blend.partnerId) ? [[blend.partnerId, blend._id]] : [])),
  );
  const friends =
    caller.isDemo && demoEnabled()
      ? DEMO_FRIENDS.map((friend) => ({
          slug: friend.slug,
          name: friend.name,
          about: friend.about,
          blendId: withFriend.get(friendMemberId(friend)) ?? null,
        }))
      : [];
  return { blends: summaries, friends, maxOpenInvites: MAX_OPEN_INVITES };
}

async function activeBlendOf(caller: Caller, id: string): Promise<{ blend: BlendDocument; members: [BlendMember, BlendMember] }> {
  const blend = await (await repository()).findForMember(id, caller.id);
  if (!blend) throw notFound();
  if (blend.status !== "active") {
    throw new AppError("not_found", { detail: "Nobody has accepted this invite yet. The Blend appears here once someone does." });
  }
  const members = await liveMembers(blend);
  if (!members) throw new AppError("not_found", { detail: "This Blend has ended: the other listener's account no longer exists." });
  return { blend, members };
}

/** Whose taste a stored pick comes from, seen from the viewer's side. */
function whoOf(from: string | null, names: [string, string], viewer: 0 | 1): PickWho | null {
  if (from === `${names[0]} & ${names[1]}`) return "both";
  if (from === names[viewer]) return "you";
  if (from === names[viewer === 0 ? 1 : 0]) return "partner";
  return null;
}

/**
 * A Blend as one member sees it over a range: the match, the artists and tracks both have in their
 * tops (with each side's rank) and their own copy of the playlist. Nothing else of the other
 * member's listening is in it. Another listener's Blend is "not found".
 */
export async function blendView(caller: Caller, id: string, range: BlendRange, now = Date.now()): Promise<BlendView> {
  const { blend, members } = await activeBlendOf(caller, id);
  const viewer: 0 | 1 = members[0].id === caller.id ? 0 : 1;
  const you = members[viewer];
  const partner = members[viewer === 0 ? 1 : 0];
  const [yourIndex, theirIndex, yourOwner, theirOwner] = await Promise.all([
    you.index(),
    partner.index(),
    you.historyOwner(),
    partner.historyOwner(),
  ]);
  const yours = tasteOf(yourIndex, range, you.rules, now);
  const theirs = tasteOf(theirIndex, range, partner.rules, now);
  const score = matchScore(yours.artists, theirs.artists);
  const names: [string, string] = [members[0].name, members[1].name];
  const entry = blend.playlists.find((each) => each.userId === caller.id);
  const stored = entry ? await getPlaylist(asListener(caller), entry.playlistId) : null;
  const tracks: BlendTrack[] = (stored?.tracks ?? []).map((track) => ({
    key: track.key,
    name: track.name,
    artistName: track.artistName,
    albumName: track.albumName,
    imageUrl: track.imageUrl,
    durationMs: track.durationMs,
    from: track.from,
    who: whoOf(track.from, names, viewer),
    reason: track.reason,
    pinned: track.pinned,
  }));
  const shared = (list: ReturnType<typeof sharedItems>) =>
    list.slice(0, SHARED_SHOWN).map((item) => ({ name: item.name, ...(item.artist ? { artist: item.artist } : {}), ranks: item.ranks }));
  return {
    id: blend._id,
    you: { name: you.name },
    partner: { name: partner.name, demoFriend: partner.friend ? { about: partner.friend.about } : null },
    range,
    rangeLabel: yours.label,
    match: { ...score, explanation: describeMatch(score, yours.label) },
    sharedArtists: shared(sharedItems(yours.artists, theirs.artists)),
    sharedTracks: shared(sharedItems(yours.tracks, theirs.tracks)),
    sharedDemoHistory: yourOwner === theirOwner,
    playlist: stored ? { id: stored.id, name: stored.name, version: stored.version, tracks } : null,
    generatedAt: blend.generatedAt?.toISOString() ?? null,
  };
}

/** Draws the Blend playlist again for both members: a new version of each copy (or a new copy for one who deleted theirs). */
export async function refreshBlend(caller: Caller, id: string, now = new Date()): Promise<{ generatedAt: string; tracks: number }> {
  const { blend, members } = await activeBlendOf(caller, id);
  const picks = await storeBlendPlaylists(blend, members, now);
  return { generatedAt: now.toISOString(), tracks: picks.length };
}

/**
 * Leaves a Blend (or withdraws an open invite): the Blend is deleted for both members, with the
 * Blend playlist stored here for each. A copy already saved to Spotify stays on Spotify.
 */
export async function leaveBlend(caller: Caller, id: string): Promise<{ deletedPlaylists: number }> {
  const removed = await (await repository()).remove(id, caller.id);
  if (!removed) throw notFound();
  await deleteBlendPlaylists(removed);
  return { deletedPlaylists: removed.playlists.length };
}
