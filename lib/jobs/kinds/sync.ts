import "server-only";
import { syncAll, syncListener, type SyncResult } from "@/lib/ingest";
import { registerJobKind } from "../kinds";

/** Recently played tracks from Spotify, for one listener or every connected one; one step (each listener's sync is idempotent by play key and cursor). */
registerJobKind<{ userId?: string }, { results: number }>({
  kind: "sync",
  maxAttempts: 3,
  async step({ input }) {
    const results: SyncResult[] = input.userId ? [await syncListener(input.userId)] : await syncAll();
    const inserted = results.reduce((sum, result) => sum + result.inserted, 0);
    const failed = results.filter((result) => result.status === "failed").length;
    return {
      cursor: { results: results.length },
      done: true,
      progress: { done: results.length, total: results.length },
      detail: `${results.length} listener(s), ${inserted} new plays${failed > 0 ? `, ${failed} failed` : ""}`,
    };
  },
});
