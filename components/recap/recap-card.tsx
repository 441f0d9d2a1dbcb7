import { BarList, formatCount, formatHours, StatTile, type BarListItem } from "@/components/charts";
import { formatDay, formatMonth } from "@/components/insights/format";
import type { RecapData } from "@/lib/insights";

/** A year in music: the numbers and the top lists, the same for the owner and a shared link. */
export function RecapCard({ recap }: { recap: RecapData }) {
  const list = (items: RecapData["topArtists"], by: "minutes" | "plays"): BarListItem[] =>
    items.map((item) => ({
      label: item.name,
      sublabel: item.artist,
      value: by === "minutes" ? item.minutes : item.plays,
      display: by === "minutes" ? formatCount(item.minutes, "minute") : formatCount(item.plays, "play"),
    }));
  return (
    <div className="flex flex-col gap-6" data-testid="recap">
      <section aria-label="The year in numbers" className="grid grid-cols-2 gap-3 md:grid-cols-4">
        <StatTile label="Minutes listened" value={formatCount(recap.minutes)} hint={formatHours(recap.minutes * 60_000)} />
        <StatTile label="Listens" value={formatCount(recap.listens)} hint={`${formatCount(recap.plays)} plays in all`} />
        <StatTile label="New artists" value={formatCount(recap.newArtists)} />
        <StatTile
          label="Busiest month"
          value={formatMonth(recap.busiestMonth.month)}
          hint={formatCount(recap.busiestMonth.minutes, "minute")}
        />
      </section>
      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="recap-artists" className="rounded-xl border bg-card p-5">
          <h2 id="recap-artists" className="mb-3 font-semibold">
            Top artists
          </h2>
          <BarList items={list(recap.topArtists, "minutes")} aria-label="Top artists" />
        </section>
        <section aria-labelledby="recap-tracks" className="rounded-xl border bg-card p-5">
          <h2 id="recap-tracks" className="mb-3 font-semibold">
            Top tracks
          </h2>
          <BarList items={list(recap.topTracks, "plays")} aria-label="Top tracks" />
        </section>
        <section aria-labelledby="recap-albums" className="rounded-xl border bg-card p-5">
          <h2 id="recap-albums" className="mb-3 font-semibold">
            Top albums
          </h2>
          <BarList items={list(recap.topAlbums, "minutes")} aria-label="Top albums" />
        </section>
      </div>
      {recap.genres.length > 0 || recap.longestStreak ? (
        <section aria-label="More" className="grid gap-3 md:grid-cols-2">
          {recap.genres.length > 0 ? (
            <div className="rounded-xl border bg-card p-5">
              <h2 className="font-semibold">Top genres</h2>
              <p className="mt-2 text-sm text-muted-foreground">{recap.genres.map((genre) => genre.genre).join(" · ")}</p>
            </div>
          ) : null}
          {recap.longestStreak ? (
            <div className="rounded-xl border bg-card p-5">
              <h2 className="font-semibold">Longest streak</h2>
              <p className="mt-2 text-sm text-muted-foreground">
                {formatCount(recap.longestStreak.days, "day")} in a row, {formatDay(recap.longestStreak.start)} –{" "}
                {formatDay(recap.longestStreak.end)}
              </p>
            </div>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
