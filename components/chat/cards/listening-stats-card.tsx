import { ChartColumnIcon } from "lucide-react";
import { formatCount } from "@/components/charts/format";
import { hourRange } from "@/components/insights/format";
import type { ListeningStatsOutput } from "@/lib/assistant/client";
import { day, ToolFrame, type ToolCardSpec } from "./shared";

function StatsCard({ output }: { output: ListeningStatsOutput }) {
  const { totals, range } = output;
  // The list the question was about first; artists and tracks when it named none.
  const lists = [
    { kind: "artist", title: "Top artists", items: output.topArtists },
    { kind: "track", title: "Top tracks", items: output.topTracks },
    { kind: "album", title: "Top albums", items: output.topAlbums },
  ].filter((list) => (output.kind === null ? list.kind !== "album" : list.kind === output.kind));
  const figures = [
    { label: "Minutes", value: formatCount(totals.minutes) },
    { label: "Listens", value: formatCount(totals.plays) },
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
      <div className="mt-4 grid gap-4 sm:grid-cols-2">
        {lists.map((list) =>
          list.items.length > 0 ? (
            <div key={list.title}>
              <h4 className="mb-1 text-xs font-medium text-muted-foreground">
                {list.title} {output.by === "time" ? "by minutes" : "by listens"}
              </h4>
              <ol className="flex flex-col gap-1 text-sm">
                {list.items.map((item, index) => (
                  <li key={`${item.artist ?? ""}|${item.name}`} className="flex justify-between gap-2">
                    <span className="min-w-0 truncate">
                      <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                      {item.name}
                      {item.artist ? <span className="text-muted-foreground"> · {item.artist}</span> : null}
                    </span>
                    <span className="shrink-0 text-muted-foreground tabular-nums">
                      {output.by === "time" ? formatCount(item.minutes, "minute") : formatCount(item.plays, "listen")}
                    </span>
                  </li>
                ))}
              </ol>
            </div>
          ) : null,
        )}
        {output.kind === "genre" && output.topGenres.length > 0 ? (
          <div>
            <h4 className="mb-1 text-xs font-medium text-muted-foreground">Top genres by listening time</h4>
            <ol className="flex flex-col gap-1 text-sm">
              {output.topGenres.map((genre, index) => (
                <li key={genre.name} className="flex justify-between gap-2">
                  <span className="min-w-0 truncate">
                    <span className="mr-1.5 text-muted-foreground tabular-nums">{index + 1}.</span>
                    {genre.name}
                  </span>
                  <span className="shrink-0 text-muted-foreground tabular-nums">{Math.round(genre.share * 100)}%</span>
                </li>
              ))}
            </ol>
          </div>
        ) : null}
      </div>
    </ToolFrame>
  );
}

export const listeningStatsCard: ToolCardSpec<"listeningStats"> = {
  working: "Counting your plays…",
  failed: "Your listening stats could not be counted",
  Card: StatsCard,
};
