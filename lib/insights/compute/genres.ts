/** Listening by genre, from a genre lookup by artist name (genres are not part of the index). */
import type { ListeningIndex } from "@/lib/listening";
import { clampLimit, compareText, rowSlice, type InsightQuery } from "./query";

/** One genre's share of listening. */
export interface GenreShare {
  genre: string;
  /** Time played, an artist's time split equally across its genres (rounded to the ms). */
  msPlayed: number;
  /** Share (0-1) of the time of artists with known genres. */
  share: number;
}

/**
 * The top genres of a range: each artist's time is split equally across its genres. Artists
 * without known genres are left out of the shares; null when no artist in the range has any.
 */
export function genres(
  index: ListeningIndex,
  q: InsightQuery,
  genreOf: (artistName: string) => readonly string[] | undefined,
  options: { limit?: number } = {},
): GenreShare[] | null {
  const { start, end } = rowSlice(index, q.from, q.to);
  const artistTime = new Float64Array(index.artists.length);
  for (let row = start; row < end; row++) {
    const artist = index.artist[row] as number;
    artistTime[artist] = (artistTime[artist] as number) + (index.msPlayed[row] as number);
  }
  const byGenre = new Map<string, number>();
  let known = 0;
  for (let artist = 0; artist < artistTime.length; artist++) {
    const time = artistTime[artist] as number;
    if (time <= 0) continue;
    const names = uniqueGenres(genreOf(index.artists[artist]?.name ?? ""));
    if (names.length === 0) continue;
    known += time;
    for (const genre of names) byGenre.set(genre, (byGenre.get(genre) ?? 0) + time / names.length);
  }
  if (byGenre.size === 0) return null;
  return [...byGenre]
    .sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))
    .slice(0, clampLimit(options.limit, 10))
    .map(([genre, time]) => ({ genre, msPlayed: Math.round(time), share: known > 0 ? time / known : 0 }));
}

function uniqueGenres(names: readonly string[] | undefined): string[] {
  if (!names || names.length === 0) return [];
  return [...new Set(names.filter((name) => name.length > 0))];
}

/** How much of a range's listening the genres describe. */
export interface GenreCoverage {
  /** Plays (any stream) in the range. */
  plays: number;
  /** Plays of artists with known genres. */
  known: number;
  /** known / plays (0 when there are no plays). */
  share: number;
}

/** The share of a range's plays whose artist has known genres: shown beside the genre chart. */
export function genreCoverage(
  index: ListeningIndex,
  q: InsightQuery,
  genreOf: (artistName: string) => readonly string[] | undefined,
): GenreCoverage {
  const { start, end } = rowSlice(index, q.from, q.to);
  const knownArtist = new Int8Array(index.artists.length).fill(-1);
  let known = 0;
  for (let row = start; row < end; row++) {
    const artist = index.artist[row] as number;
    if (knownArtist[artist] === -1) knownArtist[artist] = uniqueGenres(genreOf(index.artists[artist]?.name ?? "")).length > 0 ? 1 : 0;
    known += knownArtist[artist] as number;
  }
  const plays = end - start;
  return { plays, known, share: plays > 0 ? known / plays : 0 };
}
