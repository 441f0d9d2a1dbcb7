import type { Store } from "../port";
import { collections, type AccountDocument } from "../schema";

export interface TokenSet {
  accessToken: string;
  /** Spotify may leave it out of a refresh response; then the old one stays. */
  refreshToken?: string;
  expiresAt: Date;
  scope?: string;
}

/** Stored tokens are sealed by the caller (lib/auth); this repository never sees them in clear. */
export function accountsRepository(store: Store) {
  const accounts = store.collection<AccountDocument>(collections.accounts);
  return {
    find(userId: string): Promise<AccountDocument | null> {
      return accounts.findOne({ _id: userId });
    },

    async connect(userId: string, spotifyId: string, tokens: Required<TokenSet>, now = new Date()): Promise<void> {
      await accounts.updateOne(
        { _id: userId },
        {
          $set: {
            provider: "spotify",
            spotifyId,
            accessToken: tokens.accessToken,
            refreshToken: tokens.refreshToken,
            expiresAt: tokens.expiresAt,
            scope: tokens.scope,
            status: "active",
            pausedUntil: null,
            updatedAt: now,
          },
          $setOnInsert: { syncCursor: null, lastSyncAt: null, createdAt: now },
        },
        { upsert: true },
      );
    },

    /**
     * Stores refreshed tokens, but only if the stored refresh token is still `usedRefreshToken`, the
     * one the refresh spent: a compare-and-set, so an instance that lost a race (another instance
     * rotated the token first, or the listener signed in again) never overwrites the newer tokens.
     * A successful refresh proves the grant is good, so the account is active again. Returns whether
     * it stored them.
     */
    async saveRefreshed(userId: string, usedRefreshToken: string, tokens: TokenSet, now = new Date()): Promise<boolean> {
      const result = await accounts.updateOne(
        { _id: userId, refreshToken: usedRefreshToken },
        {
          $set: {
            accessToken: tokens.accessToken,
            expiresAt: tokens.expiresAt,
            ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
            ...(tokens.scope ? { scope: tokens.scope } : {}),
            status: "active",
            updatedAt: now,
          },
        },
      );
      return result.matchedCount > 0;
    },

    /**
     * Marks the account for reconnection, but only if Spotify refused the refresh token still
     * stored: when another instance has rotated it meanwhile, the account is fine. Returns whether
     * it marked it.
     */
    async markReconnectRequired(userId: string, refusedRefreshToken: string, now = new Date()): Promise<boolean> {
      const result = await accounts.updateOne(
        { _id: userId, refreshToken: refusedRefreshToken },
        { $set: { status: "reconnect_required", updatedAt: now } },
      );
      return result.matchedCount > 0;
    },

    async pauseUntil(userId: string, until: Date, now = new Date()): Promise<void> {
      await accounts.updateOne({ _id: userId }, { $set: { pausedUntil: until, updatedAt: now } });
    },

    async recordSync(userId: string, cursor: number | null, now = new Date()): Promise<void> {
      await accounts.updateOne(
        { _id: userId },
        { $set: { ...(cursor !== null ? { syncCursor: cursor } : {}), lastSyncAt: now, syncFailedAt: null, updatedAt: now } },
      );
    },

    /** Spotify was down for this sync: Settings says the next one retries; nothing else changes. */
    async recordSyncFailure(userId: string, now = new Date()): Promise<void> {
      await accounts.updateOne({ _id: userId }, { $set: { syncFailedAt: now, updatedAt: now } });
    },

    /**
     * Forgets the listener's Spotify connection: the sealed tokens, the sync cursor and any pause go
     * with the document, so nothing can call Spotify for them and sync no longer lists them. Signing
     * in with Spotify again (`connect`) starts a new one. Returns whether there was one.
     */
    async disconnect(userId: string): Promise<boolean> {
      return (await accounts.deleteOne({ _id: userId })) === 1;
    },

    listActive(limit = 100): Promise<AccountDocument[]> {
      return accounts.find({ status: "active" }, { sort: { lastSyncAt: 1 }, limit });
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
