import { hash } from "node:crypto";
import { isoString } from "@/lib/iso-time";
import type { Store } from "../port";
import { collections, type PlayDocument } from "../schema";

/**
 * A play to store. Its identity keys come from the caller (the rules are the listening layer's
 * `trackKeyFor` and `nameKeyFor`): the store keeps what it is given.
 */
export type NewPlay = Omit<PlayDocument, "_id" | "userId" | "nameKey"> & { nameKey: string };

/** A stream's id: the same listener, moment and track always give the same id. */
export function playId(userId: string, playedAt: Date, trackKey: string): string {
  // Time first (7 base-36 digits of epoch seconds, in order until the year 4453), then the hash of
  // the whole key: imports arrive in time order, so new ids land at the end of the _id index
  // instead of at random pages of it. One-shot hash: a third of the cost of createHash(). The key
  // holds the moment as toISOString writes it (`isoString` is the same text, made faster).
  const time = playedAt.getTime();
  const seconds = Math.max(0, Math.floor(time / 1000));
  return `${seconds.toString(36).padStart(7, "0")}${hash("sha256", `${userId}\n${isoString(time)}\n${trackKey}`, "base64url").slice(0, 25)}`;
}

/** The epoch second a play id starts with (see `playId`), or null for an id of another shape. */
function secondsOf(id: string): number | null {
  return /^[0-9a-z]{7}[A-Za-z0-9_-]{25}$/.test(id) ? parseInt(id.slice(0, 7), 36) : null;
}

export interface TimeRange {
  from?: Date;
  to?: Date;
}

function rangeFilter(userId: string, range: TimeRange = {}) {
  const playedAt: Record<string, Date> = {};
  if (range.from) playedAt.$gte = range.from;
  if (range.to) playedAt.$lt = range.to;
  return Object.keys(playedAt).length > 0 ? { userId, playedAt } : { userId };
}

export function playsRepository(store: Store) {
  const plays = store.collection<PlayDocument>(collections.plays);
  return {
    /**
     * Stores each stream once: a replayed batch inserts nothing and says which rows were already
     * there. The id is the stream's key (listener, moment, track), so `_id` is the unique index.
     * Returns each row's id, in order. `segmentId`, when given, is set on every play (one copy of
     * each play is made here, not one more by the caller).
     */
    async add(
      userId: string,
      batch: NewPlay[],
      segmentId?: string,
    ): Promise<{ inserted: number; duplicateIndexes: number[]; ids: string[] }> {
      const documents = batch.map((play): PlayDocument =>
        segmentId === undefined
          ? { ...play, _id: playId(userId, play.playedAt, play.trackKey), userId }
          : { ...play, segmentId, _id: playId(userId, play.playedAt, play.trackKey), userId },
      );
      const ids = documents.map((document) => document._id);
      // The documents were built here and are not used again: the store may keep them as they are.
      const result = await plays.insertMany(documents, { handOver: true });
      return { inserted: result.insertedCount, duplicateIndexes: result.duplicateIndexes, ids };
    },

    count(userId: string, range?: TimeRange): Promise<number> {
      return plays.countDocuments(rangeFilter(userId, range));
    },

    recent(userId: string, limit = 50): Promise<PlayDocument[]> {
      return plays.find({ userId }, { sort: { playedAt: -1 }, limit });
    },

    between(userId: string, range: TimeRange, options: { limit?: number; skip?: number } = {}): Promise<PlayDocument[]> {
      return plays.find(rangeFilter(userId, range), { sort: { playedAt: 1 }, ...options });
    },

    /** Artists by listening time in a range, with their play counts (two pipelines: one sum each). */
    async topArtists(
      userId: string,
      range: TimeRange,
      limit = 10,
    ): Promise<Array<{ artistName: string; msPlayed: number; plays: number }>> {
      const match = rangeFilter(userId, range);
      const byTime = await plays.aggregate<{ _id: string; msPlayed: number }>([
        { $match: match },
        { $group: { _id: "$artistName", msPlayed: { $sum: "$msPlayed" } } },
        { $sort: { msPlayed: -1, _id: 1 } },
        { $limit: limit },
      ]);
      const counts = await plays.aggregate<{ _id: string; plays: number }>([
        { $match: { ...match, artistName: { $in: byTime.map((artist) => artist._id) } } },
        { $group: { _id: "$artistName", plays: { $sum: 1 } } },
      ]);
      const playsByArtist = new Map(counts.map((artist) => [artist._id, artist.plays]));
      return byTime.map((artist) => ({ artistName: artist._id, msPlayed: artist.msPlayed, plays: playsByArtist.get(artist._id) ?? 0 }));
    },

    /**
     * Plays by id, only the fields a caller names. A few ids are read one by one: an `_id`
     * equality is an index lookup everywhere, while `$in` is a full scan on FerretDB v1.
     */
    async byIds(userId: string, ids: string[], projection: Record<string, 1>): Promise<Array<Partial<PlayDocument> & { _id: string }>> {
      if (ids.length > 20) {
        // Many ids: the plays between the first and last moment the ids name, through the time
        // index, kept when listed. FerretDB v1 tests a long `$in` against every play of the store.
        const seconds = ids.map(secondsOf);
        // (Second 0 stands for any moment up to 1970: those go by id.)
        if (seconds.every((second) => second !== null && second > 0)) {
          const wanted = new Set(ids);
          const from = new Date(Math.min(...(seconds as number[])) * 1000);
          const to = new Date((Math.max(...(seconds as number[])) + 1) * 1000);
          const found = (await plays.find(rangeFilter(userId, { from, to }), { projection: { ...projection, _id: 1 } })) as Array<
            Partial<PlayDocument> & { _id: string }
          >;
          return found.filter((play) => wanted.has(play._id));
        }
        return plays.find({ userId, _id: { $in: ids } }, { projection }) as Promise<Array<Partial<PlayDocument> & { _id: string }>>;
      }
      const found = await Promise.all(ids.map((id) => plays.findOne({ _id: id }, { projection: { ...projection, userId: 1 } })));
      return found.filter((play): play is PlayDocument => play !== null && play.userId === userId) as Array<
        Partial<PlayDocument> & { _id: string }
      >;
    },

    /** Plays in [from, to) with only the named fields (for de-duplication windows and rebuilds). */
    window(userId: string, range: TimeRange, projection: Record<string, 1>): Promise<Array<Partial<PlayDocument> & { _id: string }>> {
      return plays.find(rangeFilter(userId, range), { projection }) as Promise<Array<Partial<PlayDocument> & { _id: string }>>;
    },

    deleteByIds(userId: string, ids: string[]): Promise<number> {
      return ids.length === 0 ? Promise.resolve(0) : plays.deleteMany({ userId, _id: { $in: ids } });
    },

    deleteAll(userId: string): Promise<number> {
      return plays.deleteMany({ userId });
    },
  };
}

export type PlaysRepository = ReturnType<typeof playsRepository>;
