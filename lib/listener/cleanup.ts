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
