import { OpenDraftButton } from "@/components/playlists/open-draft-button";
import { playlistTracksOf } from "./playlist-tracks";
import type { ToolCardSpec } from "./shared";
import { TrackListCard } from "./track-list";

export const buildPlaylistCard: ToolCardSpec<"buildPlaylist"> = {
  working: "Building the playlist…",
  failed: "The playlist could not be built",
  Card: ({ output }) => (
    <>
      <TrackListCard
        tool="buildPlaylist"
        title={`Playlist draft: ${output.name}`}
        description={output.description || undefined}
        tracks={output.tracks}
        dropped={output.dropped}
        summary={output.summary}
      />
      <OpenDraftButton
        playlistId={output.playlistId}
        name={output.name}
        description={output.description}
        tracks={playlistTracksOf(output.tracks)}
      />
    </>
  ),
};
