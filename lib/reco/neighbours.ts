/**
 * The product's collaborative model: artist-to-artist neighbours from listener × artist listens
 * (cosine over log(1 + listens), shrunk towards zero for artists few listeners share), the
 * item-KNN family that measured best for its cost on implicit play counts. Pure.
 */
import type { ListeningIndex } from "@/lib/listening";

export interface ArtistMatrix {
  /** Normalised artist names (the identity). */
  artists: string[];
  names: string[];
  /** Per listener: artist → listens. */
  rows: Array<Map<number, number>>;
}

export interface NeighbourModel {
  artists: string[];
  names: string[];
  /** Per artist, flattened pairs [neighbour, similarity, neighbour, similarity, …], best first. */
  neighbours: number[][];
}

export function artistNeighbours(matrix: ArtistMatrix, options: { k: number; shrink: number }): NeighbourModel {
  const size = matrix.artists.length;
  const norms = new Float64Array(size);
  for (const row of matrix.rows) for (const [artist, count] of row) norms[artist]! += Math.log1p(count) ** 2;
  const dots = Array.from({ length: size }, () => new Map<number, number>());
  for (const row of matrix.rows) {
    const entries = [...row].map(([artist, count]) => [artist, Math.log1p(count)] as const);
    for (let a = 0; a < entries.length; a++) {
      const [first, weightA] = entries[a]!;
      const firstDots = dots[first]!;
      for (let b = 0; b < entries.length; b++) {
        if (a === b) continue;
        const [second, weightB] = entries[b]!;
        firstDots.set(second, (firstDots.get(second) ?? 0) + weightA * weightB);
      }
    }
  }
  const neighbours = dots.map((row, artist) => {
    const scored: Array<[number, number]> = [];
    for (const [other, dot] of row) scored.push([other, dot / (Math.sqrt(norms[artist]! * norms[other]!) + options.shrink)]);
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return scored.slice(0, options.k).flatMap(([other, score]) => [other, Math.round(score * 1e5) / 1e5]);
  });
  return { artists: matrix.artists, names: matrix.names, neighbours };
}

/** Scores every artist for one listener's row: the sum of neighbour similarities weighted by log listens. */
export function scoreArtists(model: NeighbourModel, row: Map<number, number>): Float64Array {
  const scores = new Float64Array(model.artists.length);
  for (const [artist, count] of row) {
    const weight = Math.log1p(count);
    const neighbours = model.neighbours[artist] ?? [];
    for (let at = 0; at < neighbours.length; at += 2) scores[neighbours[at]!]! += weight * neighbours[at + 1]!;
  }
  return scores;
}

const HOLDOUT_MS = 60 * 86_400_000;

/**
 * Held-out time: each listener's last 60 days are hidden, the model is trained on everything
 * before, and it ranks the artists the listener had never played; the artists they did start
 * playing in those days are the hits. Recall@50 and NDCG@20, averaged over listeners with any.
 */
export function evaluateNeighbours(
  indexes: ListeningIndex[],
  options: { k: number; shrink: number; listenThresholdMs?: number },
): { recallAt50: number; ndcgAt20: number; users: number } {
  const threshold = options.listenThresholdMs ?? 30_000;
  const keys = new Map<string, number>();
  const names: string[] = [];
  const rows: Array<Map<number, number>> = [];
  const heldOut: Array<Set<number>> = [];
  for (const index of indexes) {
    const cut = (index.count > 0 ? index.playedAt[index.count - 1]! : 0) - HOLDOUT_MS;
    const local = index.artists.map((artist) => {
      let id = keys.get(artist.key);
      if (id === undefined) {
        id = names.push(artist.name) - 1;
        keys.set(artist.key, id);
      }
      return id;
    });
    const before = new Map<number, number>();
    const after = new Set<number>();
    for (let row = 0; row < index.count; row++) {
      if (index.msPlayed[row]! < threshold) continue;
      const artist = local[index.artist[row]!]!;
      if (index.playedAt[row]! < cut) before.set(artist, (before.get(artist) ?? 0) + 1);
      else after.add(artist);
    }
    for (const artist of before.keys()) after.delete(artist);
    rows.push(before);
    heldOut.push(after);
  }
  const model = artistNeighbours({ artists: [...keys.keys()], names, rows }, options);
  let recall = 0;
  let ndcg = 0;
  let users = 0;
  rows.forEach((row, user) => {
    const truth = heldOut[user]!;
    if (truth.size === 0 || row.size === 0) return;
    const scores = scoreArtists(model, row);
    const ranked = [...scores.keys()].filter((artist) => scores[artist]! > 0 && !row.has(artist)).sort((a, b) => scores[b]! - scores[a]!);
    const top50 = ranked.slice(0, 50);
    recall += top50.filter((artist) => truth.has(artist)).length / Math.min(truth.size, 50);
    let dcg = 0;
    top50.slice(0, 20).forEach((artist, rank) => {
      if (truth.has(artist)) dcg += 1 / Math.log2(rank + 2);
    });
    let ideal = 0;
    for (let rank = 0; rank < Math.min(truth.size, 20); rank++) ideal += 1 / Math.log2(rank + 2);
    ndcg += dcg / ideal;
    users += 1;
  });
  return { recallAt50: users > 0 ? recall / users : 0, ndcgAt20: users > 0 ? ndcg / users : 0, users };
}
