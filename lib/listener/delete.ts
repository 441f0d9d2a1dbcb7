import "server-only";
import { deleteListenerKeys, getCache } from "@/lib/cache";
import { getStore, usersRepository, type Store } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/telemetry";
import { profileCacheKey } from "./preferences";

/**
 * Deletes a listener's account with everything EchoTune keeps of them: every stored document
 * (`removeListener` in lib/db, the user document last) and every cache key and rate-limit window
 * naming them (`deleteListenerKeys` in lib/cache). The one path for "Delete my account" and for
 * the cleanup of idle demo visitors.
 *
 * The cache goes first and must answer: an unreachable cache stops the deletion before anything is
 * gone, so the listener can retry while still signed in. Then the store, then the cache once more
 * (quietly): a request of theirs already past sign-in may have cached something meanwhile. A
 * session cookie left behind names an account that no longer exists, which reads as signed out
 * (`profileOf`). Idempotent: a second run finds nothing and deletes nothing.
 *
 * A request of theirs already past sign-in when the account goes (an import chunk being stored, an
 * answer being streamed) may still write for a few minutes: the account is marked first, and the
 * daily cleanup deletes it all once more (`sweepDeletedListeners`) once that time has passed.
 *
 * `cache: false` skips the keyspace scans, for the cleanup of visitors idle for 30 days: every key
 * naming a listener lives two days at most (assistant and research budgets), so theirs are long
 * gone, and a scan per visitor would cost a full pass over the keyspace each.
 */
export async function deleteListener(listenerId: string, options: { store?: Store; cache?: boolean } = {}): Promise<void> {
  const db = options.store ?? (await getStore());
  if (options.cache === false) {
    await usersRepository(db).removeListener(listenerId);
    // One key is cheap to forget now rather than serve for another minute.
    await getCache()
      .delete(profileCacheKey(listenerId))
      .catch(() => undefined);
    return;
  }
  try {
    await deleteListenerKeys(listenerId);
  } catch (error) {
    throw new AppError("unavailable", {
      detail: "Your account was not deleted: the cache is unreachable right now. Nothing was removed; try again in a minute.",
      cause: error,
    });
  }
  // Before anything goes: a deletion stopped midway is swept too (or, the account still there, forgotten).
  await usersRepository(db).markForSweep(listenerId);
  await usersRepository(db).removeListener(listenerId);
  await deleteListenerKeys(listenerId).catch((error: unknown) =>
    logger.warn({ err: error }, "account deletion: the second cache sweep failed; what is left expires with its TTL"),
  );
}
