import { HistoryIcon } from "lucide-react";
import { formatCount } from "@/components/charts/format";
import type { SearchHistoryOutput } from "@/lib/assistant/client";
import { day, ToolFrame, type ToolCardSpec } from "./shared";

function HistoryCard({ output }: { output: SearchHistoryOutput }) {
  return (
    <ToolFrame
      data-testid="history-card"
      Icon={HistoryIcon}
      title={`In your history: “${output.query}”`}
      description={output.matches.length === 0 ? output.summary : `Listens and minutes: ${output.range.label}`}
    >
      {output.matches.length > 0 ? (
        <ul className="flex flex-col gap-2 text-sm">
          {output.matches.map((match) => (
            <li key={`${match.kind}|${match.artist ?? ""}|${match.name}`} className="flex flex-col">
              <span className="font-medium">
                {match.name}
                {match.artist ? <span className="font-normal text-muted-foreground"> · {match.artist}</span> : null}
                <span className="ml-1.5 rounded bg-accent px-1.5 py-0.5 text-xs font-normal text-accent-foreground">
                  {match.kind === "artist" ? "Artist" : "Track"}
                </span>
              </span>
              <span className="text-xs text-muted-foreground">
                {formatCount(match.plays, "listen")} · {formatCount(match.minutes, "minute")}
                {match.firstPlayedAt && match.lastPlayedAt
                  ? ` · first listen ${day(match.firstPlayedAt)}, last ${day(match.lastPlayedAt)}`
                  : " · never a full listen"}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </ToolFrame>
  );
}

export const searchHistoryCard: ToolCardSpec<"searchHistory"> = {
  working: "Searching your history…",
  failed: "Your history could not be searched",
  Card: HistoryCard,
};
