/**
 * The taste match of a Blend: how much two listeners' top artists overlap, weighted by how much
 * of their listening each artist takes, and the artists and tracks both have in their tops. Pure
 * functions over two ranked lists, so the score is tested without a store.
 */

/** One ranked artist or track of a listener over a range, by listening time. */
export interface TasteItem {
  /** The item's identity: the normalised artist name, or the track key. */
  key: string;
  name: string;
  /** The artist's name, for tracks. */
  artist?: string;
  /** Time played in the range, in milliseconds. */
  msPlayed: number;
}

/** How many top artists each side brings to the score (Spotify's own lists stop at 50). */
export const MATCH_TOP_ARTISTS = 50;
/** How many top tracks each side brings to the shared tracks. */
export const MATCH_TOP_TRACKS = 100;

/** The score and how it came about, in numbers the page puts in words. */
export interface MatchScore {
  /** Weighted Jaccard similarity, 0 to 1. */
  value: number;
  /** The same as a whole percentage, 0 to 100. */
  percent: number;
  /** Top artists each side brought (fewer than 50 when they played fewer in the range). */
  compared: [number, number];
  /** How many of those artists both have. */
  sharedArtists: number;
}

/** An item both listeners have in their tops, with its place in each list (1 = most played). */
export interface SharedItem {
  key: string;
  name: string;
  artist?: string;
  ranks: [number, number];
  /** What it adds to the score: the smaller of its two shares of listening time. */
  weight: number;
}

/** Each item's share of the list's total time: the weights of the weighted Jaccard. */
function shares(items: readonly TasteItem[]): Map<string, number> {
  const total = items.reduce((sum, item) => sum + Math.max(0, item.msPlayed), 0);
  const weights = new Map<string, number>();
  if (total <= 0) return weights;
  for (const item of items) weights.set(item.key, (weights.get(item.key) ?? 0) + Math.max(0, item.msPlayed) / total);
  return weights;
}

/**
 * Weighted Jaccard similarity of two top lists: Σ min(a_i, b_i) / Σ max(a_i, b_i), where a_i is
 * item i's share of the first listener's listening time over their list (0 when absent). Shares
 * rather than raw time, so a heavy listener and a light one with the same taste match fully.
 * 1 for identical tastes, 0 when nothing is shared or either list is empty.
 */
export function weightedJaccard(first: readonly TasteItem[], second: readonly TasteItem[]): number {
  const a = shares(first);
  const b = shares(second);
  if (a.size === 0 || b.size === 0) return 0;
  let low = 0;
  let high = 0;
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(key) ?? 0;
    const y = b.get(key) ?? 0;
    low += Math.min(x, y);
    high += Math.max(x, y);
  }
  return high > 0 ? low / high : 0;
}

/** The items in both lists, most shared first (by the smaller share, then by the better of the two ranks). */
export function sharedItems(first: readonly TasteItem[], second: readonly TasteItem[]): SharedItem[] {
  const a = shares(first);
  const b = shares(second);
  const rankInSecond = new Map(second.map((item, index) => [item.key, index + 1]));
  const shared: SharedItem[] = [];
  first.forEach((item, index) => {
    const other = rankInSecond.get(item.key);
    if (other === undefined || shared.some((each) => each.key === item.key)) return;
    shared.push({
      key: item.key,
      name: item.name,
      ...(item.artist === undefined ? {} : { artist: item.artist }),
      ranks: [index + 1, other],
      weight: Math.min(a.get(item.key) ?? 0, b.get(item.key) ?? 0),
    });
  });
  return shared.sort((x, y) => y.weight - x.weight || Math.min(...x.ranks) - Math.min(...y.ranks) || x.ranks[0] - y.ranks[0]);
}

/** The match of two listeners' top artists (each list at most `MATCH_TOP_ARTISTS`, ranked by time). */
export function matchScore(first: readonly TasteItem[], second: readonly TasteItem[]): MatchScore {
  const a = first.slice(0, MATCH_TOP_ARTISTS);
  const b = second.slice(0, MATCH_TOP_ARTISTS);
  const value = weightedJaccard(a, b);
  return { value, percent: Math.round(value * 100), compared: [a.length, b.length], sharedArtists: sharedItems(a, b).length };
}

/**
 * The score in words, for the page: what was compared, the formula's result and the percentage,
 * e.g. "Weighted Jaccard of your top 50 artists by listening time: 0.34 → 34% match".
 */
export function describeMatch(score: MatchScore, rangeLabel: string): string {
  const [a, b] = score.compared;
  const lists = a === b ? `your top ${a} artists` : `your top ${a} and their top ${b} artists`;
  return `Weighted Jaccard of ${lists} by listening time (${rangeLabel.toLowerCase()}): ${score.value.toFixed(2)} → ${score.percent}% match`;
}
