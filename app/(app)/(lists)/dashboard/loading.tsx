import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { PageSkeleton } from "@/components/layout/page-skeleton";

/**
 * The dashboard's shape while its data loads (the first visit of the demo also stores its history).
 * A server component: a few dozen short elements (a list's rows are one), cheaper in the page's
 * RSC payload than as a client chunk in every visit's first load. The page's skeleton announces
 * the loading once; the charts' skeletons are only shapes.
 */
export default function DashboardLoading() {
  return (
    <PageSkeleton label="Loading your insights…">
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          <ChartSkeleton key={index} variant="stat" announce={false} />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <ChartSkeleton variant="bar-list" rows={10} summary={false} announce={false} />
        <ChartSkeleton variant="bar-list" rows={10} summary={false} announce={false} />
        <ChartSkeleton variant="bar-list" rows={10} summary={false} announce={false} />
      </div>
      <ChartSkeleton variant="time-series" description announce={false} />
    </PageSkeleton>
  );
}
