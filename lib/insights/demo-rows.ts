/** Generated demo streams as listening-index rows (music only), for cohorts, evaluations and benchmarks. */
import type { DemoCatalog, DemoStream } from "@/lib/demo";
import type { IndexRow } from "./build";

export function demoIndexRows(streams: DemoStream[], catalog: DemoCatalog): IndexRow[] {
  const rows: IndexRow[] = [];
  for (const stream of streams) {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) continue;
    rows.push({
      playedAt: stream.ts.getTime(),
      msPlayed: stream.msPlayed,
      trackKey: `spotify:track:${track.id}`,
      trackId: track.id,
      trackName: track.name,
      artistName: catalog.artistsById.get(track.artistIds[0] ?? "")?.name ?? "Unknown artist",
      albumName: catalog.albumsById.get(track.albumId)?.name ?? null,
      platform: stream.platform,
      skipped: stream.skipped,
      reasonEnd: stream.reasonEnd,
      shuffle: stream.shuffle,
      minutePrecision: false,
    });
  }
  return rows;
}
