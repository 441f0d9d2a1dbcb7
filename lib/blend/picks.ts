/**
 * The Blend playlist's draw, as Spotify's Blend makes one: turns from each member's favourites,
 * the tracks both love, and a few new finds, every pick saying whose taste it comes from, never
 * two by one artist in a row. Pure: the service hands it ranked candidates and stores the result.
 */

/** A track the draw may pick, with what a stored playlist needs to show it. */
export interface BlendCandidate {
  /** `spotify:track:<id>`. */
  key: string;
  name: string;
  artistName: string;
  albumName: string | null;
  imageUrl: string | null;
  durationMs: number | null;
  explicit: boolean | null;
}

/** Where a pick comes from: a member's favourites (0 or 1), both, or a recommendation for a member. */
export type PickSource = { kind: "member"; member: 0 | 1 } | { kind: "shared" } | { kind: "new"; member: 0 | 1 };

export interface BlendPick extends BlendCandidate {
  source: PickSource;
}

/** The ranked candidates of a draw, best first in each list. */
export interface BlendPool {
  /** Each member's favourites (their top tracks). */
  favourites: [readonly BlendCandidate[], readonly BlendCandidate[]];
  /** Tracks in both members' tops. */
  shared: readonly BlendCandidate[];
  /** New to both: recommendations for each member. */
  recommended: [readonly BlendCandidate[], readonly BlendCandidate[]];
}

export interface DrawOptions {
  /** How many picks (Spotify's Blend has about 50). */
  size?: number;
  /** Every `newEvery`-th pick is a new find, while there are any. */
  newEvery?: number;
  /** At most this many picks by one artist. */
  maxPerArtist?: number;
}

export const BLEND_SIZE = 50;

type Queue = "member0" | "member1" | "shared" | "new0" | "new1";

/** The turn order: one from each member, then one they share, over and over. */
const TURNS: readonly Queue[] = ["member0", "member1", "shared", "member1", "member0", "shared"];

const artistKey = (name: string) => name.trim().toLowerCase();

/**
 * Draws the Blend playlist. Turns go member, other member, shared (and every `newEvery`-th pick a
 * recommendation, alternating between the members); a turn whose list is used up passes to the
 * next list with picks left. A track is picked once (the first list that has it wins, shared
 * before either member's), at most `maxPerArtist` per artist, and never right after another by
 * the same artist: the turn takes its list's best pick by another artist, or the next list's.
 */
export function drawBlend(pool: BlendPool, options: DrawOptions = {}): BlendPick[] {
  const size = options.size ?? BLEND_SIZE;
  const newEvery = options.newEvery ?? 8;
  const maxPerArtist = options.maxPerArtist ?? 3;
  const taken = new Set<string>();
  const queues = new Map<Queue, BlendPick[]>();
  const add = (queue: Queue, candidates: readonly BlendCandidate[], source: PickSource) => {
    const list: BlendPick[] = [];
    for (const candidate of candidates) {
      if (taken.has(candidate.key)) continue;
      taken.add(candidate.key);
      list.push({ ...candidate, source });
    }
    queues.set(queue, list);
  };
  add("shared", pool.shared, { kind: "shared" });
  add("member0", pool.favourites[0], { kind: "member", member: 0 });
  add("member1", pool.favourites[1], { kind: "member", member: 1 });
  add("new0", pool.recommended[0], { kind: "new", member: 0 });
  add("new1", pool.recommended[1], { kind: "new", member: 1 });

  const picks: BlendPick[] = [];
  const perArtist = new Map<string, number>();
  let turn = 0;
  let newTurn = 0;
  /** The first pick of a queue that may follow `previous`; removed from the queue. */
  const takeFrom = (queue: Queue, previous: string | null): BlendPick | null => {
    const list = queues.get(queue) ?? [];
    const at = list.findIndex((pick) => {
      const artist = artistKey(pick.artistName);
      return artist !== previous && (perArtist.get(artist) ?? 0) < maxPerArtist;
    });
    if (at < 0) return null;
    return list.splice(at, 1)[0] ?? null;
  };
  while (picks.length < size) {
    const previous = picks.length > 0 ? artistKey(picks[picks.length - 1]!.artistName) : null;
    const wantsNew = (picks.length + 1) % newEvery === 0;
    const newOrder: Queue[] = newTurn % 2 === 0 ? ["new0", "new1"] : ["new1", "new0"];
    const turnOrder = Array.from({ length: TURNS.length }, (_, offset) => TURNS[(turn + offset) % TURNS.length]!);
    // The preferred list first, then the others in turn order (new finds last unless it is their turn).
    const order: Queue[] = wantsNew ? [...newOrder, ...turnOrder] : [...turnOrder, ...newOrder];
    let pick: BlendPick | null = null;
    for (const queue of order) {
      pick = takeFrom(queue, previous);
      if (pick) break;
    }
    if (!pick) break;
    if (pick.source.kind === "new") newTurn += 1;
    else turn += 1;
    picks.push(pick);
    const artist = artistKey(pick.artistName);
    perArtist.set(artist, (perArtist.get(artist) ?? 0) + 1);
  }
  return picks;
}

/** The "from" of a pick: the name(s) whose taste it comes from. */
export function fromOf(pick: BlendPick, names: [string, string]): string {
  return pick.source.kind === "shared" ? `${names[0]} & ${names[1]}` : names[pick.source.member];
}

/** Why a pick is in the playlist, written for the member `viewer` (0 or 1) who owns this copy. */
export function reasonOf(pick: BlendPick, viewer: 0 | 1, names: [string, string], rangeLabel: string): string {
  const range = rangeLabel.toLowerCase();
  const whose = (member: 0 | 1) => (member === viewer ? "your" : `${names[member]}’s`);
  switch (pick.source.kind) {
    case "shared":
      return `In both your top tracks (${range}).`;
    case "member":
      return `One of ${whose(pick.source.member)} most played tracks (${range}).`;
    case "new":
      return `New to you both: recommended by EchoTune from ${whose(pick.source.member)} taste.`;
  }
}
