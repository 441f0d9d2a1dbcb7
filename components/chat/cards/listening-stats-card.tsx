import { ChartColumnIcon } from "lucide-react";
import { formatCount } from "@/components/charts/format";
import { hourRange } from "@/components/insights/format";
import type { ListeningStatsOutput } from "@/lib/assistant/client";
import { day, ToolFrame, type ToolCardSpec } from "./shared";

function StatsCard({ output }: { output: ListeningStatsOutput }) {
  const { totals, range } = output;
  const figures = [
    { label: "Minutes", value: formatCount(totals.minutes) },
    { label: "Plays", value: formatCount(totals.plays) },
    { label: "Artists", value: formatCount(totals.artists) },
    { label: "Tracks", value: formatCount(totals.tracks) },
  ];
  return (
    <ToolFrame
      data-testid="stats-card"
      Icon={ChartColumnIcon}
      title={`Listening stats: ${range.label}`}
      description={`${day(range.fromDate)} – ${day(range.toDate)}${output.busiestHour === null ? "" : ` · busiest hour ${hourRange(output.busiestHour)}`}`}
    >
      <dl className="grid grid-cols-2 gap-2 sm:grid-cols-4">
        {figures.map((figure) => (
          <div key={figure.label} className="rounded-lg bg-muted/50 px-3 py-2">
            <dt className="text-xs text-muted-foreground">{figure.label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{figure.value}</dd>
          </div>
        ))}
      </dl>
      {output.topArtists.length > 0 || output.topTracks.length > 0 ? (
        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          {output.topArtists.length > 0 ? (
            <div>
              <h4 className="mb-1 text-xs font-medium text-muted-foreground">Top artists</h4>
              <ol className="flex flex-col gap-1 text-sm">
                {output.topArtists.map((artist, index) => (
                  <li key={artist.name} className="flex justify-between gap-2">
                    <span className="min-w-0 truncate">
                      <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                      {artist.name}
                    </span>
                    <span className="shrink-0 text-muted-foreground tabular-nums">{formatCount(artist.plays, "play")}</span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
          {output.topTracks.length > 0 ? (
            <div>
              <h4 className="mb-1 text-xs font-medium text-muted-foreground">Top tracks</h4>
              <ol className="flex flex-col gap-1 text-sm">
                {output.topTracks.map((track, index) => (
                  <li key={`${track.artist}|${track.name}`} className="flex justify-between gap-2">
                    <span className="min-w-0 truncate">
                      <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                      {track.name} <span className="text-muted-foreground">· {track.artist}</span>
                    </span>
                    <span className="shrink-0 text-muted-foreground tabular-nums">{formatCount(track.plays, "play")}</span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </div>
      ) : null}
    </ToolFrame>
  );
}

export const listeningStatsCard: ToolCardSpec<"listeningStats"> = {
  working: "Counting your plays…",
  failed: "Your listening stats could not be counted",
  Card: StatsCard,
};
