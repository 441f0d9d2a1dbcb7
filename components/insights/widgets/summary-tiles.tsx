import { formatCount, formatHours, StatTile } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatDuration, formatShare } from "../format";

export function SummaryTiles({ data }: { data: DashboardData }) {
  const { totals, sessions } = data;
  return (
    <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="summary-tiles">
      <StatTile label="Minutes listened" value={formatCount(Math.round(totals.msPlayed / 60_000))} hint={formatHours(totals.msPlayed)} />
      <StatTile label="Plays" value={formatCount(totals.plays)} hint={`${formatCount(totals.listens)} listens`} />
      <StatTile label="Artists" value={formatCount(totals.artists)} />
      <StatTile label="Tracks" value={formatCount(totals.tracks)} />
      <StatTile label="Skip rate" value={formatShare(data.skips.rate)} hint={`${formatCount(totals.skips)} skips`} />
      <StatTile
        label="Sessions"
        value={formatCount(sessions.count)}
        hint={sessions.count > 0 ? `${formatDuration(sessions.averageMs)} on average` : undefined}
      />
    </section>
  );
}
