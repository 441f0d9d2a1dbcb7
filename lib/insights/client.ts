/** The client-safe part of insights: URL state, query options and result types. */
export type { DashboardData, RankBy, TimelineUnit } from "./dashboard";
export { dashboardSearch, DEFAULT_PARAMS, readDashboardParams, toDashboardQuery, type DashboardParams } from "./params";
export { dashboardQuery, InsightsRequestError, insightsKeys } from "./query";
