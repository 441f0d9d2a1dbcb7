import Link from "next/link";
import {
  BarList,
  barListTable,
  ChartFigure,
  formatCount,
  formatHours,
  formatMinutes,
  Heatmap,
  heatmapTable,
  ShareBar,
  shareTable,
  StatTile,
  TimeSeriesChart,
  timeSeriesTable,
  type BarListItem,
  type TimePoint,
} from "@/components/charts";
import { Button } from "@/components/ui/button";
import type { DashboardData, DashboardParams } from "@/lib/insights/client";
import { formatClockTime, formatDay, formatDuration, formatInstant, formatMonth, formatShare, hourRange, itemHref, weekdayName } from "./format";

type Navigate = (next: DashboardParams) => void;

function Toggle<T extends string>({ label, value, options, onChange }: { label: string; value: T; options: Array<{ value: T; label: string }>; onChange: (value: T) => void }) {
  return (
    <div role="group" aria-label={label} className="flex gap-1">
      {options.map((option) => (
        <Button key={option.value} type="button" size="sm" variant={value === option.value ? "secondary" : "ghost"} aria-pressed={value === option.value} onClick={() => onChange(option.value)}>
          {option.label}
        </Button>
      ))}
    </div>
  );
}

export function SummaryTiles({ data }: { data: DashboardData }) {
  const { totals, sessions } = data;
  return (
    <section aria-label="Totals" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6" data-testid="summary-tiles">
      <StatTile label="Minutes listened" value={formatCount(Math.round(totals.msPlayed / 60_000))} hint={formatHours(totals.msPlayed)} />
      <StatTile label="Plays" value={formatCount(totals.plays)} hint={`${formatCount(totals.listens)} listens`} />
      <StatTile label="Artists" value={formatCount(totals.artists)} />
      <StatTile label="Tracks" value={formatCount(totals.tracks)} />
      <StatTile label="Skip rate" value={formatShare(data.skips.rate)} hint={`${formatCount(totals.skips)} skips`} />
      <StatTile label="Sessions" value={formatCount(sessions.count)} hint={sessions.count > 0 ? `${formatDuration(sessions.averageMs)} on average` : undefined} />
    </section>
  );
}

const KINDS = [
  { kind: "artist", key: "artists", title: "Top artists" },
  { kind: "track", key: "tracks", title: "Top tracks" },
  { kind: "album", key: "albums", title: "Top albums" },
] as const;

export function TopWidget({ data, params, onChange }: { data: DashboardData; params: DashboardParams; onChange: Navigate }) {
  const byTime = data.by === "time";
  return (
    <section aria-labelledby="top-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="top-heading" className="text-lg font-semibold">
          Top music
        </h2>
        <Toggle
          label="Rank by"
          value={data.by}
          options={[
            { value: "plays", label: "By plays" },
            { value: "time", label: "By time" },
          ]}
          onChange={(by) => onChange({ ...params, by })}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        {KINDS.map(({ kind, key, title }) => {
          const items: BarListItem[] = data.top[key].map((item) => ({
            label: item.name,
            sublabel: [item.artist, `since ${formatInstant(item.firstPlayedAt, data.timeZone)}`, `${formatHours(item.totalMsPlayed)} in all`].filter(Boolean).join(" · "),
            value: byTime ? item.msPlayed : item.plays,
            display: byTime ? formatMinutes(item.msPlayed, "short") : formatCount(item.plays, "play"),
            href: itemHref(kind, item.key),
          }));
          const first = data.top[key][0];
          return (
            <ChartFigure
              key={key}
              title={title}
              headingLevel={3}
              summary={first ? `Number one: ${first.name}${first.artist ? ` by ${first.artist}` : ""}.` : "Nothing played in this range."}
              summaryHidden
              table={barListTable(items, ["Name", byTime ? "Time" : "Plays"])}
              className="h-full"
            >
              <div data-testid={`top-${key}`}>
                <BarList items={items} aria-label={title} />
              </div>
            </ChartFigure>
          );
        })}
      </div>
    </section>
  );
}

function timelineLabel(start: string, unit: DashboardData["unit"]): string {
  if (unit === "month") return formatMonth(start);
  if (unit === "week") return `Week of ${formatDay(start)}`;
  return formatDay(start);
}

