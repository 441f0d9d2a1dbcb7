import { ArrowLeftIcon } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import {
  BarList,
  barListTable,
  ChartFigure,
  countNoun,
  formatCount,
  formatHours,
  StatTile,
  TICK_STEPS,
  TimeSeriesChart,
  timeSeriesTable,
  type BarListItem,
} from "@/components/charts";
import { formatInstant, formatMonth, formatMonthShort, itemHref, lowerFirst } from "@/components/insights/format";
import { PageHeader } from "@/components/layout/page-header";
import { definitionsFor, itemPageFor } from "@/lib/insights";
import { currentListener } from "@/lib/listener";

const KIND_NAMES = { artist: "Artist", track: "Track", album: "Album" } as const;

function parseKind(kind: string): keyof typeof KIND_NAMES | null {
  return kind === "artist" || kind === "track" || kind === "album" ? kind : null;
}

export async function generateMetadata({ params }: PageProps<"/dashboard/[kind]/[key]">): Promise<Metadata> {
  const { kind } = await params;
  return { title: KIND_NAMES[parseKind(kind) ?? "artist"] };
}

export default async function ItemPage({ params }: PageProps<"/dashboard/[kind]/[key]">) {
  const listener = await currentListener();
  if (!listener) redirect("/sign-in");
  const { kind: rawKind, key } = await params;
  const kind = parseKind(rawKind);
  if (!kind) notFound();
  const detail = await itemPageFor(listener, kind, decodeURIComponent(key));
  if (!detail) notFound();
  const tz = listener.settings.timeZone;
  const definitions = definitionsFor(listener.settings.listenThresholdMs);
  const firstListen = detail.firstListenAt === null ? null : formatInstant(detail.firstListenAt, tz);
  const lastListen = detail.lastListenAt === null ? null : formatInstant(detail.lastListenAt, tz);

  const history = detail.history.map((month) => ({
    label: formatMonth(month.month),
    shortTick: formatMonthShort(month.month),
    value: month.plays,
    display: formatCount(month.plays, "listen"),
  }));
  const ranks = detail.rankByYear.map((year) => [String(year.year), `#${year.rank}`, formatCount(year.plays, "listen")]);
  const companions: BarListItem[] = detail.companions.map((item) => ({
    label: item.name,
    sublabel: item.artist,
    value: item.together,
    display: formatCount(item.together, "session"),
    href: itemHref(kind, item.key),
  }));
  const tracks: BarListItem[] = (detail.topTracks ?? []).map((track) => ({
    label: track.name,
    value: track.plays,
    display: formatCount(track.plays, "listen"),
    href: itemHref("track", track.key),
  }));

  return (
    <>
      <Link href="/dashboard" className="mb-4 inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground">
        <ArrowLeftIcon className="size-4" aria-hidden="true" />
        Dashboard
      </Link>
      <PageHeader title={detail.name} description={`${KIND_NAMES[kind]}${detail.artist ? ` by ${detail.artist}` : ""}`} />
      <div className="flex flex-col gap-6">
        <section aria-label="Totals" className="flex flex-col gap-2">
          <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
            <StatTile
              label="Listens"
              value={formatCount(detail.plays)}
              unit={countNoun(detail.plays, "listen")}
              hint={`of ${formatCount(detail.allPlays, "play")} in all`}
            />
            <StatTile
              label="Time played"
              value={formatCount(Math.round(detail.msPlayed / 60_000))}
              unit="min"
              hint={formatHours(detail.msPlayed)}
            />
            <StatTile label="First listen" value={firstListen ?? "None yet"} />
            <StatTile label="Last listen" value={lastListen ?? "None yet"} />
          </div>
          <p className="text-xs text-muted-foreground">
            A listen is {lowerFirst(definitions.listen)}. First listen: {lowerFirst(definitions.firstListen)}; the history and the yearly
            ranks start there. Time played counts every play, skips included.
          </p>
        </section>
        <ChartFigure
          title="History"
          description="Listens per month, from the month of the first listen"
          summary={
            firstListen && lastListen
              ? `${formatCount(detail.plays, "listen")} from ${firstListen} to ${lastListen}.`
              : `No listens yet: every play was shorter than the listen threshold or skipped.`
          }
          table={timeSeriesTable(history, ["Month", "Listens"])}
        >
          {(summaryId) => <TimeSeriesChart labelledBy={summaryId} points={history} integerTicks tickSteps={TICK_STEPS.month} />}
        </ChartFigure>
        <div className="grid gap-6 lg:grid-cols-2">
          <ChartFigure
            title="Rank over time"
            description={`Its place among your ${kind}s each year, by listens`}
            summary={ranks.length > 0 ? `Best year: ${bestYear(detail.rankByYear)}.` : "No listens yet."}
            summaryHidden
          >
            <table className="w-full text-sm">
              <caption className="sr-only">Rank by year</caption>
              <thead>
                <tr className="text-left text-muted-foreground">
                  <th scope="col" className="py-1 font-medium">
                    Year
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Rank
                  </th>
                  <th scope="col" className="py-1 text-right font-medium">
                    Listens
                  </th>
                </tr>
              </thead>
              <tbody>
                {ranks.map(([year, rank, plays]) => (
                  <tr key={year} className="border-t">
                    <th scope="row" className="py-1.5 text-left font-normal">
                      {year}
                    </th>
                    <td className="py-1.5 tabular-nums">{rank}</td>
                    <td className="py-1.5 text-right tabular-nums">{plays}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ChartFigure>
          <ChartFigure
            title="Played in the same sessions"
            description={`The ${kind}s you most often play alongside it`}
            summary={companions[0] ? `Most often with ${companions[0].label}.` : "Not enough sessions yet."}
            summaryHidden
            table={barListTable(companions, [KIND_NAMES[kind], "Sessions together"])}
          >
            <BarList items={companions} aria-label="Played in the same sessions" emptyText="Not enough shared sessions yet." />
          </ChartFigure>
          {tracks.length > 0 ? (
            <ChartFigure
              title="Top tracks"
              description="All time, by listens"
              summary={`Most played: ${tracks[0]!.label}.`}
              summaryHidden
              table={barListTable(tracks, ["Track", "Listens"])}
            >
              <BarList items={tracks} aria-label="Top tracks" />
            </ChartFigure>
          ) : null}
        </div>
      </div>
    </>
  );
}

function bestYear(ranks: Array<{ year: number; rank: number }>): string {
  const best = ranks.reduce((top, year) => (year.rank < top.rank ? year : top), ranks[0]!);
  return `${best.year}, at #${best.rank}`;
}
