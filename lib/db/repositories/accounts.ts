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

    async saveRefreshed(userId: string, tokens: TokenSet, now = new Date()): Promise<void> {
      await accounts.updateOne(
        { _id: userId },
        {
          $set: {
            accessToken: tokens.accessToken,
            expiresAt: tokens.expiresAt,
            ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
            ...(tokens.scope ? { scope: tokens.scope } : {}),
            updatedAt: now,
          },
        },
      );
    },

    async markReconnectRequired(userId: string, now = new Date()): Promise<void> {
      await accounts.updateOne({ _id: userId }, { $set: { status: "reconnect_required", updatedAt: now } });
    },

    async pauseUntil(userId: string, until: Date, now = new Date()): Promise<void> {
      await accounts.updateOne({ _id: userId }, { $set: { pausedUntil: until, updatedAt: now } });
    },

    async recordSync(userId: string, cursor: number | null, now = new Date()): Promise<void> {
      await accounts.updateOne(
        { _id: userId },
        { $set: { ...(cursor !== null ? { syncCursor: cursor } : {}), lastSyncAt: now, updatedAt: now } },
      );
    },

    listActive(limit = 100): Promise<AccountDocument[]> {
      return accounts.find({ status: "active" }, { sort: { lastSyncAt: 1 }, limit });
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
