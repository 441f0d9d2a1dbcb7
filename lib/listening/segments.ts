/**
 * The segment format: how a batch of plays (an import chunk, a sync run) is written as one
 * listening segment, and read back. The store keeps segments as opaque `{ count, data }`.
 */
import type { PlayRow } from "./row";

/** A segment's payload as the store keeps it. */
export interface EncodedSegment {
  count: number;
  data: string;
}

interface Columns {
  t: number[];
  ms: number[];
  k: number[];
  /** [trackKey, trackId, trackName, artistName, albumName] */
  tracks: Array<[string, string | null, string, string, string | null]>;
  p: number[];
  platforms: string[];
  f: number[];
}

export function encodePlays(rows: readonly PlayRow[]): EncodedSegment {
  const columns: Columns = { t: [], ms: [], k: [], tracks: [], p: [], platforms: [], f: [] };
  const trackIndex = new Map<string, number>();
  const platformIndex = new Map<string, number>();
  for (const row of rows) {
    let track = trackIndex.get(row.trackKey);
    if (track === undefined) {
      track = columns.tracks.push([row.trackKey, row.trackId, row.trackName, row.artistName, row.albumName]) - 1;
      trackIndex.set(row.trackKey, track);
    }
    let platform = -1;
    if (row.platform) {
      platform = platformIndex.get(row.platform) ?? -1;
      if (platform < 0) {
        platform = columns.platforms.push(row.platform) - 1;
        platformIndex.set(row.platform, platform);
      }
    }
    columns.t.push(row.playedAt);
    columns.ms.push(row.msPlayed);
    columns.k.push(track);
    columns.p.push(platform);
    columns.f.push(row.flags);
  }
  return { count: rows.length, data: JSON.stringify(columns) };
}

export function decodePlays(data: string, visit: (row: PlayRow) => void): void {
  const columns = JSON.parse(data) as Columns;
  for (let i = 0; i < columns.t.length; i += 1) {
    const track = columns.tracks[columns.k[i]!]!;
    const platform = columns.p[i]!;
    visit({
      playedAt: columns.t[i]!,
      msPlayed: columns.ms[i]!,
      trackKey: track[0],
      trackId: track[1],
      trackName: track[2],
      artistName: track[3],
      albumName: track[4],
      platform: platform >= 0 ? (columns.platforms[platform] ?? null) : null,
      flags: columns.f[i]!,
    });
  }
}

/** A `removed` segment: the removal keys (`removalKey`) of plays taken out later. */
export function encodeRemoved(keys: readonly string[]): EncodedSegment {
  return { count: keys.length, data: JSON.stringify(keys) };
}

export function decodeRemoved(data: string): string[] {
  return JSON.parse(data) as string[];
}
