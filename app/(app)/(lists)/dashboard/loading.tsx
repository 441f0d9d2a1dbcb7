"use client";

import { ChartSkeleton } from "@/components/charts/chart-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * The dashboard's shape while its data loads (the first visit of the demo also stores its history).
 * A client component: the page's RSC payload then carries a reference to it, not its whole tree.
 */
export default function DashboardLoading() {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-6">
      <span className="sr-only">Loading your insights…</span>
      <Skeleton className="h-9 w-48" />
      <Skeleton className="h-5 w-80 max-w-full" />
      <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        {Array.from({ length: 6 }, (_, index) => (
          <ChartSkeleton key={index} variant="stat" />
        ))}
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        <ChartSkeleton variant="bar-list" rows={10} />
        <ChartSkeleton variant="bar-list" rows={10} />
        <ChartSkeleton variant="bar-list" rows={10} />
      </div>
      <ChartSkeleton variant="time-series" />
    </div>
  );
}
