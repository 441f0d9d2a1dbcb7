import { SparklesIcon } from "lucide-react";
import { formatShare } from "@/components/insights/format";
import type { TasteOutput } from "@/lib/assistant/client";
import { ToolFrame, type ToolCardSpec } from "./shared";

function Shares({ title, items }: { title: string; items: Array<{ name: string; share: number }> }) {
  if (items.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1 text-xs font-medium text-muted-foreground">{title}</h4>
      <ul className="flex flex-col gap-1.5 text-sm">
        {items.map((item) => (
          <li key={item.name}>
            <div className="flex justify-between gap-2">
              <span className="min-w-0 truncate">{item.name}</span>
              <span className="shrink-0 text-muted-foreground tabular-nums">{formatShare(item.share)}</span>
            </div>
            <div aria-hidden="true" className="mt-0.5 h-1.5 rounded-full bg-muted">
              <div className="h-full rounded-full bg-primary" style={{ width: `${Math.min(100, Math.max(0, item.share * 100))}%` }} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}

function TasteCard({ output }: { output: TasteOutput }) {
  return (
    <ToolFrame data-testid="taste-card" Icon={SparklesIcon} title="Your taste" description={output.summary}>
      <div className="grid gap-4 sm:grid-cols-3">
        <Shares title="Top artists" items={output.topArtists} />
        <Shares title="Top genres" items={output.topGenres} />
        <Shares title="Decades" items={output.decades.map((decade) => ({ name: decade.decade, share: decade.share }))} />
      </div>
      {output.habits.length > 0 ? (
        <>
          <h4 className="mt-4 mb-1 text-xs font-medium text-muted-foreground">Habits</h4>
          <ul className="list-disc pl-5 text-sm">
            {output.habits.map((habit) => (
              <li key={habit}>{habit}</li>
            ))}
          </ul>
        </>
      ) : null}
    </ToolFrame>
  );
}

export const explainTasteCard: ToolCardSpec<"explainTaste"> = {
  working: "Reading your taste…",
  failed: "Your taste could not be read",
  Card: TasteCard,
};
