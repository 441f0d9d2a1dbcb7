import { historyCandidate, type Candidate, type SourceInput } from "./candidate";

const SESSION_GAP_MS = 30 * 60_000;
const NEIGHBOUR_ARTISTS = 8;
const TRACKS_PER_ARTIST = 3;

/**
 * "More like X": the artists the listener plays in the same sessions as X's artist (its artist's
 * neighbours), each with the listener's own most played tracks, and X's artist's other favourites.
 * Session neighbours of X itself come from `sessionNeighbours`. Empty without a known seed.
 */
export function seedArtistNeighbours({ index, request, heard }: SourceInput): Candidate[] {
  const seedId = request.seed ? heard.get(request.seed) : undefined;
  if (seedId === undefined) return [];
  const seedArtist = index.tracks[seedId]!.artist;
  // Sessions that play the seed's artist, and how often every other artist shares one with it.
  const together = new Map<number, number>();
  let sessionStart = 0;
  const closeSession = (end: number) => {
    let hasSeed = false;
    for (let row = sessionStart; row < end && !hasSeed; row++) hasSeed = index.artist[row] === seedArtist;
    if (!hasSeed) return;
    const counted = new Set<number>();
    for (let row = sessionStart; row < end; row++) {
      const artist = index.artist[row]!;
      if (artist === seedArtist || counted.has(artist)) continue;
      counted.add(artist);
      together.set(artist, (together.get(artist) ?? 0) + 1);
    }
  };
  for (let row = 1; row <= index.count; row++) {
    if (row === index.count || index.playedAt[row]! - index.msPlayed[row]! - index.playedAt[row - 1]! > SESSION_GAP_MS) {
      closeSession(row);
      sessionStart = row;
    }
  }
  const neighbours = [...together.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, NEIGHBOUR_ARTISTS);
  const maxShared = Math.max(1, neighbours[0]?.[1] ?? 1);
  // Each wanted artist's most played tracks (one pass over the plays).
  const wanted = new Set([seedArtist, ...neighbours.map(([artist]) => artist)]);
  const plays = new Map<number, number>();
  for (let row = 0; row < index.count; row++)
    if (wanted.has(index.artist[row]!)) plays.set(index.track[row]!, (plays.get(index.track[row]!) ?? 0) + 1);
  const topTracks = new Map<number, number[]>();
  for (const [track, count] of [...plays.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
    if (track === seedId) continue;
    const artist = index.tracks[track]!.artist;
    const list = topTracks.get(artist) ?? [];
    if (list.length < TRACKS_PER_ARTIST && count >= 2) list.push(track);
    topTracks.set(artist, list);
  }
  const seedName = index.tracks[seedId]!.name;
  const seedArtistName = index.artists[seedArtist]?.name ?? "";
  const candidates: Candidate[] = [];
  for (const [position, track] of (topTracks.get(seedArtist) ?? []).entries())
    candidates.push(
      historyCandidate(index, track, "session", 0.75 - position * 0.1, `More of ${seedArtistName}, the artist of “${seedName}”.`),
    );
  for (const [artist, shared] of neighbours) {
    for (const [position, track] of (topTracks.get(artist) ?? []).entries())
      candidates.push(
        historyCandidate(
          index,
          track,
          "session",
          (0.9 * shared) / maxShared - position * 0.1,
          `You play ${index.artists[artist]?.name ?? ""} in the same sessions as ${seedArtistName} (${shared} times).`,
        ),
      );
  }
  return candidates;
}
