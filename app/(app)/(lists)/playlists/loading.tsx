import { PageSkeleton } from "@/components/layout/page-skeleton";
import { Skeleton } from "@/components/ui/skeleton";

/** The playlists' shape while they load: the prompt form and a few rows. */
export default function Loading() {
  return (
    <PageSkeleton label="Loading playlists…">
      <Skeleton className="h-32 w-full rounded-xl" />
      <div className="grid gap-2">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-18 w-full rounded-xl" />
        ))}
      </div>
    </PageSkeleton>
  );
}
