import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** Discover's shape while its picks are computed: the chips panel, a column of cards and the draft. */
export default function Loading() {
  return (
    <PageSkeleton label="Loading picks…">
      <Skeleton className="h-64 w-full rounded-xl sm:h-56" />
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-[minmax(0,1fr)_18rem]">
        <div className="grid gap-3">
          {Array.from({ length: 4 }, (_, index) => (
            <Skeleton key={index} className="h-40 w-full rounded-xl sm:h-32" />
          ))}
        </div>
        <Skeleton className="h-32 w-full rounded-xl" />
      </div>
    </PageSkeleton>
  );
}
