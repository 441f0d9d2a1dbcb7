"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { Button } from "@/components/ui/button";
import { dashboardQuery, dashboardSearch, readDashboardParams, type DashboardParams } from "@/lib/insights/client";
import { cn } from "@/lib/utils";
import { RangePicker } from "./range-picker";
import {
  ClockWidget,
  DiscoveryWidget,
  GenresWidget,
  OnThisDayWidget,
  PlatformsWidget,
  SessionsWidget,
  SkipsWidget,
  StreaksWidget,
  SummaryTiles,
  TimelineWidget,
  TopWidget,
} from "./widgets";

/**
 * The dashboard. Its state is the URL (`?range=6m&by=time`): the server prefetched this view's
 * data into the query cache; a change of range pushes a new URL and fetches only the data.
 */
export function DashboardView() {
  const searchParams = useSearchParams();
  const params = readDashboardParams(searchParams);
  const query = useQuery({ ...dashboardQuery(params), placeholderData: keepPreviousData });

  const navigate = useCallback((next: DashboardParams) => {
    const search = dashboardSearch(next);
    // A plain history entry: Next keeps useSearchParams in step, without a server round trip.
    window.history.pushState(null, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, []);

  const data = query.data;
  if (!data) {
    return (
      <div role="alert" className="rounded-xl border border-destructive/40 p-6">
        <p className="font-medium">{query.error?.message ?? "Loading your insights…"}</p>
        {query.error ? (
          <Button className="mt-4" variant="outline" onClick={() => void query.refetch()}>
            Try again
          </Button>
        ) : null}
      </div>
    );
  }
  const updating = query.isFetching && query.isPlaceholderData;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
        <RangePicker params={params} onChange={navigate} bounds={{ fromDate: data.range.fromDate, toDate: data.range.toDate }} />
        <p className="text-sm text-muted-foreground" aria-live="polite" data-testid="range-label">
          {updating ? "Updating…" : `${data.range.label} · ${data.timeZone}`}
        </p>
      </div>
      {query.error ? (
        <p role="alert" className="rounded-lg border border-destructive/40 px-4 py-3 text-sm">
          {query.error.message}{" "}
          <button type="button" className="underline" onClick={() => void query.refetch()}>
            Try again
          </button>
        </p>
      ) : null}
      <div aria-busy={updating} className={cn("flex flex-col gap-6 transition-opacity", updating && "opacity-60")}>
        <SummaryTiles data={data} />
        <TopWidget data={data} params={params} onChange={navigate} />
        <TimelineWidget data={data} params={params} onChange={navigate} />
        <div className="grid gap-6 lg:grid-cols-2">
          <ClockWidget data={data} />
          <SessionsWidget data={data} />
          <SkipsWidget data={data} />
          <StreaksWidget data={data} />
          <DiscoveryWidget data={data} />
          <PlatformsWidget data={data} />
          {data.genres && data.genres.length > 0 ? <GenresWidget data={data} /> : null}
          <OnThisDayWidget data={data} />
        </div>
        <p className="text-xs text-muted-foreground">
          A play counts as a listen from {Math.round(data.listenThresholdMs / 1000)} seconds (Spotify&apos;s own rule); shorter plays and plays
          Spotify marked skipped count as skips. Days and hours are in {data.timeZone}.
        </p>
      </div>
    </div>
  );
}
