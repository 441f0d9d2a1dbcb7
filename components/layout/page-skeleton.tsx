import { Skeleton } from "@/components/ui/skeleton";

/** A page's loading state before its own layout is known: a title, a line and a block. */
export function PageSkeleton() {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading…</span>
      <Skeleton className="h-9 w-48" />
      <Skeleton className="h-5 w-80 max-w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
