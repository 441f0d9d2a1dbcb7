import { perProcess } from "@/lib/process-state";
import type { BulkOperation, Store } from "../port";
import { collections, type ListeningTotals, type RollupDocument } from "../schema";
import { minutePrecisionStateId, stateCollection } from "./state";

/** What a play contributes to its day and hour. */
export interface PlayTally {
  playedAt: Date;
  msPlayed: number;
  skipped: boolean | null;
}

const LISTEN_MS = 30_000;
const DAY_MS = 86_400_000;

/** UTC day number → its `YYYY-MM-DD`: a decade is 3,650 entries, and formatting per play is costly. */
const bucketNames = perProcess("db.bucketNames", () => new Map<number, string>());

export function dayOf(at: Date): { bucket: string; start: Date } {
  const day = Math.floor(at.getTime() / DAY_MS);
  let bucket = bucketNames.get(day);
  if (bucket === undefined) {
    bucket = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (bucketNames.size < 100_000) bucketNames.set(day, bucket);
  }
  return { bucket, start: new Date(day * DAY_MS) };
}

function add(totals: ListeningTotals, play: PlayTally) {
  totals.plays += 1;
  totals.msPlayed += play.msPlayed;
  if (play.msPlayed >= LISTEN_MS) totals.listens += 1;
  if (play.skipped === true || play.msPlayed < LISTEN_MS) totals.skips += 1;
}

const empty = (): ListeningTotals => ({ plays: 0, listens: 0, msPlayed: 0, skips: 0 });

function byDay(plays: PlayTally[]) {
  const days = new Map<string, { start: Date; totals: ListeningTotals; hours: Map<number, ListeningTotals> }>();
  for (const play of plays) {
    const { bucket, start } = dayOf(play.playedAt);
    let day = days.get(bucket);
    if (!day) {
      day = { start, totals: empty(), hours: new Map() };
      days.set(bucket, day);
    }
    add(day.totals, play);
    const hour = play.playedAt.getUTCHours();
    let hourTotals = day.hours.get(hour);
    if (!hourTotals) {
      hourTotals = empty();
      day.hours.set(hour, hourTotals);
    }
    add(hourTotals, play);
  }
  return days;
}

export function rollupsRepository(store: Store) {
  const rollups = store.collection<RollupDocument>(collections.rollups);
  const idOf = (userId: string, bucket: string) => `${userId}|day|${bucket}`;
  return {
    /** Adds newly stored plays to their days and hours: one upsert per day, not per play. */
    async add(userId: string, plays: PlayTally[], now = new Date()): Promise<number> {
      if (plays.length === 0) return 0;
      const days = [...byDay(plays)];
      // Most days of an import are new: insert them all in one batch, without reading first, and
      // upsert only the days the unique key says exist already (few round trips, no scans).
      const fresh = days;
      const inserted = await rollups.insertMany(
        fresh.map(([bucket, day]) => ({
          _id: idOf(userId, bucket),
          userId,
          granularity: "day" as const,
          bucket,
          start: day.start,
          ...day.totals,
          hours: Object.fromEntries([...day.hours].map(([hour, totals]) => [String(hour), totals])),
          updatedAt: now,
        })),
        { handOver: true },
      );
      const existing = new Set(inserted.duplicateIndexes.map((index) => fresh[index]?.[0]));
      const operations: BulkOperation<RollupDocument>[] = days
        .filter(([bucket]) => existing.has(bucket))
        .map(([bucket, day]) => {
          const increments: Record<string, number> = { ...day.totals };
          for (const [hour, totals] of day.hours) {
            for (const [field, value] of Object.entries(totals)) if (value) increments[`hours.${hour}.${field}`] = value;
          }
          return {
            updateOne: {
              filter: { _id: idOf(userId, bucket) },
              update: {
                $inc: increments,
                $set: { updatedAt: now },
                $setOnInsert: { userId, granularity: "day", bucket, start: day.start },
              },
              upsert: true,
            },
          };
        });
      if (operations.length > 0) await rollups.bulkWrite(operations);
      return days.length;
    },

    /** Rewrites the days of a time range from the plays themselves (after a retried chunk). */
    async rebuild(userId: string, from: Date, to: Date, plays: PlayTally[], now = new Date()): Promise<void> {
      const first = dayOf(from).start;
      const last = new Date(dayOf(to).start.getTime() + DAY_MS);
      await rollups.deleteMany({ userId, granularity: "day", start: { $gte: first, $lt: last } });
      await this.add(userId, plays, now);
    },

    /** Repair: every day of the listener rewritten from all their plays. */
    async replaceAll(userId: string, plays: PlayTally[], now = new Date()): Promise<number> {
      await rollups.deleteMany({ userId, granularity: "day" });
      return this.add(userId, plays, now);
    },

    /** Every rollup of the listener, and the minute-precision marker: their plays are being replaced. */
    async deleteAll(userId: string): Promise<number> {
      await stateCollection(store).deleteOne({ _id: minutePrecisionStateId(userId) });
      return rollups.deleteMany({ userId });
    },

    /** Days in [from, to), oldest first. */
    days(userId: string, from?: Date, to?: Date): Promise<RollupDocument[]> {
      const start: Record<string, Date> = {};
      if (from) start.$gte = from;
      if (to) start.$lt = to;
      return rollups.find({ userId, granularity: "day", ...(Object.keys(start).length > 0 ? { start } : {}) }, { sort: { start: 1 } });
    },

    /** Marks the listener as having plays that know only the minute (account data). */
    async markMinutePrecision(userId: string): Promise<void> {
      await stateCollection(store).updateOne(
        { _id: minutePrecisionStateId(userId) },
        { $set: { minutePrecision: true, userId } },
        { upsert: true },
      );
    },

    /** Read by id from the small state collection (state.ts): read for every chunk an import stores. */
    async hasMinutePrecision(userId: string): Promise<boolean> {
      const marker = await stateCollection(store).findOne({ _id: minutePrecisionStateId(userId) });
      return marker?.minutePrecision === true;
    },
  };
}

export type RollupsRepository = ReturnType<typeof rollupsRepository>;
