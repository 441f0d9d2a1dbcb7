import { createHash, randomBytes } from "node:crypto";
import { DuplicateKeyError } from "../errors";
import type { Store } from "../port";
import { collections, type BlendDocument } from "../schema";

/** The pair key of two members: the same whichever of them invited. */
export function blendPairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** How an invite token is kept: its SHA-256, so the store never holds a working link. */
export function inviteHashOf(token: string): string {
  return createHash("sha256").update(token).digest("base64url");
}

/** Why accepting an invite did not make a Blend. */
export type AcceptOutcome =
  { ok: true; blend: BlendDocument } | { ok: false; reason: "not_found" | "expired" | "used" | "own" | "already"; blend?: BlendDocument };

/**
 * Blends and their invites. Every read names a member: a listener only ever finds the Blends they
 * belong to (and an invite only through its token), so a wrong id is "not found" for everyone else.
 */
export function blendsRepository(store: Store) {
  const blends = store.collection<BlendDocument>(collections.blends);
  const memberOf = (userId: string) => ({ $or: [{ inviterId: userId }, { partnerId: userId }] });

  return {
    /**
     * A new invite and the token of its link: 192 random bits, shown once to the inviter and kept
     * only as a hash. The invite expires at `expiresAt`.
     */
    async createInvite(inviterId: string, expiresAt: Date, now = new Date()): Promise<{ blend: BlendDocument; token: string }> {
      const token = randomBytes(24).toString("base64url");
      const id = randomBytes(12).toString("base64url");
      const blend: BlendDocument = {
        _id: id,
        status: "invited",
        inviterId,
        partnerId: null,
        pairKey: `invite|${id}`,
        inviteHash: inviteHashOf(token),
        inviteExpiresAt: expiresAt,
        playlists: [],
        generatedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      await blends.insertOne(blend);
      return { blend, token };
    },

    /** The invite behind a link's token, whatever its state (expired ones too), or null. */
    byToken(token: string): Promise<BlendDocument | null> {
      return blends.findOne({ inviteHash: inviteHashOf(token) });
    },

    /**
     * Accepts an invite for `userId`: once, before it expires, not one's own, and not when the two
     * already share a Blend (the unique pair key decides a race between two tabs).
     */
    async accept(token: string, userId: string, now = new Date()): Promise<AcceptOutcome> {
      const invite = await blends.findOne({ inviteHash: inviteHashOf(token) });
      if (!invite) return { ok: false, reason: "not_found" };
      if (invite.status !== "invited") return { ok: false, reason: "used", blend: invite };
      if (invite.inviterId === userId) return { ok: false, reason: "own", blend: invite };
      if (!invite.inviteExpiresAt || invite.inviteExpiresAt.getTime() <= now.getTime())
        return { ok: false, reason: "expired", blend: invite };
      const pairKey = blendPairKey(invite.inviterId, userId);
      const existing = await blends.findOne({ pairKey });
      if (existing) return { ok: false, reason: "already", blend: existing };
      try {
        const result = await blends.updateOne(
          { _id: invite._id, status: "invited", inviteHash: invite.inviteHash },
          {
            // The hash stays, so the used link can say so (and take its member to the Blend).
            $set: { status: "active", partnerId: userId, pairKey, inviteExpiresAt: null, updatedAt: now },
          },
        );
        // Someone else accepted between the read and the write: the invite is used.
        if (result.matchedCount === 0) return { ok: false, reason: "used" };
      } catch (error) {
        if (error instanceof DuplicateKeyError) return { ok: false, reason: "already" };
        throw error;
      }
      return {
        ok: true,
        blend: { ...invite, status: "active", partnerId: userId, pairKey, inviteHash: null, inviteExpiresAt: null, updatedAt: now },
      };
    },

    /** Declines an invite: it is gone, for the inviter too. False when there was no open invite. */
    async decline(token: string, userId: string): Promise<boolean> {
      const removed = await blends.deleteOne({ inviteHash: inviteHashOf(token), status: "invited", inviterId: { $ne: userId } });
      return removed === 1;
    },

    /** An active Blend with a partner who needs no invite (a demo visitor's demo friend); null when they already have one. */
    async createDirect(userId: string, partnerId: string, now = new Date()): Promise<BlendDocument | null> {
      const blend: BlendDocument = {
        _id: randomBytes(12).toString("base64url"),
        status: "active",
        inviterId: userId,
        partnerId,
        pairKey: blendPairKey(userId, partnerId),
        inviteHash: null,
        inviteExpiresAt: null,
        playlists: [],
        generatedAt: null,
        createdAt: now,
        updatedAt: now,
      };
      try {
        await blends.insertOne(blend);
        return blend;
      } catch (error) {
        if (error instanceof DuplicateKeyError) return null;
        throw error;
      }
    },

    /** The Blend two members share, if any. */
    byPair(a: string, b: string): Promise<BlendDocument | null> {
      return blends.findOne({ pairKey: blendPairKey(a, b) });
    },

    /** The listener's Blends and open invites, newest first; their own expired invites are removed on the way. */
    async listFor(userId: string, now = new Date()): Promise<BlendDocument[]> {
      await blends.deleteMany({ inviterId: userId, status: "invited", inviteExpiresAt: { $lte: now } });
      return blends.find(memberOf(userId), { sort: { updatedAt: -1 } });
    },

    /** How many open invites the listener has out: they are capped. */
    countOpenInvites(userId: string, now = new Date()): Promise<number> {
      return blends.countDocuments({ inviterId: userId, status: "invited", inviteExpiresAt: { $gt: now } });
    },

    /** One Blend, only for a member (an open invite only for its inviter); null otherwise. */
    findForMember(id: string, userId: string): Promise<BlendDocument | null> {
      return blends.findOne({ _id: id, ...memberOf(userId) });
    },

    /** Records a member's Blend playlist and when the picks were drawn. */
    async setPlaylists(id: string, playlists: BlendDocument["playlists"], generatedAt: Date): Promise<void> {
      await blends.updateOne({ _id: id }, { $set: { playlists, generatedAt, updatedAt: generatedAt } });
    },

    /** Deletes a Blend (or withdraws an invite) for a member: the deleted document, or null when it was not theirs or already gone. */
    async remove(id: string, userId: string): Promise<BlendDocument | null> {
      const blend = await blends.findOne({ _id: id, ...memberOf(userId) });
      if (!blend) return null;
      return (await blends.deleteOne({ _id: id })) === 1 ? blend : null;
    },
  };
}

export type BlendsRepository = ReturnType<typeof blendsRepository>;
