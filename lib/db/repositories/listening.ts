import { createHash } from "node:crypto";
import { DuplicateKeyError } from "../errors";
import type { Store } from "../port";
import { collections, type ListeningSegmentDocument, type PendingMarkerDocument } from "../schema";
import { flagStateId, revisionStateId, seedStateId, stateCollection, type StateDocument } from "./state";

/** A segment's payload, encoded by the listening layer (`lib/listening/segments.ts`): opaque here. */
export interface SegmentPayload {
  count: number;
  data: string;
}

/** A batch's pending marker: what the batch writes, as the listening layer encodes it. */
export interface PendingMarker {
  sourceKey: string;
  data: string;
  createdAt: Date;
}

/**
 * The state of a seed stored once for everyone (the demo history): which day's data it is, whether
 * it is complete, and which run is writing it under a lease.
 */
export interface SeedState {
  _id: string;
  /** The day (`YYYY-MM-DD`) whose data is stored, or being stored. */
  day: string;
  status: "storing" | "stored";
  /** The run writing it; only that run may renew the lease or mark the seed stored. */
  run: string;
  /** Until when the run holds the seed; after it, another run may take over. */
  leaseUntil: Date;
  /** Progress while storing: plays stored of all. */
  stored: number;
  total: number;
  updatedAt: Date;
}

/** The id of the segment one source (an import chunk, a sync run) writes: also stored on its plays. */
export const segmentIdOf = (userId: string, sourceKey: string) => `${userId}|${sourceKey}`;
const pendingIdOf = (segmentId: string) => `${segmentId}|pending`;
const SEGMENT_KINDS: Array<ListeningSegmentDocument["kind"]> = ["plays", "removed"];

/** The same set of segments always merges into the same id: two merges of one set write one document. */
function mergedIdOf(userId: string, replaces: readonly string[]): string {
  const digest = createHash("sha256")
    .update([...replaces].sort().join("\n"))
    .digest("base64url")
    .slice(0, 22);
  return `${userId}|merged|${digest}`;
}

