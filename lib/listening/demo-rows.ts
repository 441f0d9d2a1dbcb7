/** Generated demo streams as listening-index rows (music only), for cohorts, evaluations and benchmarks. */
import type { DemoCatalog, DemoStream } from "@/lib/demo";
import { toPlayRow, type PlayRow } from "./row";

export function demoIndexRows(streams: DemoStream[], catalog: DemoCatalog): PlayRow[] {
  const rows: PlayRow[] = [];
  for (const stream of streams) {
    const track = stream.trackId ? catalog.tracksById.get(stream.trackId) : undefined;
    if (!track) continue;
    rows.push(
      toPlayRow({
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
      }),
    );
  }
  return rows;
}
