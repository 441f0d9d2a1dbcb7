import type { Store } from "../port";
import { collections, type ListeningSegmentDocument } from "../schema";

/** A segment's payload, encoded by the listening layer (`lib/listening/segments.ts`): opaque here. */
export interface SegmentPayload {
  count: number;
  data: string;
}

const revisionId = (userId: string) => `revision|${userId}`;

export function listeningRepository(store: Store) {
  const segments = store.collection<ListeningSegmentDocument>(collections.listening);
  // The revision counter lives in the same collection, without a userId, so it never reads as a segment.
  const counters = store.collection<{ _id: string; revision: number }>(collections.listening);

  const bump = async (userId: string) => {
    await counters.updateOne({ _id: revisionId(userId) }, { $inc: { revision: 1 } }, { upsert: true });
  };

  const put = async (document: ListeningSegmentDocument) => {
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
      await put({ _id: `${userId}|${sourceKey}`, userId, kind: "plays", count: segment.count, data: segment.data, createdAt: now });
      await bump(userId);
    },

    /** Records plays deleted from `plays` (account-data rows an exact row replaced). */
    async appendRemoved(userId: string, sourceKey: string, segment: SegmentPayload, now = new Date()): Promise<void> {
      if (segment.count === 0) return;
      await put({
        _id: `${userId}|${sourceKey}|removed`,
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
      return (await counters.findOne({ _id: revisionId(userId) }))?.revision ?? 0;
    },

    segments(userId: string): Promise<ListeningSegmentDocument[]> {
      return segments.find({ userId }, { sort: { createdAt: 1 } });
    },

    /** Replaces several small segments by one (their plays already merged by the caller). */
    async merge(userId: string, ids: string[], segment: SegmentPayload, now = new Date()): Promise<void> {
      await put({
        _id: `${userId}|merged|${now.getTime()}`,
        userId,
        kind: "plays",
        count: segment.count,
        data: segment.data,
        createdAt: new Date(0),
      });
      await segments.deleteMany({ userId, _id: { $in: ids } });
      await bump(userId);
    },

    /** A one-off fact about the data (a seed that finished), kept beside the segments. */
    async setFlag(name: string): Promise<void> {
      await counters.updateOne({ _id: `flag|${name}` }, { $set: { revision: 1 } }, { upsert: true });
    },

    async hasFlag(name: string): Promise<boolean> {
      return (await counters.findOne({ _id: `flag|${name}` })) !== null;
    },

    async deleteAll(userId: string): Promise<void> {
      await segments.deleteMany({ userId });
      await bump(userId);
    },
  };
}

export type ListeningRepository = ReturnType<typeof listeningRepository>;
