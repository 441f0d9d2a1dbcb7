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
      {/* `session-list` styles its rows: when and what on the left, the length on the right. */}
      <ol className="session-list" aria-label="Longest sessions">
        {sessions.longest.map((session) => (
          <li key={session.start}>
            <span>
              <b className="font-medium">{formatInstant(session.start, data.timeZone)}</b>
              <span className="text-muted-foreground">
                {` from ${formatClockTime(session.start, data.timeZone)} · ${formatCount(session.plays, "play")} · mostly ${session.topArtist}`}
              </span>
            </span>
            <span>{formatDuration(session.end - session.start)}</span>
          </li>
        ))}
      </ol>
    </ChartFigure>
  );
}
