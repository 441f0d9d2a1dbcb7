import type { ToolCardSpec } from "./shared";
import { TrackListCard } from "./track-list";

export const buildPlaylistCard: ToolCardSpec<"buildPlaylist"> = {
  working: "Building the playlist…",
  failed: "The playlist could not be built",
  Card: ({ output }) => (
    <TrackListCard
      tool="buildPlaylist"
      title={`Playlist draft: ${output.name}`}
      description={output.description || undefined}
      tracks={output.tracks}
      dropped={output.dropped}
      summary={output.summary}
    />
  ),
};
