import { normaliseName } from "@/lib/listening";

/** Listener × artist listens: artists by normalised name, with a display name each. */
export interface ArtistMatrix {
  artists: string[];
  names: string[];
  /** Per listener: artist → listens. */
  rows: Array<Map<number, number>>;
}

/** One listener's listens as the artist name of each. */
export type ArtistRow = string[];

/** Listener × artist listen counts from artist names (identity: the normalised name). */
export function matrixFromRows(rows: ArtistRow[]): ArtistMatrix {
  const ids = new Map<string, number>();
  const names: string[] = [];
  const matrix: Array<Map<number, number>> = [];
  for (const row of rows) {
    const counts = new Map<number, number>();
    for (const name of row) {
      const key = normaliseName(name);
      let id = ids.get(key);
      if (id === undefined) {
        id = names.push(name) - 1;
        ids.set(key, id);
      }
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    matrix.push(counts);
  }
  return { artists: [...ids.keys()], names, rows: matrix };
}
