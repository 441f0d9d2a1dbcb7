"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { Suspense, useCallback, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import {
  dashboardSearch,
  GLOSSARY,
  insightsQueries,
  readDashboardParams,
  STATISTIC_NAMES,
  type DashboardParams,
} from "@/lib/insights/client";
import { cn } from "@/lib/utils";
import { formatDayRange } from "./format";
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
import { QueryError } from "@/components/ui/query-error";

/**
 * The dashboard. Its state is the URL (`?range=6m&by=time`): the server prefetched this view's
 * data into the query cache; a change of range pushes a new URL and fetches only the data.
 */
export function DashboardView() {
  const searchParams = useSearchParams();
  const params = readDashboardParams(searchParams);
  const query = useQuery({ ...insightsQueries.dashboard(params), placeholderData: keepPreviousData });

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
          {updating ? "Updating…" : `${data.range.label}: ${formatDayRange(data.range.fromDate, data.range.toDate)} · ${data.timeZone}`}
        </p>
      </div>
      <QueryError error={query.error} onRetry={() => void query.refetch()} />
      <div aria-busy={updating} className={cn("flex flex-col gap-6 transition-opacity", updating && "opacity-60")}>
        <SummaryTiles data={data} />
        <Island>
          <TopWidget data={data} params={params} onChange={navigate} />
        </Island>
        <Island deferred>
          <TimelineWidget data={data} params={params} onChange={navigate} />
        </Island>
        <div className="grid gap-6 lg:grid-cols-2">
          {GRID_WIDGETS.filter(([key]) => key !== "genres" || (data.genres?.length ?? 0) > 0).map(([key, Widget]) => (
            <Island key={key} deferred>
              <Widget data={data} />
            </Island>
          ))}
        </div>
        <section aria-labelledby="how-we-count" className="rounded-xl border p-4 text-sm sm:p-6" data-testid="definitions">
          <h2 id="how-we-count" className="font-semibold">
            How we count
          </h2>
          <p className="mt-1 text-muted-foreground">
            Every number on this page uses these definitions. Days and hours are in {data.timeZone}.
          </p>
          <dl className="mt-3 grid gap-x-6 gap-y-2 md:grid-cols-2">
            {GLOSSARY.map((statistic) => (
              <div key={statistic}>
                <dt className="inline font-medium">{STATISTIC_NAMES[statistic]}: </dt>
                <dd className="inline text-muted-foreground">{data.definitions[statistic]}.</dd>
              </div>
            ))}
          </dl>
        </section>
      </div>
    </div>
  );
}

/** The two-column widgets, in order; top genres only where genres are known. */
const GRID_WIDGETS = [
  ["clock", ClockWidget],
  ["sessions", SessionsWidget],
  ["skips", SkipsWidget],
  ["streaks", StreaksWidget],
  ["discovery", DiscoveryWidget],
  ["platforms", PlatformsWidget],
  ["genres", GenresWidget],
  ["on-this-day", OnThisDayWidget],
] as const;

/**
 * One widget as its own Suspense boundary: React hydrates each boundary as a separate, yielding
 * piece of work instead of one long task for the whole dashboard (the page answers input sooner).
 * `deferred` widgets start below the fold on a phone: the browser skips their layout and paint
 * until they near the viewport (`content-visibility: auto`, with a remembered size so nothing shifts).
 */
function Island({ children, deferred = false }: { children: ReactNode; deferred?: boolean }) {
  return (
    <Suspense fallback={null}>
      <div className={cn("min-w-0", deferred && "[contain-intrinsic-size:auto_28rem] [content-visibility:auto]")}>{children}</div>
    </Suspense>
  );
}
