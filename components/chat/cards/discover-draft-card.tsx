import { OpenDraftButton } from "@/components/playlists/open-draft-button";
import { playlistTracksOf } from "./playlist-tracks";
import type { ToolCardSpec } from "./shared";
import { TrackListCard } from "./track-list";

/** The listener's own Discover draft, shown like any playlist draft before saving. */
export const discoverDraftCard: ToolCardSpec<"discoverDraft"> = {
  working: "Reading your Discover draft…",
  failed: "Your Discover draft could not be read",
  Card: ({ output }) => (
    <>
      <TrackListCard
        tool="discoverDraft"
        title={`Your Discover draft: ${output.name}`}
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
