export { buildDashboard, defaultUnit, type DashboardData, type DashboardQuery, type RankBy, type TimelineUnit } from "./dashboard";
// The listening layer's index and time helpers, for callers that already import insights.
export {
  emptyIndex,
  listenerIndex,
  listenerNow,
  loadListeningIndex,
  localCalendar,
  type ItemKind,
  type ListeningIndex,
} from "@/lib/listening";
export { parseRangeParams, resolveRange, type RangeSpec } from "./range";
export { dashboardFor, genreSource, itemPageFor, recapFor, recapYearsFor, sharedRecap, shareUrl, type RecapData } from "./server";
// The widget engine itself, for benchmarks and evaluations.
export {
  clock,
  discovery,
  genres,
  onThisDay,
  platforms,
  sessions,
  skips,
  streaks,
  timeline,
  topItems,
  totals,
  type InsightQuery,
} from "./compute";
export type { Discovery, DiscoveryYear, ItemDetail, RangeStreak, Streaks, TopItem } from "./compute";
// URL state and its schema, for the insights API route.
export { readDashboardParams, toDashboardQuery, type DashboardParams } from "./params";
export { dashboardParamsSchema } from "./params-schema";
// What each statistic means, and the rules behind them.
export {
  definitionsFor,
  GLOSSARY,
  isListen,
  isSkip,
  SESSION_GAP_MS,
  STATISTIC_NAMES,
  type Definitions,
  type Statistic,
} from "./definitions";
