import "server-only";
import { syncAll, syncListener, type SyncResult } from "@/lib/ingest";
import { registerJobKind } from "../kinds";

interface SyncSummary {
  listeners: number;
  inserted: number;
  byStatus: Record<string, number>;
}

/** Recently played tracks from Spotify, for one listener or every connected one; one step (each listener's sync is idempotent by play key and cursor). */
registerJobKind<{ userId?: string }, SyncSummary>({
  kind: "sync",
  maxAttempts: 3,
  async step({ input }) {
    const results: SyncResult[] = input.userId ? [await syncListener(input.userId)] : await syncAll();
    const summary: SyncSummary = {
      listeners: results.length,
      inserted: results.reduce((sum, result) => sum + result.inserted, 0),
      byStatus: Object.fromEntries(
        Object.entries(Object.groupBy(results, (result) => result.status)).map(([status, items]) => [status, items?.length ?? 0]),
      ),
    };
    return {
      cursor: summary,
      done: true,
      progress: { done: results.length, total: results.length },
      detail: `${summary.listeners} listener(s), ${summary.inserted} new plays (${Object.entries(summary.byStatus)
        .map(([status, count]) => `${count} ${status}`)
        .join(", ")})`,
    };
  },
});
