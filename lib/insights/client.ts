/**
 * The client-safe part of insights: URL state, result types and the TanStack Query options for
 * `GET /api/insights` (the same data the dashboard page renders on the server from the URL), for
 * client code that wants the insights as data.
 */
import { queryOptions } from "@tanstack/react-query";
import { fetchJson } from "@/lib/http/client";
import type { DashboardData } from "./dashboard";
import { dashboardSearch, type DashboardParams } from "./params";

export type { DashboardData, RankBy, TimelineUnit } from "./dashboard";
export { dashboardSearch, DEFAULT_PARAMS, readDashboardParams, toDashboardQuery, type DashboardParams } from "./params";
export { EARLIEST_DATE, latestDate, MAX_TIMELINE_POINTS } from "./bounds";
export { definitionsFor, GLOSSARY, STATISTIC_NAMES, type Definitions, type Statistic } from "./definitions";

/** Every insights query: `insightsQueries.all` is the key prefix of them all. */
export const insightsQueries = {
  all: ["insights"] as const,
  dashboard: (params: DashboardParams) =>
    queryOptions({
      queryKey: [...insightsQueries.all, "dashboard", params] as const,
      queryFn: ({ signal }) => {
        const search = dashboardSearch(params);
        return fetchJson<DashboardData>(`/api/insights${search ? `?${search}` : ""}`, {
          signal,
          fallback: "The insights could not be loaded. Try again.",
        });
      },
      staleTime: 60_000,
    }),
};
