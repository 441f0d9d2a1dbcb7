import { ChartFigure, formatHours, ShareBar, shareTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatShare } from "../format";

export function GenresWidget({ data }: { data: DashboardData }) {
  const items = (data.genres ?? []).map((genre) => ({
    label: genre.genre,
    value: genre.msPlayed,
    display: `${formatShare(genre.share)} · ${formatHours(genre.msPlayed)}`,
  }));
  const coverage = data.genreCoverage;
  // Genres describe only the artists we know them for: say how much of the listening that is.
  const known =
    coverage && coverage.plays > 0
      ? `Genre known for ${formatShare(coverage.share)} of plays (${coverage.known.toLocaleString("en")} of ${coverage.plays.toLocaleString("en")})`
      : null;
  return (
    <ChartFigure
      title="Top genres"
      description="From the genres of the artists you played"
      summary={items[0] ? `Top genre: ${items[0].label}.` : "No genres known for the artists in this range."}
      table={shareTable(items, ["Genre", "Share"])}
    >
      {(summaryId) => (
        <>
          <ShareBar labelledBy={summaryId} items={items} />
          {known ? (
            <p className="mt-2 text-xs text-muted-foreground" data-testid="genre-coverage">
              {known}
            </p>
          ) : null}
        </>
      )}
    </ChartFigure>
  );
}
