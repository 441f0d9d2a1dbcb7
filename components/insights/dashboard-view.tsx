import type { ReactNode } from "react";
import { GLOSSARY, STATISTIC_NAMES, type DashboardData, type DashboardParams } from "@/lib/insights/client";
import { DashboardBusy, DashboardNavigationProvider, DashboardRangePicker, RangeStatus } from "./dashboard-controls";
import { formatDayRange } from "./format";
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
 * The dashboard, rendered on the server from the URL (`?range=6m&by=time`). Only its controls
 * hydrate (dashboard-controls.tsx): a change of range or ranking is a client navigation that keeps
 * this view on screen, dimmed, until the server's render of the next one arrives.
 */
export function DashboardView({ data, params }: { data: DashboardData; params: DashboardParams }) {
  return (
    <DashboardNavigationProvider params={params}>
      <div className="flex flex-col gap-6">
        <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between">
          <DashboardRangePicker bounds={{ fromDate: data.range.fromDate, toDate: data.range.toDate }} />
          <RangeStatus>{`${data.range.label}: ${formatDayRange(data.range.fromDate, data.range.toDate)} · ${data.timeZone}`}</RangeStatus>
        </div>
        <DashboardBusy className="flex flex-col gap-6">
          <SummaryTiles data={data} />
          <Section>
            <TopWidget data={data} />
          </Section>
          <Section deferred>
            <TimelineWidget data={data} />
          </Section>
          <div className="grid gap-6 lg:grid-cols-2">
            {GRID_WIDGETS.filter(([key]) => key !== "genres" || (data.genres?.length ?? 0) > 0).map(([key, Widget]) => (
              <Section key={key} deferred>
                <Widget data={data} />
              </Section>
            ))}
          </div>
          <section aria-labelledby="how-we-count" className="rounded-xl border p-4 text-sm sm:p-6" data-testid="definitions">
            <h2 id="how-we-count" className="font-semibold">
              How we count
            </h2>
            <p className="mt-1 text-muted-foreground">
              Every number on this page uses these definitions. Days and hours are in {data.timeZone}.
            </p>
            <dl className="definitions">
              {GLOSSARY.map((statistic) => (
                <div key={statistic}>
                  <dt>{`${STATISTIC_NAMES[statistic]}: `}</dt>
                  <dd>{`${data.definitions[statistic]}.`}</dd>
                </div>
              ))}
            </dl>
          </section>
        </DashboardBusy>
      </div>
    </DashboardNavigationProvider>
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
 * One widget's box. `deferred` widgets start below the fold on a phone: the browser skips their
 * layout and paint until they near the viewport (`content-visibility: auto`, with a remembered
 * size so nothing shifts).
 */
function Section({ children, deferred = false }: { children: ReactNode; deferred?: boolean }) {
  return <div className={deferred ? "widget-deferred" : "min-w-0"}>{children}</div>;
}
