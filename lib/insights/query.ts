/**
 * TanStack Query options shared by the server (prefetch into the cache it dehydrates) and the
 * client (the same key, fetched from `GET /api/insights` when the range changes). Client-safe.
 */
import { queryOptions } from "@tanstack/react-query";
import type { DashboardData } from "./dashboard";
import { dashboardSearch, type DashboardParams } from "./params";

export class InsightsRequestError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.status = status;
  }
}

async function fetchDashboard(params: DashboardParams, signal: AbortSignal): Promise<DashboardData> {
  const search = dashboardSearch(params);
  const response = await fetch(`/api/insights${search ? `?${search}` : ""}`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new InsightsRequestError(problem?.detail ?? `The insights could not be loaded (HTTP ${response.status}). Try again.`, response.status);
  }
  return (await response.json()) as DashboardData;
}

export const insightsKeys = {
  all: ["insights"] as const,
  dashboard: (params: DashboardParams) => ["insights", "dashboard", params] as const,
};

export function dashboardQuery(params: DashboardParams) {
  return queryOptions({
    queryKey: insightsKeys.dashboard(params),
    queryFn: ({ signal }) => fetchDashboard(params, signal),
    staleTime: 60_000,
  });
}
