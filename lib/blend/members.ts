import "server-only";
import { createHash } from "node:crypto";
import type { Listener } from "@/lib/auth";
import { DEMO_TIME_ZONE, getStore, isDemoVisitorId, usersRepository, type BlendDocument } from "@/lib/db";
import { historyOwner, listenerIndex, type ListeningIndex } from "@/lib/listening";
import type { ListenerProfile } from "@/lib/listener";
import { demoFriendIndex, demoFriendOf, type DemoFriend } from "./demo-friends";
import type { TasteRules } from "./taste";

/** One side of a Blend, as the server sees it: never sent to the other side as is. */
export interface BlendMember {
  id: string;
  /** The name the Blend shows (distinct from the other member's). */
  name: string;
  /** Set for a generated demo friend: no account, no playlist of their own. */
  friend: DemoFriend | null;
  rules: TasteRules;
  /** The listener, to store their Blend playlist and ask for their recommendations; null for a demo friend. */
  profile: ListenerProfile | null;
  index(): Promise<ListeningIndex>;
  /** Whose history they read (`historyOwner`): a demo visitor without an import reads the shared demo history. */
  historyOwner(): Promise<string>;
}

const FRIEND_RULES: TasteRules = { timeZone: DEMO_TIME_ZONE, listenThresholdMs: 30_000, demoCatalogue: true };

/**
 * Demo visitors are all called "Demo listener": in a Blend each gets a short tag from their id,
 * so "whose taste" means something when two of them blend.
 */
function displayNameOf(id: string, displayName: string): string {
  if (!isDemoVisitorId(id)) return displayName;
  const tag = createHash("sha256").update(id).digest("hex").slice(0, 4).toUpperCase();
  return `${displayName} ${tag}`;
}

/** A member by id: a listener of this instance, a demo friend, or null when their account is gone. */
export async function memberById(id: string): Promise<BlendMember | null> {
  const friend = demoFriendOf(id);
  if (friend) {
    return {
      id,
      name: friend.name,
      friend,
      rules: FRIEND_RULES,
      profile: null,
      index: async () => demoFriendIndex(friend),
      historyOwner: async () => id,
    };
  }
  const store = await getStore();
  const user = await usersRepository(store).findById(id);
  if (!user) return null;
  const isDemo = isDemoVisitorId(id);
  const profile: ListenerProfile = {
    id,
    isDemo,
    reconnectRequired: false,
    displayName: user.displayName,
    imageUrl: user.imageUrl,
    settings: user.settings,
  };
  return {
    id,
    name: displayNameOf(id, user.displayName),
    friend: null,
    rules: { timeZone: user.settings.timeZone, listenThresholdMs: user.settings.listenThresholdMs, demoCatalogue: isDemo },
    profile,
    index: () => listenerIndex(profile),
    historyOwner: () => historyOwner(store, profile),
  };
}

/** Both members of an active Blend, inviter first; null when either account is gone. */
export async function membersOf(blend: BlendDocument): Promise<[BlendMember, BlendMember] | null> {
  if (!blend.partnerId) return null;
  const [inviter, partner] = await Promise.all([memberById(blend.inviterId), memberById(blend.partnerId)]);
  if (!inviter || !partner) return null;
  // Two listeners with one name: the partner's gets a mark, so every pick's "from" is unambiguous.
  if (partner.name === inviter.name) partner.name = `${partner.name} (2)`;
  return [inviter, partner];
}

/** The signed-in form of a member, to act on their own playlists. */
export function listenerOfMember(member: BlendMember): Listener | null {
  return member.profile ? { id: member.profile.id, isDemo: member.profile.isDemo, reconnectRequired: false } : null;
}
