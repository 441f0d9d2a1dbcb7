import { Skeleton } from "@/components/ui/skeleton";

/** The playlists' shape while they load: the header, the prompt form and a few rows. */
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-6">
      <span className="sr-only">Loading playlists…</span>
      <Skeleton className="h-9 w-48" />
      <Skeleton className="h-5 w-96 max-w-full" />
      <Skeleton className="h-32 w-full rounded-xl" />
      <div className="grid gap-2">
        {Array.from({ length: 4 }, (_, index) => (
          <Skeleton key={index} className="h-18 w-full rounded-xl" />
        ))}
      </div>
    </div>
  );
}
