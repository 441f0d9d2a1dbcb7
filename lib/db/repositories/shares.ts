import { randomBytes } from "node:crypto";
import type { Store } from "../port";
import { collections, type ShareDocument } from "../schema";

/** Public links to a listener's year in music: they exist only while the listener keeps sharing on. */
export function sharesRepository(store: Store) {
  const shares = store.collection<ShareDocument>(collections.shares);
  return {
    /** Turns sharing on for a year and returns the link's token (the same token as last time, if any). */
    async enable(userId: string, year: number, now = new Date()): Promise<ShareDocument> {
      const existing = await shares.findOne({ userId, year });
      if (existing) {
        await shares.updateOne({ _id: existing._id }, { $set: { enabled: true, updatedAt: now } });
        return { ...existing, enabled: true, updatedAt: now };
      }
      const document: ShareDocument = {
        _id: randomBytes(18).toString("base64url"),
        userId,
        year,
        enabled: true,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await shares.insertOne(document);
        return document;
      } catch {
        // Two tabs turned it on at once: the unique (userId, year) index kept the first.
        const winner = await shares.findOne({ userId, year });
        if (!winner) throw new Error("share link could not be created");
        await shares.updateOne({ _id: winner._id }, { $set: { enabled: true, updatedAt: now } });
        return { ...winner, enabled: true };
      }
    },

    async disable(userId: string, year: number, now = new Date()): Promise<void> {
      await shares.updateOne({ userId, year }, { $set: { enabled: false, updatedAt: now } });
    },

    forYear(userId: string, year: number): Promise<ShareDocument | null> {
      return shares.findOne({ userId, year });
    },

    /** The share behind a public link, only while it is on. */
    async byToken(token: string): Promise<ShareDocument | null> {
      const share = await shares.findOne({ _id: token });
      return share?.enabled ? share : null;
    },
  };
}

export type SharesRepository = ReturnType<typeof sharesRepository>;
