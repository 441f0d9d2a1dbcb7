import { randomUUID } from "node:crypto";
import type { Store } from "../port";
import { collections, type ImportCounts, type ImportDocument } from "../schema";

export interface ChunkTally {
  counts: ImportCounts;
  /** Reason code → rows, e.g. { malformed_timestamp: 2 }. */
  rejectedReasons: Record<string, number>;
}

const REASON_CODE = /^[a-z][a-z0-9_]{0,63}$/;

export function importsRepository(store: Store) {
  const imports = store.collection<ImportDocument>(collections.imports);
  return {
    async create(
      userId: string,
      files: ImportDocument["files"],
      { now = new Date(), listenThresholdMs }: { now?: Date; listenThresholdMs?: number } = {},
    ): Promise<ImportDocument> {
      const job: ImportDocument = {
        _id: randomUUID(),
        userId,
        status: "receiving",
        files,
        counts: { read: 0, accepted: 0, duplicate: 0, short: 0, rejected: 0 },
        rejectedReasons: {},
        chunkIds: [],
        ...(listenThresholdMs === undefined ? {} : { listenThresholdMs }),
        createdAt: now,
        updatedAt: now,
        completedAt: null,
      };
      await imports.insertOne(job);
      return job;
    },

    /** Someone else's import is simply not found. */
    get(userId: string, id: string): Promise<ImportDocument | null> {
      return imports.findOne({ _id: id, userId });
    },

    list(userId: string, limit = 20): Promise<ImportDocument[]> {
      return imports.find({ userId }, { sort: { createdAt: -1 }, limit });
    },

    /**
     * Adds a chunk's tally exactly once: the filter only matches while the chunk id is absent, and
     * the id is recorded in the same atomic update. Returns false for a replay (or a closed import).
     */
    async applyChunk(userId: string, id: string, chunkId: string, tally: ChunkTally, now = new Date()): Promise<boolean> {
      const increments: Record<string, number> = {};
      for (const [field, value] of Object.entries(tally.counts)) if (value) increments[`counts.${field}`] = value;
      for (const [reason, value] of Object.entries(tally.rejectedReasons)) {
        if (!REASON_CODE.test(reason)) throw new TypeError(`Rejection reason codes are snake_case words, got "${reason}".`);
        if (value) increments[`rejectedReasons.${reason}`] = value;
      }
      const result = await imports.updateOne(
        { _id: id, userId, status: "receiving", chunkIds: { $ne: chunkId } },
        { $push: { chunkIds: chunkId }, ...(Object.keys(increments).length > 0 ? { $inc: increments } : {}), $set: { updatedAt: now } },
      );
      return result.modifiedCount === 1;
    },

    /** Adds a file to a receiving import's list (a streamed import learns its files one by one). */
    async addFile(userId: string, id: string, file: ImportDocument["files"][number], now = new Date()): Promise<boolean> {
      const result = await imports.updateOne(
        { _id: id, userId, status: "receiving" },
        { $push: { files: file }, $set: { updatedAt: now } },
      );
      return result.matchedCount === 1;
    },

    async finish(userId: string, id: string, status: "completed" | "cancelled" | "failed", now = new Date()): Promise<boolean> {
      const result = await imports.updateOne(
        { _id: id, userId, status: "receiving" },
        { $set: { status, updatedAt: now, completedAt: now } },
      );
      return result.matchedCount === 1;
    },
  };
}

export type ImportsRepository = ReturnType<typeof importsRepository>;
