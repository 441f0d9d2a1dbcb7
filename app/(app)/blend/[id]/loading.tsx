import { BlendDetailSkeleton } from "@/components/blend/blend-detail";
import { Skeleton } from "@/components/ui/skeleton";

/** A Blend's shape while its match is computed. */
export default function Loading() {
  return (
    <div className="space-y-6">
      <Skeleton className="h-9 w-64 max-w-full" />
      <Skeleton className="h-5 w-96 max-w-full" />
      <Skeleton className="h-9 w-72 max-w-full" />
      <BlendDetailSkeleton />
    </div>
  );
}
