import "server-only";
import { DEMO_USER_ID, isDemoVisitorId } from "@/lib/db";
import { pendingNameCount, resolveNameBatch } from "@/lib/ingest";
import { spotifyClientFor } from "@/lib/spotify";
import { enqueueJob } from "../enqueue";
import { registerJobKind } from "../kinds";

/** Names per step: a step is a few seconds of Spotify searches, well inside a lease. */
export const RESOLVE_BATCH = 25;

interface Input {
  userId: string;
  importId?: string;
  batch?: number;
}

interface Cursor {
  /** The last name key done: the next batch starts after it. */
  after: string | null;
  total: number;
  done: number;
}

/**
 * Account-data plays (names, no track id) to Spotify tracks, a batch of names per step in key order.
 * A batch run twice calls Spotify only for names not yet in `resolutions` and updates only plays
 * still without a track id. Once done, the newly known tracks' catalogue facts are fetched.
 */
registerJobKind<Input, Cursor>({
  kind: "resolve-names",
  async step({ input, cursor, store, checkpoint }) {
    const total = cursor?.total ?? (await pendingNameCount(input.userId, store));
    const limit = input.batch ?? RESOLVE_BATCH;
    const isDemo = input.userId === DEMO_USER_ID || isDemoVisitorId(input.userId);
    const batch = await resolveNameBatch(input.userId, spotifyClientFor({ userId: input.userId, isDemo }), {
      store,
      after: cursor?.after ?? null,
      limit,
      onResolved: () => checkpoint("resolve-names:resolved"),
    });
    if (batch.pausedUntil)
      return { wait: batch.pausedUntil, detail: `Spotify paused this account until ${batch.pausedUntil.toISOString()}` };
    const finished = batch.names < limit;
    // Names a killed run resolved drop out of the pending ones: once finished, all were done.
    const done = finished ? total : Math.min(total, (cursor?.done ?? 0) + batch.names);
    if (finished && !isDemo)
      await enqueueJob(
        "enrich-catalogue",
        { key: input.importId ?? `resolve|${input.userId}|${done}`, input: { userId: input.userId }, userId: input.userId },
        store,
      );
    return {
      cursor: { after: batch.last ?? cursor?.after ?? null, total, done },
      done: finished,
      progress: { done, total },
      detail: `${batch.looked} names looked up, ${batch.resolved} resolved, ${batch.playsUpdated} plays updated`,
    };
  },
});
