import type { CSSProperties } from "react";
import { PageSkeleton } from "@/components/layout/page-skeleton";

const TEN_ROWS = { "--rows": 10 } as CSSProperties;

/**
 * The dashboard's shape while its data loads (the first visit of the demo also stores its history):
 * the totals, three ranked lists and the timeline. A server component sent with every dashboard
 * page, in its HTML and again in its RSC payload, so each shape is one or two elements drawn by CSS
 * (`stat-skeleton`, `bar-list-skeleton`); the page's skeleton announces the loading once.
 */
export default function DashboardLoading() {
  return (
    <PageSkeleton label="Loading your insights…">
      <div aria-hidden="true" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          <div key={index} className="stat-skeleton" />
        ))}
      </div>
      <div aria-hidden="true" className="grid gap-6 lg:grid-cols-3">
        {Array.from({ length: 3 }, (_, index) => (
          <div key={index} className="chart-card">
            <div className="bar-list-skeleton" style={TEN_ROWS} />
          </div>
        ))}
      </div>
      <div aria-hidden="true" className="chart-card">
        <div className="aspect-[2/1] animate-pulse rounded-md bg-muted motion-reduce:animate-none sm:aspect-[3/1]" />
      </div>
    </PageSkeleton>
  );
}
