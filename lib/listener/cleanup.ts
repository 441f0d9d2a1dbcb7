import "server-only";
import { usersRepository, type Store } from "@/lib/db";
import { logger } from "@/lib/telemetry";
import { deleteListener } from "./delete";

/** A demo visitor not seen for this long is removed with everything they own. */
export const DEMO_IDLE_DAYS = 30;

/**
 * The cleanup job (`/api/cron/cleanup`, daily; `npm run cleanup`): removes demo visitors idle for
 * `DEMO_IDLE_DAYS` and everything they own (`deleteListener`), in batches until none is left. The shared demo
 * history is never a visitor, so it is never touched. A visitor that fails is logged and left for
 * the next run.
 */
export async function removeIdleDemoListeners(store: Store, now = new Date()): Promise<{ removed: number; failed: number }> {
  const users = usersRepository(store);
  const before = new Date(now.getTime() - DEMO_IDLE_DAYS * 86_400_000);
  const failedIds = new Set<string>();
  let removed = 0;
  for (;;) {
    const batch = (await users.idleDemoVisitors(before)).filter((id) => !failedIds.has(id));
    if (batch.length === 0) break;
    for (const id of batch) {
      try {
        // The same path as "Delete my account"; their cache keys expired weeks ago (`deleteListener`).
        await deleteListener(id, { store, cache: false });
        removed += 1;
      } catch (error) {
        failedIds.add(id);
        logger.warn({ err: error, userId: id }, "cleanup: an idle demo visitor was not removed; the next run retries");
      }
    }
  }
  return { removed, failed: failedIds.size };
}

/**
 * How long after "Delete my account" its sweep waits: longer than any request may run (route
 * handlers stop at 300 s) and than a job's lease, so nothing of theirs still writes by then.
 */
export const SWEEP_AFTER_MS = 15 * 60_000;

/**
 * The second pass of "Delete my account" (daily, with the idle visitors): for each account deleted
 * at least `SWEEP_AFTER_MS` ago, deletes whatever a request in flight at the time wrote after the
 * deletion (`deleteListener` once more). An account that exists again (a Spotify listener who
 * signed up again meanwhile, or a deletion that failed midway and was not retried) is left alone.
 * Each mark is forgotten once swept; one that fails stays for the next run.
 */
export async function sweepDeletedListeners(store: Store, now = new Date()): Promise<{ swept: number; failed: number }> {
  const users = usersRepository(store);
  const failedIds = new Set<string>();
  let swept = 0;
  for (;;) {
    const due = (await users.dueSweeps(new Date(now.getTime() - SWEEP_AFTER_MS))).filter(({ id }) => !failedIds.has(id));
    if (due.length === 0) break;
    for (const { id, deletedAt } of due) {
      try {
        if (!(await users.findById(id))) {
          await deleteListener(id, { store, cache: false });
          swept += 1;
        }
        await users.finishSweep(id, deletedAt);
      } catch (error) {
        failedIds.add(id);
        logger.warn({ err: error, userId: id }, "cleanup: a deleted account was not swept; the next run retries");
      }
    }
  }
  return { swept, failed: failedIds.size };
}
