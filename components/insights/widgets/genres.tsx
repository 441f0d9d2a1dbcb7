import { ChartFigure, formatHours, ShareBar, shareTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatShare } from "../format";

export function GenresWidget({ data }: { data: DashboardData }) {
  const items = (data.genres ?? []).map((genre) => ({
    label: genre.genre,
    value: genre.msPlayed,
    display: `${formatShare(genre.share)} · ${formatHours(genre.msPlayed)}`,
  }));
  return (
    <ChartFigure
      title="Top genres"
      description="From the genres of the artists you played"
      summary={items[0] ? `Top genre: ${items[0].label}.` : "No genres known."}
      table={shareTable(items, ["Genre", "Share"])}
    >
      {(summaryId) => <ShareBar labelledBy={summaryId} items={items} />}
    </ChartFigure>
  );
}