export function TimelineWidget({ data, params, onChange }: { data: DashboardData; params: DashboardParams; onChange: Navigate }) {
  const points: TimePoint[] = data.timeline.map((point) => ({
    label: timelineLabel(point.start, data.unit),
    tick: data.unit === "month" ? formatMonth(point.start) : formatDay(point.start).replace(/ \d{4}$/, ""),
    value: Math.round(point.msPlayed / 60_000),
    display: formatMinutes(point.msPlayed),
  }));
  const peak = data.timeline.reduce<(typeof data.timeline)[number] | undefined>((best, point) => (!best || point.msPlayed > best.msPlayed ? point : best), undefined);
  return (
    <ChartFigure
      title="Listening over time"
      description={`Minutes per ${data.unit}`}
      summary={peak && peak.msPlayed > 0 ? `The busiest ${data.unit} was ${timelineLabel(peak.start, data.unit)} with ${formatMinutes(peak.msPlayed)}.` : "Nothing played in this range."}
      table={timeSeriesTable(points, [data.unit === "day" ? "Day" : data.unit === "week" ? "Week" : "Month", "Minutes"])}
      actions={
        <Toggle
          label="Group by"
          value={data.unit}
          options={[
            { value: "day", label: "Day" },
            { value: "week", label: "Week" },
            { value: "month", label: "Month" },
          ]}
          onChange={(unit) => onChange({ ...params, unit })}
        />
      }
    >
      {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={points} />}
    </ChartFigure>
  );
}

export function ClockWidget({ data }: { data: DashboardData }) {
  const { clock } = data;
  const format = (ms: number) => formatMinutes(ms, "short");
  return (
    <ChartFigure
      title="Listening clock"
      description="Minutes by weekday and hour"
      summary={
        clock.busiestHour >= 0
          ? `Your busiest hour is ${hourRange(clock.busiestHour)}; your busiest day is ${weekdayName(clock.busiestWeekday)}.`
          : "Nothing played in this range."
      }
      table={heatmapTable(clock.cells, format)}
    >
      {(summaryId) => (
        <div data-testid="listening-clock" data-busiest-hour={clock.busiestHour}>
          <Heatmap labelledBy={summaryId} cells={clock.cells} format={format} />
        </div>
      )}
    </ChartFigure>
  );
}

export function SessionsWidget({ data }: { data: DashboardData }) {
  const { sessions } = data;
  return (
    <ChartFigure
      title="Sessions"
      description="A session ends after 30 minutes without music"
      summary={sessions.count > 0 ? `${formatCount(sessions.count, "session")}, ${formatDuration(sessions.medianMs)} typically.` : "No sessions in this range."}
      table={{
        columns: ["Started", "Length", "Plays", "Mostly"],
        rows: sessions.longest.map((session) => [`${formatInstant(session.start, data.timeZone)} ${formatClockTime(session.start, data.timeZone)}`, formatDuration(session.end - session.start), session.plays, session.topArtist]),
      }}
    >
      <ol className="flex flex-col gap-2 text-sm" aria-label="Longest sessions">
        {sessions.longest.map((session) => (
          <li key={session.start} className="flex items-baseline justify-between gap-3 rounded-lg bg-muted/50 px-3 py-2">
            <span>
              <span className="font-medium">{formatInstant(session.start, data.timeZone)}</span>{" "}
              <span className="text-muted-foreground">
                from {formatClockTime(session.start, data.timeZone)} · mostly {session.topArtist}
              </span>
            </span>
            <span className="shrink-0 tabular-nums">{formatDuration(session.end - session.start)}</span>
          </li>
        ))}
      </ol>
    </ChartFigure>
  );
}

export function SkipsWidget({ data }: { data: DashboardData }) {
  const items: BarListItem[] = data.skips.mostSkipped.map((track) => ({
    label: track.name,
    sublabel: `${track.artist} · skipped ${formatShare(track.rate)} of ${formatCount(track.plays, "play")}`,
    value: track.skips,
    display: formatCount(track.skips, "skip"),
  }));
  return (
    <ChartFigure
      title="What gets skipped"
      description={`Skip rate ${formatShare(data.skips.rate)}`}
      summary={items[0] ? `Most skipped: ${items[0].label}.` : "No skips worth ranking in this range."}
      summaryHidden
      table={barListTable(items, ["Track", "Skips"])}
    >
      <BarList items={items} aria-label="Most skipped tracks" emptyText="Nothing skipped three times or more in this range." />
    </ChartFigure>
  );
}

