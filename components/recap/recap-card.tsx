import {
  BarList,
  ChartFigure,
  countNoun,
  formatCount,
  formatHours,
  formatMinutes,
  StatTile,
  TICK_STEPS,
  type BarListItem,
  type TimePoint,
  TimeSeriesChart,
  timeSeriesTable,
} from "@/components/charts";
import { formatDay, formatMonth, lowerFirst } from "@/components/insights/format";
import type { RecapData } from "@/lib/insights";

/** Whole minutes as "1,234 min". */
const minutes = (count: number) => formatMinutes(count * 60_000, "short");

const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A year in music: the numbers and the top lists, the same for the owner and a shared link. */
export function RecapCard({ recap }: { recap: RecapData }) {
  const { definitions } = recap;
  const list = (items: RecapData["topArtists"], by: "minutes" | "listens"): BarListItem[] =>
    items.map((item) => ({
      label: item.name,
      sublabel: item.artist,
      value: by === "minutes" ? item.minutes : item.plays,
      display: by === "minutes" ? minutes(item.minutes) : formatCount(item.plays, "listen"),
    }));
  const months: TimePoint[] = recap.months.map((month) => ({
    label: formatMonth(month.month),
    tick: MONTH_NAMES[Number(month.month.slice(5, 7)) - 1] ?? month.month,
    value: month.minutes,
    display: minutes(month.minutes),
  }));
  const streak = recap.longestStreak;
  return (
    <div className="flex flex-col gap-6" data-testid="recap">
      <section aria-label="The year in numbers" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatTile label="Minutes played" value={formatCount(recap.minutes)} unit="min" hint={formatHours(recap.minutes * 60_000)} />
        <StatTile
          label="Listens"
          value={formatCount(recap.listens)}
          unit={countNoun(recap.listens, "listen")}
          hint={`of ${formatCount(recap.plays, "play")} in all`}
        />
        <StatTile
          label="New artists"
          value={formatCount(recap.newArtists)}
          unit={countNoun(recap.newArtists, "artist")}
          hint={formatCount(recap.newTracks, "new track")}
        />
        <StatTile label="Busiest month" value={formatMonth(recap.busiestMonth.month)} hint={minutes(recap.busiestMonth.minutes)} />
      </section>
      <ChartFigure
        title="Month by month"
        description="Minutes played per month, skips included"
        summary={`The busiest month was ${formatMonth(recap.busiestMonth.month)} with ${minutes(recap.busiestMonth.minutes)}.`}
        table={timeSeriesTable(months, ["Month", "Minutes"])}
      >
        {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={months} tickSteps={TICK_STEPS.month} />}
      </ChartFigure>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="recap-artists" className="rounded-xl border bg-card p-5">
          <h2 id="recap-artists" className="font-semibold">
            Top artists
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">By minutes played</p>
          <BarList items={list(recap.topArtists, "minutes")} aria-label="Top artists" />
        </section>
        <section aria-labelledby="recap-tracks" className="rounded-xl border bg-card p-5">
          <h2 id="recap-tracks" className="font-semibold">
            Top tracks
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">By listens</p>
          <BarList items={list(recap.topTracks, "listens")} aria-label="Top tracks" />
        </section>
        <section aria-labelledby="recap-albums" className="rounded-xl border bg-card p-5">
          <h2 id="recap-albums" className="font-semibold">
            Top albums
          </h2>
          <p className="mb-3 text-sm text-muted-foreground">By minutes played</p>
          <BarList items={list(recap.topAlbums, "minutes")} aria-label="Top albums" />
        </section>
      </div>
      {recap.genres.length > 0 || streak ? (
        <section aria-label="More" className="grid gap-3 md:grid-cols-2">
          {recap.genres.length > 0 ? (
            <div className="rounded-xl border bg-card p-5">
              <h2 className="font-semibold">Top genres</h2>
              <p className="mt-2 text-sm text-muted-foreground">{recap.genres.map((genre) => genre.genre).join(" · ")}</p>
            </div>
          ) : null}
          {streak ? (
            <div className="rounded-xl border bg-card p-5">
              <h2 className="font-semibold">Longest streak</h2>
              <p className="mt-2 text-sm text-muted-foreground" data-testid="recap-streak">
                {formatCount(streak.days, "day")} in a row, {formatDay(streak.start)} – {formatDay(streak.end)}
                {streak.run.days > streak.days
                  ? ` (days in ${recap.year} of a ${streak.run.days.toLocaleString("en")}-day streak, ${formatDay(streak.run.start)} – ${formatDay(streak.run.end)})`
                  : ""}
              </p>
            </div>
          ) : null}
        </section>
      ) : null}
      <p className="text-xs text-muted-foreground">
        A listen is {lowerFirst(definitions.listen)}; minutes count every play, skips included. A new artist is one whose first listen falls
        in {recap.year}. A streak: {lowerFirst(definitions.streak)}.
      </p>
    </div>
  );
}
