import Link from "next/link";
import { ChartFigure, formatCount, formatMinutes } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatDay } from "../format";

export function OnThisDayWidget({ data }: { data: DashboardData }) {
  return (
    <ChartFigure
      title="On this day"
      description="What you played on this date in earlier years"
      summary={
        data.onThisDay.length > 0
          ? `${formatCount(data.onThisDay.length, "earlier year")} with listens on this date.`
          : "Nothing on this date in earlier years."
      }
      summaryHidden
    >
      {data.onThisDay.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing on this date in earlier years yet.</p>
      ) : (
        // `earlier-years` styles each year's card: its date line, then its tracks.
        <ul className="earlier-years">
          {data.onThisDay.map((year) => (
            <li key={year.year}>
              <p>
                {`${formatDay(year.date)} `}
                <span>{`· ${formatCount(year.plays, "listen")} · ${formatMinutes(year.msPlayed, "short")}`}</span>
              </p>
              <ul>
                {year.tracks.map((track) => (
                  <li key={track.id}>{`${track.name} — ${track.artist}`}</li>
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
