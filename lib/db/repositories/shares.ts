import { randomBytes } from "node:crypto";
import { DuplicateKeyError } from "../errors";
import type { Store } from "../port";
import { collections, type ShareDocument } from "../schema";

/**
 * Public links to a listener's year in music: they exist only while the listener keeps sharing on.
 * A link turned off is gone for good: turning sharing on again mints a new token, so a link that
 * leaked is replaced by turning sharing off and on.
 */
export function sharesRepository(store: Store) {
  const shares = store.collection<ShareDocument>(collections.shares);
  return {
    /** Turns sharing on for a year and returns the link's token: the current one while it is on, a new one otherwise. */
    async enable(userId: string, year: number, now = new Date()): Promise<ShareDocument> {
      const existing = await shares.findOne({ userId, year });
      if (existing?.enabled) return existing;
      // Turned off before this change kept its document: it never comes back on.
      if (existing) await shares.deleteOne({ _id: existing._id, enabled: false });
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
      } catch (error) {
        if (!(error instanceof DuplicateKeyError)) throw error;
        // Two tabs turned it on at once: the unique (userId, year) index kept the first.
        const winner = await shares.findOne({ userId, year });
        if (!winner?.enabled) throw new Error("share link could not be created");
        return winner;
      }
    },

    /** Turns sharing off: the link answers 404 at once, and for good. */
    async disable(userId: string, year: number): Promise<void> {
      await shares.deleteMany({ userId, year });
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
