import { type BarListItem, ChartFigure, formatCount } from "@/components/charts";
import { STATISTIC_NAMES, type DashboardData } from "@/lib/insights/client";
import { formatShare, lowerFirst } from "../format";
import { BarList, BarListTable } from "./chart-leaves";

export function SkipsWidget({ data }: { data: DashboardData }) {
  const items: BarListItem[] = data.skips.mostSkipped.map((track) => ({
    label: track.name,
    sublabel: `${track.artist} · skipped ${formatShare(track.rate)} of ${formatCount(track.plays, "play")}`,
    value: track.skips,
    display: formatCount(track.skips, "skip"),
  }));
  const title = "What gets skipped";
  return (
    <ChartFigure
      title={title}
      description={`Skip rate ${formatShare(data.skips.rate)} of ${formatCount(data.totals.plays, "play")}. ${STATISTIC_NAMES.skip}: ${lowerFirst(data.definitions.skip)}.`}
      summary={items[0] ? `Most skipped: ${items[0].label}.` : "No skips worth ranking in this range."}
      summaryHidden
      table={<BarListTable items={items} columns={["Track", "Skips"]} caption={title} />}
    >
      <BarList items={items} aria-label="Most skipped tracks" emptyText="Nothing skipped three times or more in this range." />
    </ChartFigure>
  );
}
