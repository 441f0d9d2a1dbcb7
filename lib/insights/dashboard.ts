/**
 * What the dashboard shows, as one JSON-serialisable object: every widget for one range, computed
 * from the listening index (one pass over a slice of typed arrays per widget). Pure: the caller
 * loads the index; the client gets the same shape from `GET /api/insights`.
 */
import {
  clock,
  discovery,
  onThisDay,
  platforms,
  sessions,
  skips,
  streaks,
  timeline,
  topItems,
  totals,
  genres,
  genreCoverage,
} from "./compute";
import { type ItemKind, type ListeningIndex, localDateString } from "@/lib/listening";
import { resolveRange, type RangeSpec, type ResolvedRange } from "./range";
import { finestUnitFor, MAX_TIMELINE_POINTS, timelinePoints } from "./bounds";
import { definitionsFor } from "./definitions";

export type RankBy = "plays" | "time";
export type TimelineUnit = "day" | "week" | "month";

export interface DashboardQuery {
  range: RangeSpec;
  by: RankBy;
  unit?: TimelineUnit;
}

export interface DashboardSettings {
  timeZone: string;
  listenThresholdMs: number;
}

/** The timeline unit that suits a range: days for a month, weeks for half a year, months beyond. */
export function defaultUnit(range: ResolvedRange): TimelineUnit {
  const days = (range.to - range.from) / 86_400_000;
  if (days <= 62) return "day";
  if (days <= 400) return "week";
  return "month";
}

export function buildDashboard(
  index: ListeningIndex,
  query: DashboardQuery,
  settings: DashboardSettings,
  options: { now?: number; genreOf?: (artistName: string) => readonly string[] | undefined } = {},
) {
  const now = options.now ?? Date.now();
  const range = resolveRange(query.range, settings.timeZone, now, index);
  const q = { from: range.from, to: range.to, timeZone: settings.timeZone, listenThresholdMs: settings.listenThresholdMs };
  // A unit finer than the range allows (days over twenty years) is coarsened, and the data says so.
  const days = Math.ceil((range.to - range.from) / 86_400_000);
  const wanted = query.unit ?? defaultUnit(range);
  const unit = timelinePoints(days, wanted) <= MAX_TIMELINE_POINTS ? wanted : finestUnitFor(days);
  const top = (kind: ItemKind) => topItems(index, q, { kind, by: query.by, limit: 10 });
  // "On this day" is about today, whatever range is picked.
  const today = localDateString(Math.min(now, range.to - 1), settings.timeZone);
  return {
    revision: index.revision,
    hasPlays: index.count > 0,
    range,
    by: query.by,
    unit,
    /** The unit asked for when it would have made too many points and `unit` is coarser; else null. */
    coarsenedFrom: unit === wanted ? null : wanted,
    timeZone: settings.timeZone,
    listenThresholdMs: settings.listenThresholdMs,
    /** What each number means, for this listener's threshold: the UI shows these beside the numbers. */
    definitions: definitionsFor(settings.listenThresholdMs),
    totals: totals(index, q),
    top: { tracks: top("track"), artists: top("artist"), albums: top("album") },
    timeline: timeline(index, q, { unit }),
    clock: clock(index, q),
    sessions: sessions(index, q, {}),
    skips: skips(index, q, { limit: 5 }),
    discovery: discovery(index, q),
    streaks: streaks(index, q, { now }),
    platforms: platforms(index, q),
    onThisDay: onThisDay(index, { date: today, timeZone: settings.timeZone, listenThresholdMs: settings.listenThresholdMs, limit: 3 }),
    genres: options.genreOf ? genres(index, q, options.genreOf, { limit: 8 }) : null,
    /** The share of the range's plays whose genre is known (shown beside the genres); null without a genre source. */
    genreCoverage: options.genreOf ? genreCoverage(index, q, options.genreOf) : null,
  };
}

export type DashboardData = ReturnType<typeof buildDashboard>;
