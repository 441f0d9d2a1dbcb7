/**
 * The dashboard's insights over a `ListeningIndex`: each takes the index and a query (range, zone,
 * listen threshold), binary-searches the range's rows and makes one pass with typed-array
 * counters. Results are plain JSON-serialisable objects (times as epoch ms, dates "YYYY-MM-DD").
 */
export type { InsightQuery } from "./query";
export type { Streak } from "./days";
export { totals, type Totals } from "./totals";
export { topItems, type TopBy, type TopItem, type TopItemsOptions } from "./top";
export { clock, timeline, type Clock, type TimelinePoint, type TimelineUnit } from "./timeline";
export { sessions, type SessionSummary, type Sessions, type SessionsOptions } from "./sessions";
export { MIN_PLAYS_TO_RANK_SKIPS, skips, type SkippedTrack, type Skips } from "./skips";
export { discovery, type Discovery, type DiscoveryYear } from "./discovery";
export { streaks, type RangeStreak, type Streaks, type StreaksOptions } from "./streaks";
export { platforms, type PlatformShare } from "./platforms";
export { onThisDay, type OnThisDayOptions, type OnThisDayYear } from "./on-this-day";
export { genreCoverage, genres, type GenreCoverage, type GenreShare } from "./genres";
export {
  findItem,
  itemDetail,
  itemKey,
  type Companion,
  type DetailTrack,
  type HistoryMonth,
  type ItemDetail,
  type ItemDetailOptions,
  type YearRank,
} from "./detail";
export { recapYears, yearQuery, yearRecap, type RecapItem, type YearRecap, type YearRecapOptions } from "./recap";
