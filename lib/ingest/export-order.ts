/**
 * The order an export's files are best stored in: the order Spotify numbered them, which is time
 * order. Sorted by name (a shell glob, a directory listing) they are not: the years come before the
 * number (`Streaming_History_Audio_2017-2018_2.json`, `…_2017_1.json`), and `-` sorts before `_`.
 * Storing out of order splits days between passes of the import (see `importExport`); on a
 * generated 300,000-play export read in name order, 40 days of rollups were written twice.
 */

/** A numbered file of a series: `<series>[_<years>]_<n>.json`, as Spotify names them. */
const NUMBERED = /^(.*?)(?:_\d{4}(?:-\d{4})?)?_(\d+)\.json$/i;

function numbered(name: string): { series: string; n: number } | undefined {
  const base = name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
  const match = NUMBERED.exec(base);
  return match ? { series: match[1]!.toLowerCase(), n: Number(match[2]) } : undefined;
}

/**
 * The files with each numbered series in its own order, in the places its files held (every other
 * file stays where it was).
 */
export function inExportOrder<T extends { name: string }>(files: readonly T[]): T[] {
  const ordered = [...files];
  const series = new Map<string, number[]>();
  files.forEach((file, index) => {
    const key = numbered(file.name)?.series;
    if (key !== undefined) series.set(key, [...(series.get(key) ?? []), index]);
  });
  for (const places of series.values()) {
    const byNumber = places.map((index) => files[index]!).sort((a, b) => numbered(a.name)!.n - numbered(b.name)!.n);
    places.forEach((place, position) => (ordered[place] = byNumber[position]!));
  }
  return ordered;
}
