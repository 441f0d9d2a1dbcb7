import { ChartFigure, formatCount, type TimePoint, TimeSeriesChart, timeSeriesTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatMonth, formatShare } from "../format";

export function DiscoveryWidget({ data }: { data: DashboardData }) {
  const { discovery } = data;
  const points: TimePoint[] = discovery.newArtistsByMonth.map((month) => ({
    label: formatMonth(month.month),
    value: month.count,
    display: formatCount(month.count, "new artist"),
  }));
  return (
    <ChartFigure
      title="Discovery"
      description={`${formatCount(discovery.newArtists, "new artist")} · ${formatShare(discovery.newTrackShare)} of listens were new tracks`}
      summary={`${formatCount(discovery.newArtists, "artist")} heard for the first time in this range.`}
      table={timeSeriesTable(points, ["Month", "New artists"])}
    >
      {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={points} integerTicks />}
    </ChartFigure>
  );
}
