import type { ReactNode } from "react";
import { Skeleton } from "@/components/ui/skeleton";

/**
 * A page's loading state: announced to screen readers with `label`, a title and a line, then the
 * page's own shape (`children`), or a plain block where the layout is not known yet.
 */
export function PageSkeleton({ label = "Loading…", children }: { label?: string; children?: ReactNode }) {
  return (
    <div role="status" aria-live="polite" className="flex flex-col gap-6">
      <span className="sr-only">{label}</span>
      <Skeleton className="h-9 w-48" />
      <Skeleton className="h-5 w-96 max-w-full" />
      {children ?? <Skeleton className="h-64 w-full" />}
    </div>
  );
}
