import { countNoun, formatCount, formatHours, StatTile } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatDuration, formatShare } from "../format";

/** The headline numbers, each with its unit; the sessions tile shows the same median as the Sessions widget. */
export function SummaryTiles({ data }: { data: DashboardData }) {
  const { totals, sessions } = data;
  const count = (n: number, noun: string) => ({ value: formatCount(n), unit: countNoun(n, noun) });
  return (
    <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="summary-tiles">
      <StatTile
        label="Minutes played"
        value={formatCount(Math.round(totals.msPlayed / 60_000))}
        unit="min"
        hint={formatHours(totals.msPlayed)}
      />
      <StatTile label="Plays" {...count(totals.plays, "play")} hint={formatCount(totals.listens, "listen")} />
      <StatTile label="Artists" {...count(totals.artists, "artist")} />
      <StatTile label="Tracks" {...count(totals.tracks, "track")} />
      <StatTile
        label="Skip rate"
        value={formatShare(data.skips.rate)}
        hint={`${formatCount(totals.skips, "skip")} of ${formatCount(totals.plays, "play")}`}
      />
      <StatTile
        label="Sessions"
        {...count(sessions.count, "session")}
        hint={sessions.count > 0 ? `median ${formatDuration(sessions.medianMs)}` : undefined}
      />
    </section>
  );
}
