import type { BulkOperation, Store } from "../port";
import { collections, type RollupDocument, type RollupGranularity } from "../schema";

/** What a play contributes to its hour and its day. */
export interface PlayTally {
  playedAt: Date;
  msPlayed: number;
  skipped: boolean | null;
}

const LISTEN_MS = 30_000;

export function bucketOf(granularity: RollupGranularity, at: Date): { bucket: string; start: Date } {
  const iso = at.toISOString();
  if (granularity === "hour") return { bucket: iso.slice(0, 13), start: new Date(`${iso.slice(0, 13)}:00:00.000Z`) };
  return { bucket: iso.slice(0, 10), start: new Date(`${iso.slice(0, 10)}T00:00:00.000Z`) };
}

function tallies(plays: PlayTally[]) {
  const totals = new Map<string, { granularity: RollupGranularity; bucket: string; start: Date; plays: number; listens: number; msPlayed: number; skips: number }>();
  for (const play of plays) {
    for (const granularity of ["hour", "day"] as const) {
      const { bucket, start } = bucketOf(granularity, play.playedAt);
      const key = `${granularity}|${bucket}`;
      const total = totals.get(key) ?? { granularity, bucket, start, plays: 0, listens: 0, msPlayed: 0, skips: 0 };
      total.plays += 1;
      total.msPlayed += play.msPlayed;
      if (play.msPlayed >= LISTEN_MS) total.listens += 1;
      if (play.skipped === true || play.msPlayed < LISTEN_MS) total.skips += 1;
      totals.set(key, total);
    }
  }
  return [...totals.values()];
}

export function rollupsRepository(store: Store) {
  const rollups = store.collection<RollupDocument>(collections.rollups);
  const idOf = (userId: string, granularity: RollupGranularity, bucket: string) => `${userId}|${granularity}|${bucket}`;
  return {
    /** Adds newly stored plays to their hours and days: one upsert per bucket, not per play. */
    async add(userId: string, plays: PlayTally[], now = new Date()): Promise<number> {
      if (plays.length === 0) return 0;
      const operations: BulkOperation<RollupDocument>[] = tallies(plays).map((total) => ({
        updateOne: {
          filter: { _id: idOf(userId, total.granularity, total.bucket) },
          update: {
            $inc: { plays: total.plays, listens: total.listens, msPlayed: total.msPlayed, skips: total.skips },
            $set: { updatedAt: now },
            $setOnInsert: { userId, granularity: total.granularity, bucket: total.bucket, start: total.start },
          },
          upsert: true,
        },
      }));
      await rollups.bulkWrite(operations);
      return operations.length;
    },

    /** Rewrites the buckets of a time range from the plays themselves (after a retried chunk). */
    async rebuild(userId: string, from: Date, to: Date, plays: PlayTally[], now = new Date()): Promise<void> {
      const first = bucketOf("day", from).start;
      const last = new Date(bucketOf("day", to).start.getTime() + 86_400_000);
      await rollups.deleteMany({ userId, start: { $gte: first, $lt: last } });
      await this.add(userId, plays, now);
    },

    between(userId: string, granularity: RollupGranularity, from?: Date, to?: Date): Promise<RollupDocument[]> {
      const start: Record<string, Date> = {};
      if (from) start.$gte = from;
      if (to) start.$lt = to;
      return rollups.find({ userId, granularity, ...(Object.keys(start).length > 0 ? { start } : {}) }, { sort: { start: 1 } });
    },
  };
}

export type RollupsRepository = ReturnType<typeof rollupsRepository>;
