"use client";

import { useQuery } from "@tanstack/react-query";
import { HistoryIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { QueryError } from "@/components/ui/query-error";
import { Skeleton } from "@/components/ui/skeleton";
import { playlistQueries } from "@/lib/playlists/client";

const when = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** Every kept version, newest first, each saying what changed, with "Restore" (which adds a new version). */
export function VersionHistory({ id, onRestore, disabled }: { id: string; onRestore: (version: number) => void; disabled: boolean }) {
  const query = useQuery(playlistQueries.versions(id));
  return (
    <section aria-labelledby="history-heading" className="rounded-xl border bg-card p-4">
      <h2 id="history-heading" className="flex items-center gap-2 font-semibold">
        <HistoryIcon aria-hidden="true" className="size-4" />
        Version history
      </h2>
      <QueryError error={query.error} onRetry={() => void query.refetch()} className="mt-3" />
      {query.isPending ? (
        <div className="mt-3 flex flex-col gap-2">
          {Array.from({ length: 3 }, (_, index) => (
            <Skeleton key={index} className="h-10" />
          ))}
        </div>
      ) : query.data ? (
        <ol className="mt-3 flex max-h-96 flex-col gap-1 overflow-y-auto text-sm" data-testid="version-history">
          {query.data.map((version) => (
            <li
              key={version.version}
              className="flex items-center justify-between gap-2 rounded-md px-2 py-1.5 odd:bg-muted/40"
              data-testid="version"
            >
              <span className="min-w-0">
                <span className="block truncate">
                  <span className="tabular-nums text-muted-foreground">v{version.version}</span> {version.label}
                </span>
                <span className="block text-xs text-muted-foreground">
                  {when.format(new Date(version.createdAt))} · {version.trackCount} {version.trackCount === 1 ? "track" : "tracks"}
                </span>
              </span>
              {version.current ? (
                <span className="shrink-0 text-xs font-medium text-muted-foreground">Shown now</span>
              ) : (
                <Button
                  type="button"
                  size="sm"
                  variant="outline"
                  className="shrink-0"
                  disabled={disabled}
                  aria-label={`Restore version ${version.version}: ${version.label}`}
                  onClick={() => onRestore(version.version)}
                >
                  Restore
                </Button>
              )}
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
