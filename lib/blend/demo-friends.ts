import "server-only";
import { DEMO_LISTENER, demoHistoryDay, demoHistoryEnd, generateListeningHistory, getDemoCatalog } from "@/lib/demo";
import { demoIndexRows, IndexBuilder, type ListeningIndex } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";

/**
 * A demo friend: one of the generated demo cohort's listeners (the co-listeners the demo's
 * collaborative model learns from: seed `1000 + member` over the demo catalogue), given a name so
 * a demo visitor can try Blend without a second person.
 */
export interface DemoFriend {
  /** In the URL and in the Blend's member id (`friend:<slug>`). */
  slug: string;
  name: string;
  /** The cohort member whose taste they have. */
  member: number;
  /** One line on the Blend page. */
  about: string;
}

/**
 * The cohort's first four members. Over the last 6 months their weighted Jaccard with the demo
 * history runs from about 6% (Mira, Jonas) to 1% (Ada, Tomás): generated tastes over a large
 * catalogue overlap little, as strangers' do.
 */
export const DEMO_FRIENDS: readonly DemoFriend[] = [
  {
    slug: "mira",
    name: "Mira",
    member: 0,
    about: "A generated demo listener (cohort member 1) with three years of plays on the demo catalogue.",
  },
  {
    slug: "jonas",
    name: "Jonas",
    member: 1,
    about: "A generated demo listener (cohort member 2) with three years of plays on the demo catalogue.",
  },
  {
    slug: "ada",
    name: "Ada",
    member: 2,
    about: "A generated demo listener (cohort member 3) with three years of plays on the demo catalogue.",
  },
  {
    slug: "tomas",
    name: "Tomás",
    member: 3,
    about: "A generated demo listener (cohort member 4) with three years of plays on the demo catalogue.",
  },
];

const FRIEND_PREFIX = "friend:";
/** The cohort's generator settings (lib/reco's demo cohort), with more plays so a four-week range has some. */
const FRIEND_PLAYS = 4_000;
const FRIEND_YEARS = 3;

/** The member id a demo friend has in a Blend. */
export function friendMemberId(friend: DemoFriend): string {
  return `${FRIEND_PREFIX}${friend.slug}`;
}

/** The demo friend a member id names, or null for a listener's id. */
export function demoFriendOf(memberId: string): DemoFriend | null {
  if (!memberId.startsWith(FRIEND_PREFIX)) return null;
  const slug = memberId.slice(FRIEND_PREFIX.length);
  return DEMO_FRIENDS.find((friend) => friend.slug === slug) ?? null;
}

export function demoFriendBySlug(slug: string): DemoFriend | null {
  return DEMO_FRIENDS.find((friend) => friend.slug === slug) ?? null;
}

const friendIndexes = perProcess("blend.friends", () => new Map<string, ListeningIndex>());

/**
 * A demo friend's listening index. Like the demo history it runs up to yesterday (so "last 4
 * weeks" covers the same days for both sides of the Blend) and is generated once a day per process.
 */
export function demoFriendIndex(friend: DemoFriend, now = Date.now()): ListeningIndex {
  const day = demoHistoryDay(now);
  const key = `${friend.slug}|${day}`;
  const cached = friendIndexes.get(key);
  if (cached) return cached;
  const streams = generateListeningHistory({
    seed: 1000 + friend.member,
    catalogSeed: DEMO_LISTENER.seed,
    plays: FRIEND_PLAYS,
    years: FRIEND_YEARS,
    end: demoHistoryEnd(now),
    timeZone: DEMO_LISTENER.timeZone,
  });
  const builder = new IndexBuilder(friendMemberId(friend), 1);
  for (const row of demoIndexRows(streams, getDemoCatalog(DEMO_LISTENER.seed))) builder.add(row);
  const index = builder.build();
  // Yesterday's indexes are dropped: one day's worth per friend is kept.
  for (const stale of [...friendIndexes.keys()].filter((each) => each.startsWith(`${friend.slug}|`))) friendIndexes.delete(stale);
  friendIndexes.set(key, index);
  return index;
}
