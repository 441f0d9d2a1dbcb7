import { ChartFigure, formatCount } from "@/components/charts";
import { STATISTIC_NAMES, type DashboardData } from "@/lib/insights/client";
import { formatClockTime, formatDuration, formatInstant, lowerFirst } from "../format";

export function SessionsWidget({ data }: { data: DashboardData }) {
  const { sessions, definitions } = data;
  return (
    <ChartFigure
      title="Sessions"
      description={`${definitions.session}. ${STATISTIC_NAMES.sessionLength}: ${lowerFirst(definitions.sessionLength)}.`}
      summary={
        sessions.count > 0
          ? `${formatCount(sessions.count, "session")}, median length ${formatDuration(sessions.medianMs)}.`
          : "No sessions in this range."
      }
      table={{
        columns: ["Started", "Length", "Plays", "Mostly"],
        rows: sessions.longest.map((session) => [
          `${formatInstant(session.start, data.timeZone)} ${formatClockTime(session.start, data.timeZone)}`,
          formatDuration(session.end - session.start),
          formatCount(session.plays, "play"),
          session.topArtist,
        ]),
      }}
    >
      <p className="mb-2 text-sm font-medium">Longest sessions</p>
      <ol className="flex flex-col gap-2 text-sm" aria-label="Longest sessions">
        {sessions.longest.map((session) => (
          <li key={session.start} className="inset-tile flex items-baseline justify-between gap-3 px-3 py-2">
            <span>
              <b className="font-medium">{formatInstant(session.start, data.timeZone)}</b>
              <span className="text-muted-foreground">
                {` from ${formatClockTime(session.start, data.timeZone)} · ${formatCount(session.plays, "play")} · mostly ${session.topArtist}`}
              </span>
            </span>
            <span className="shrink-0 tabular-nums">{formatDuration(session.end - session.start)}</span>
          </li>
        ))}
      </ol>
    </ChartFigure>
  );
}