export function StreaksWidget({ data }: { data: DashboardData }) {
  const { longest, current } = data.streaks;
  const describe = (streak: typeof longest) => (streak ? `${formatCount(streak.days, "day")} · ${formatDay(streak.start)} – ${formatDay(streak.end)}` : "None");
  return (
    <ChartFigure title="Streaks" description="Days in a row with at least one listen" summary={longest ? `Longest streak: ${formatCount(longest.days, "day")}.` : "No streak in this range."} summaryHidden>
      <dl className="grid gap-3 sm:grid-cols-2">
        <div className="rounded-lg bg-muted/50 p-3">
          <dt className="text-sm text-muted-foreground">Longest in range</dt>
          <dd className="mt-1 font-medium" data-testid="streak-longest">
            {describe(longest)}
          </dd>
        </div>
        <div className="rounded-lg bg-muted/50 p-3">
          <dt className="text-sm text-muted-foreground">Current</dt>
          <dd className="mt-1 font-medium">{describe(current)}</dd>
        </div>
      </dl>
    </ChartFigure>
  );
}

export function DiscoveryWidget({ data }: { data: DashboardData }) {
  const { discovery } = data;
  const points: TimePoint[] = discovery.newArtistsByMonth.map((month) => ({ label: formatMonth(month.month), value: month.count, display: formatCount(month.count, "new artist") }));
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

const PLATFORM_NAMES: Record<string, string> = {
  android: "Android",
  ios: "iPhone and iPad",
  windows: "Windows",
  macos: "Mac",
  linux: "Linux",
  web: "Web player",
  cast: "Speakers and cast",
  tv: "TV",
  console: "Game console",
  car: "Car",
  other: "Other",
};

export function PlatformsWidget({ data }: { data: DashboardData }) {
  const items = data.platforms.map((platform) => ({ label: PLATFORM_NAMES[platform.platform] ?? platform.platform, value: platform.msPlayed, display: `${formatShare(platform.share)} · ${formatHours(platform.msPlayed)}` }));
  return (
    <ChartFigure title="Platforms" description="Share of listening time" summary={items[0] ? `Mostly on ${items[0].label} (${items[0].display}).` : "Nothing played in this range."} table={shareTable(items, ["Platform", "Share"])}>
      {(summaryId) => <ShareBar labelledBy={summaryId} items={items} />}
    </ChartFigure>
  );
}

export function GenresWidget({ data }: { data: DashboardData }) {
  const items = (data.genres ?? []).map((genre) => ({ label: genre.genre, value: genre.msPlayed, display: `${formatShare(genre.share)} · ${formatHours(genre.msPlayed)}` }));
  return (
    <ChartFigure title="Top genres" description="From the genres of the artists you played" summary={items[0] ? `Top genre: ${items[0].label}.` : "No genres known."} table={shareTable(items, ["Genre", "Share"])}>
      {(summaryId) => <ShareBar labelledBy={summaryId} items={items} />}
    </ChartFigure>
  );
}

export function OnThisDayWidget({ data }: { data: DashboardData }) {
  return (
    <ChartFigure title="On this day" description="What you played on this date in earlier years" summary={data.onThisDay.length > 0 ? `${data.onThisDay.length} earlier years with plays on this date.` : "Nothing on this date in earlier years."} summaryHidden>
      {data.onThisDay.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing on this date in earlier years yet.</p>
      ) : (
        <ul className="flex flex-col gap-3">
          {data.onThisDay.map((year) => (
            <li key={year.year} className="rounded-lg bg-muted/50 p-3">
              <p className="font-medium">
                {formatDay(year.date)} <span className="font-normal text-muted-foreground">· {formatMinutes(year.msPlayed)}</span>
              </p>
              <ul className="mt-1 text-sm text-muted-foreground">
                {year.tracks.map((track) => (
                  <li key={track.id}>
                    {track.name} — {track.artist}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="mt-3 text-sm">
        <Link className="text-brand-text underline-offset-4 hover:underline" href="/recap">
          See your year in music
        </Link>
      </p>
    </ChartFigure>
  );
}
