/** A list of real tracks with their art: recommendations, catalogue finds and playlist drafts. */
import { ListMusicIcon } from "lucide-react";
import { formatCount } from "@/components/charts/format";
import type { ToolName, TrackCard as Track } from "@/lib/assistant/client";
import { ToolFrame, TrackRow } from "./shared";

export function TrackListCard({
  tool,
  title,
  description,
  tracks,
  dropped,
  summary,
}: {
  tool: ToolName;
  title: string;
  description?: string | undefined;
  tracks: Track[];
  dropped: number;
  summary: string;
}) {
  return (
    <ToolFrame data-testid="track-list-card" data-tool={tool} Icon={ListMusicIcon} title={title} description={description}>
      {tracks.length === 0 ? (
        <p className="text-sm text-muted-foreground">{summary}</p>
      ) : (
        <ol className="flex flex-col gap-1">
          {tracks.map((track) => (
            <TrackRow key={track.key} track={track} />
          ))}
        </ol>
      )}
      {dropped > 0 ? (
        <p className="mt-2 text-xs text-muted-foreground">
          {formatCount(dropped, "suggestion")} left out: {dropped === 1 ? "it" : "they"} did not match a real track.
        </p>
      ) : null}
    </ToolFrame>
  );
}