export function listeningRepository(store: Store) {
  const segments = store.collection<ListeningSegmentDocument>(collections.listening);
  // The revision counter, flags and seed states are small documents read by id: kept apart (state.ts).
  const counters = stateCollection(store);
  const seeds = stateCollection<SeedState & StateDocument>(store);
  const markers = store.collection<PendingMarkerDocument>(collections.listeningPending);

  const bump = async (userId: string) => {
    // $set, not $setOnInsert: the embedded store applies $inc and $set without its query engine.
    await counters.updateOne({ _id: revisionStateId(userId) }, { $inc: { revision: 1 }, $set: { userId } }, { upsert: true });
  };

  // A segment is new but for a retried batch: inserted, it costs no lookup of its id (on FerretDB v1
  // an update by id reads every segment's data; an insert checks only the unique index).
  const put = async (document: ListeningSegmentDocument) => {
    try {
      await segments.insertOne(document);
      return;
    } catch (error) {
      if (!(error instanceof DuplicateKeyError)) throw error;
    }
    const { _id, ...fields } = document;
    await segments.updateOne({ _id }, { $set: fields }, { upsert: true });
  };

  return {
    /**
     * Writes the plays one source added (an import chunk, a sync run) as one segment. The id comes
     * from the source, so a retried chunk replaces its segment rather than adding a second one.
     */
    async appendPlays(userId: string, sourceKey: string, segment: SegmentPayload, now = new Date()): Promise<void> {
      if (segment.count === 0) return;
      const _id = segmentIdOf(userId, sourceKey);
      await put({ _id, userId, kind: "plays", count: segment.count, data: segment.data, createdAt: now });
      await bump(userId);
    },

    /** Whether the source has written its plays segment (a batch that ran to its end before). */
    async hasSegment(userId: string, sourceKey: string): Promise<boolean> {
      return (await segments.findOne({ _id: segmentIdOf(userId, sourceKey) }, { projection: { _id: 1 } })) !== null;
    },

    /** Records plays deleted from `plays` (account-data rows an exact row replaced). */
    async appendRemoved(userId: string, sourceKey: string, segment: SegmentPayload, now = new Date()): Promise<void> {
      if (segment.count === 0) return;
      await put({
        _id: `${segmentIdOf(userId, sourceKey)}|removed`,
        userId,
        kind: "removed",
        count: segment.count,
        data: segment.data,
        createdAt: now,
      });
      await bump(userId);
    },

    /** Changes whenever the listener's segments change (0 for a listener with none). */
    async revision(userId: string): Promise<number> {
      return (await counters.findOne({ _id: revisionStateId(userId) }))?.revision ?? 0;
    },

    /** The listener's segments (plays and removed; never pending markers), oldest first. */
    segments(userId: string): Promise<ListeningSegmentDocument[]> {
      return segments.find({ userId, kind: { $in: SEGMENT_KINDS } }, { sort: { createdAt: 1 } });
    },

    /** Written before a batch stores its plays; `clearPending` once its segment and rollups are written. */
    async markPending(userId: string, sourceKey: string, data: string, now = new Date()): Promise<void> {
      const { _id, ...fields } = { _id: pendingIdOf(segmentIdOf(userId, sourceKey)), userId, data, createdAt: now };
      await markers.updateOne({ _id }, { $set: fields }, { upsert: true });
    },

    async clearPending(userId: string, sourceKey: string): Promise<void> {
      await markers.deleteOne({ _id: pendingIdOf(segmentIdOf(userId, sourceKey)) });
    },

    /** The listener's batches that have not finished (in flight, or stopped by a crash). */
    async pending(userId: string): Promise<PendingMarker[]> {
      return (await markers.find({ userId })).map((marker) => ({
        sourceKey: marker._id.slice(userId.length + 1, -"|pending".length),
        data: marker.data,
        createdAt: marker.createdAt,
      }));
    },

    /** The markers of the given segments that are still pending (read one by one: `_id` lookups). */
    async pendingOf(userId: string, segmentIds: readonly string[]): Promise<PendingMarker[]> {
      const prefix = segmentIdOf(userId, "");
      const found = await Promise.all(
        segmentIds.filter((id) => id.startsWith(prefix)).map((id) => markers.findOne({ _id: pendingIdOf(id) })),
      );
      return found
        .filter((marker): marker is PendingMarkerDocument => marker !== null && marker.userId === userId)
        .map((marker) => ({
          sourceKey: marker._id.slice(prefix.length, -"|pending".length),
          data: marker.data,
          createdAt: marker.createdAt,
        }));
    },

    /**
     * Replaces several segments by one holding their plays (merged by the caller). `replaces` lists
     * every segment the new one stands for, those of merged segments included. Idempotent and safe
     * from two instances at once: the id comes from the set, so a second merge finds the document
     * there; the originals are deleted after it is written, and readers skip the ones it replaces
     * until they are gone. Returns whether anything changed.
     */
    async merge(userId: string, replaces: readonly string[], segment: SegmentPayload): Promise<boolean> {
      const ids = [...new Set(replaces)].sort();
      let written = true;
      try {
        await segments.insertOne({
          _id: mergedIdOf(userId, ids),
          userId,
          kind: "plays",
          count: segment.count,
          data: segment.data,
          // Oldest first when read, like the segments it replaces.
          createdAt: new Date(0),
          replaces: ids,
        });
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        written = false;
      }
      // Readers skip the originals from here on: the revision moves so no cached index outlives them.
      if (written) await bump(userId);
      const deleted = await segments.deleteMany({ userId, _id: { $in: ids } });
      if (deleted > 0) await bump(userId);
      return written || deleted > 0;
    },

    /**
     * Repair: the listener's segments become exactly `rebuilt` (and no marker is left). The new
     * segments are written before the others are deleted; run it again after a failure.
     */
    async replaceAll(userId: string, rebuilt: Array<{ sourceKey: string; segment: SegmentPayload }>, now = new Date()): Promise<number> {
      const keep: string[] = [];
      for (const { sourceKey, segment } of rebuilt) {
        if (segment.count === 0) continue;
        const _id = segmentIdOf(userId, sourceKey);
        await put({ _id, userId, kind: "plays", count: segment.count, data: segment.data, createdAt: now });
        keep.push(_id);
      }
      const deleted = await segments.deleteMany({ userId, _id: { $nin: keep } });
      await markers.deleteMany({ userId });
      await bump(userId);
      return deleted;
    },

    /** A one-off fact about the data (a seed that finished), kept in `listener_state`. */
    async setFlag(name: string): Promise<void> {
      await counters.updateOne({ _id: flagStateId(name) }, { $set: { revision: 1 } }, { upsert: true });
    },

    async hasFlag(name: string): Promise<boolean> {
      return (await counters.findOne({ _id: flagStateId(name) })) !== null;
    },

    async clearFlag(name: string): Promise<void> {
      await counters.deleteOne({ _id: flagStateId(name) });
    },

    seedState(name: string): Promise<SeedState | null> {
      return seeds.findOne({ _id: seedStateId(name) });
    },

    /**
     * Takes the seed for `run` to store `day`'s data, as a compare-and-set, so one run stores it
     * however many instances ask at once. Taken when there is no seed yet, when it holds another
     * day (stored or not: a run still storing that day loses its lease), or when the run storing
     * this day let its lease run out (it crashed). Never while another run holds the day's lease,
     * nor once the day is stored.
     */
    async claimSeed(name: string, day: string, run: string, leaseMs: number, now = new Date()): Promise<boolean> {
      const claimed = {
        day,
        status: "storing" as const,
        run,
        leaseUntil: new Date(now.getTime() + leaseMs),
        stored: 0,
        total: 0,
        updatedAt: now,
      };
      try {
        await seeds.insertOne({ _id: seedStateId(name), ...claimed });
        return true;
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
      }
      const otherDay = await seeds.updateOne({ _id: seedStateId(name), day: { $ne: day } }, { $set: claimed });
      if (otherDay.matchedCount === 1) return true;
      const abandoned = await seeds.updateOne(
        { _id: seedStateId(name), day, status: "storing", leaseUntil: { $lt: now } },
        { $set: claimed },
      );
      return abandoned.matchedCount === 1;
    },

    /** Extends the run's lease and records its progress; false when another run has taken the seed. */
    async renewSeed(name: string, run: string, progress: { stored: number; total: number }, leaseMs: number, now = new Date()) {
      const result = await seeds.updateOne(
        { _id: seedStateId(name), run, status: "storing" },
        { $set: { ...progress, leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
      );
      return result.matchedCount === 1;
    },

    /** The run's data is complete; false when another run has taken the seed meanwhile. */
    async finishSeed(name: string, run: string, now = new Date()): Promise<boolean> {
      const result = await seeds.updateOne(
        { _id: seedStateId(name), run, status: "storing" },
        { $set: { status: "stored", leaseUntil: now, updatedAt: now } },
      );
      return result.matchedCount === 1;
    },

    /** A run that failed lets go at once, so the next visit (on any instance) starts again without waiting for the lease. */
    async releaseSeed(name: string, run: string): Promise<void> {
      await seeds.updateOne({ _id: seedStateId(name), run, status: "storing" }, { $set: { leaseUntil: new Date(0) } });
    },

    async deleteAll(userId: string): Promise<void> {
      await segments.deleteMany({ userId });
      await markers.deleteMany({ userId });
      await bump(userId);
    },
  };
}

export type ListeningRepository = ReturnType<typeof listeningRepository>;
