import { ChartFigure, formatCount, TICK_STEPS, type TimePoint } from "@/components/charts";
import { STATISTIC_NAMES, type DashboardData } from "@/lib/insights/client";
import { formatMonth, formatMonthShort, formatShare, lowerFirst } from "../format";
import { TimeSeriesChart, TimeSeriesTable } from "./chart-leaves";

/**
 * New artists and tracks: new means the first listen ever falls inside the range. When nothing comes
 * before the range (all time) every listen is "new", so the widget shows each year's discovery instead.
 */
export function DiscoveryWidget({ data }: { data: DashboardData }) {
  const { discovery, definitions } = data;
  const counts = `${formatCount(discovery.newArtists, "new artist")} and ${formatCount(discovery.newTracks, "new track")}`;
  if (discovery.everythingNew && discovery.byYear.length > 0) return <DiscoveryByYear data={data} />;
  const points: TimePoint[] = discovery.newArtistsByMonth.map((month) => ({
    label: formatMonth(month.month),
    shortTick: formatMonthShort(month.month),
    value: month.count,
    display: formatCount(month.count, "new artist"),
  }));
  const title = "Discovery";
  return (
    <ChartFigure
      title={title}
      description={`New artists per month. ${STATISTIC_NAMES.newArtist}: ${lowerFirst(definitions.newArtist)}.`}
      summary={`${counts} in this range; ${formatShare(discovery.newTrackShare)} of ${formatCount(discovery.listens, "listen")} went to new tracks.`}
      table={<TimeSeriesTable points={points} columns={["Month", "New artists"]} caption={title} />}
    >
      {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={points} integerTicks tickSteps={TICK_STEPS.month} />}
    </ChartFigure>
  );
}

function DiscoveryByYear({ data }: { data: DashboardData }) {
  const { discovery, definitions } = data;
  const years = discovery.byYear;
  const points: TimePoint[] = years.map((year) => ({
    label: String(year.year),
    shortTick: `’${String(year.year).slice(-2)}`,
    value: year.newArtists,
    display: formatCount(year.newArtists, "new artist"),
  }));
  return (
    <ChartFigure
      title="Discovery"
      description={`New artists per year. Nothing comes before this range, so every listen in it is new to it: each year tells more.`}
      summary={`${formatCount(discovery.newArtists, "artist")} and ${formatCount(discovery.newTracks, "track")} discovered from ${years[0]?.year} to ${years.at(-1)?.year}.`}
    >
      {(summaryId) => (
        <div className="flex flex-col gap-4">
          <TimeSeriesChart labelledBy={summaryId} points={points} integerTicks tickSteps={TICK_STEPS.year} />
          <div className="overflow-x-auto" role="region" aria-label="Discovery per year" tabIndex={0}>
            {/* `stats-table` styles the cells: a row of years is a dozen cells, each sent twice. */}
            <table className="stats-table" data-testid="discovery-by-year">
              <caption className="sr-only">Discovery per year</caption>
              <thead>
                <tr>
                  <th scope="col">Year</th>
                  <th scope="col">New artists</th>
                  <th scope="col">New tracks</th>
                  <th scope="col">Listens to new tracks</th>
                </tr>
              </thead>
              <tbody>
                {years.map((year) => (
                  <tr key={year.year}>
                    <th scope="row">{year.year}</th>
                    <td>{formatCount(year.newArtists, "artist")}</td>
                    <td>{formatCount(year.newTracks, "track")}</td>
                    <td>
                      {`${formatShare(year.newTrackShare)} `}
                      <span className="text-muted-foreground">{`of ${formatCount(year.listens, "listen")}`}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="text-xs text-muted-foreground">
            {`${STATISTIC_NAMES.newInYear}: ${lowerFirst(definitions.newInYear)}. ${STATISTIC_NAMES.newTrackShareInYear}: ${lowerFirst(definitions.newTrackShareInYear)}.`}
          </p>
        </div>
      )}
    </ChartFigure>
  );
}
