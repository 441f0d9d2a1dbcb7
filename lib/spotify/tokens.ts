import "server-only";
import { accountsRepository, getStore, type AccountDocument, type AccountsRepository } from "@/lib/db";
import { env } from "@/lib/env";
import { brandError, hasErrorBrand } from "@/lib/errors";
import { perProcess } from "@/lib/process-state";
import { countEvent, logger } from "@/lib/telemetry";
import { openToken, sealToken } from "@/lib/security";

/** Spotify said the refresh token is no good (revoked, or the six-month expiry): sign in again. */
export class ReconnectRequiredError extends Error {
  // Branded: recognised across Next's bundle layers (see brandError).
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, "ReconnectRequiredError");
  }

  constructor(message = "Spotify needs you to reconnect your account.") {
    super(message);
    this.name = "ReconnectRequiredError";
    brandError(this, "ReconnectRequiredError");
  }
}

export interface FreshTokens {
  accessToken: string;
  refreshToken?: string;
  expiresAt: Date;
  scope?: string;
}

/** Refreshes this early, so a token never expires in the middle of a request. */
const REFRESH_MARGIN_MS = 60_000;

export interface SpotifyAppCredentials {
  accountsUrl: string;
  clientId: string;
  clientSecret: string;
}

const configuredApp = (): SpotifyAppCredentials => ({
  accountsUrl: env.SPOTIFY_ACCOUNTS_URL,
  clientId: env.AUTH_SPOTIFY_ID ?? "",
  clientSecret: env.AUTH_SPOTIFY_SECRET ?? "",
});

/**
 * Exchanges a refresh token at the accounts service. `invalid_grant` in any wording means the
 * listener must sign in again (we branch on `error`, never on `error_description`).
 */
export async function refreshSpotifyToken(refreshToken: string, app: SpotifyAppCredentials = configuredApp()): Promise<FreshTokens> {
  const basic = Buffer.from(`${app.clientId}:${app.clientSecret}`).toString("base64");
  const response = await fetch(`${app.accountsUrl}/api/token`, {
    method: "POST",
    headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken }),
    signal: AbortSignal.timeout(10_000),
    cache: "no-store",
  });
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok) {
    countEvent(`spotify.refresh.${response.status}`);
    if (body.error === "invalid_grant") throw new ReconnectRequiredError();
    throw new Error(`Spotify token refresh failed: HTTP ${response.status} ${String(body.error ?? "")}`.trim());
  }
  countEvent("spotify.refresh.ok");
  return {
    accessToken: String(body.access_token),
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : undefined,
    expiresAt: new Date(Date.now() + Number(body.expires_in ?? 3600) * 1000),
    scope: typeof body.scope === "string" ? body.scope : undefined,
  };
}

/** How long an instance whose refresh token Spotify refused waits for another instance's rotation to be stored. */
const ROTATION_GRACE_MS = 2_000;
const ROTATION_POLL_MS = 100;

export interface TokenRefresherOptions {
  /** The accounts repository; the process's store by default. */
  accounts?: () => Promise<AccountsRepository>;
  app?: () => SpotifyAppCredentials;
  /** Refreshes running in this instance, by user id; a fresh map for a refresher of its own. */
  inFlight?: Map<string, Promise<string>>;
  graceMs?: number;
}

export interface TokenRefresher {
  accessToken(userId: string, options?: { forceRefresh?: boolean }): Promise<string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives out valid access tokens, refreshing them when they are about to expire. Within one
 * instance, concurrent callers share one refresh. Across instances (several servers, one store)
 * the refresh is a compare-and-set on the stored refresh token: with refresh-token rotation only
 * the first instance's refresh succeeds and Spotify refuses the others with `invalid_grant`; they
 * then take the winner's tokens from the store instead of asking the listener to reconnect. Only
 * a refusal of the token still stored marks the account "reconnect".
 */
export function createTokenRefresher(options: TokenRefresherOptions = {}): TokenRefresher {
  const accountsOf = options.accounts ?? (async () => accountsRepository(await getStore()));
  const app = options.app ?? configuredApp;
  const inFlight = options.inFlight ?? new Map<string, Promise<string>>();
  const graceMs = options.graceMs ?? ROTATION_GRACE_MS;

  const isFresh = (account: AccountDocument) => account.expiresAt.getTime() - REFRESH_MARGIN_MS > Date.now();

  /** The stored account once its refresh token is no longer `refused` (another instance rotated it), or null after the grace period. */
  async function rotatedElsewhere(accounts: AccountsRepository, userId: string, refused: string): Promise<AccountDocument | null> {
    const deadline = Date.now() + graceMs;
    for (;;) {
      const current = await accounts.find(userId);
      if (!current) return null;
      if (current.refreshToken !== refused) return current;
      // Another instance already gave up on this very token: no winner is coming.
      if (current.status === "reconnect_required" || Date.now() >= deadline) return null;
      await sleep(ROTATION_POLL_MS);
    }
  }

  /** Refreshes with the refresh token of `account` as read; `attempt` bounds how often a lost race is retried. */
  async function refresh(accounts: AccountsRepository, userId: string, account: AccountDocument, attempt = 1): Promise<string> {
    const used = account.refreshToken;
    let fresh: FreshTokens;
    try {
      fresh = await refreshSpotifyToken(openToken(used), app());
    } catch (error) {
      if (!(error instanceof ReconnectRequiredError)) throw error;
      const winner = (await rotatedElsewhere(accounts, userId, used)) ?? (await markOrReread(accounts, userId, used));
      if (!winner || winner.status === "reconnect_required") throw error;
      logger.debug({ userId }, "spotify: refresh token rotated by another instance, using its tokens");
      if (isFresh(winner)) return openToken(winner.accessToken);
      if (attempt >= 2) throw new Error("Spotify token refresh lost the race twice; try again.");
      return refresh(accounts, userId, winner, attempt + 1);
    }
    const stored = await accounts.saveRefreshed(userId, used, {
      accessToken: sealToken(fresh.accessToken),
      // Kept when Spotify leaves it out; replaced when it rotates one.
      refreshToken: fresh.refreshToken ? sealToken(fresh.refreshToken) : undefined,
      expiresAt: fresh.expiresAt,
      scope: fresh.scope,
    });
    // Not stored: another instance (or a new sign-in) stored newer tokens first. Ours still work for this call.
    if (!stored) logger.debug({ userId }, "spotify: stored tokens changed during refresh, keeping the newer ones");
    return fresh.accessToken;
  }

  /** Marks the account "reconnect" if the refused token is still stored; else the newer account another instance just stored. */
  async function markOrReread(accounts: AccountsRepository, userId: string, refused: string): Promise<AccountDocument | null> {
    if (await accounts.markReconnectRequired(userId, refused)) {
      logger.info({ userId }, "spotify: refresh token refused, listener must reconnect");
      return null;
    }
    return accounts.find(userId);
  }

  return {
    async accessToken(userId, { forceRefresh = false } = {}) {
      const accounts = await accountsOf();
      const account = await accounts.find(userId);
      if (!account || account.status === "reconnect_required") throw new ReconnectRequiredError();
      if (!forceRefresh && isFresh(account)) return openToken(account.accessToken);

      const running = inFlight.get(userId);
      if (running) return running;
      const refreshing = refresh(accounts, userId, account).finally(() => inFlight.delete(userId));
      inFlight.set(userId, refreshing);
      return refreshing;
    },
  };
}

// One refresh per account at a time in this process: a page firing ten calls refreshes once.
const processRefresher = createTokenRefresher({
  inFlight: perProcess("spotify.tokenRefreshes", () => new Map<string, Promise<string>>()),
});

/**
 * A valid access token for a connected listener, refreshed when it is about to expire. Used by
 * the session callback, the Web API client and the sync job alike.
 */
export function getSpotifyAccessToken(userId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
  return processRefresher.accessToken(userId, options);
}

/** Stores the tokens of a fresh sign-in, sealed. */
export async function saveSpotifyConnection(
  userId: string,
  spotifyId: string,
  tokens: { accessToken: string; refreshToken: string; expiresAt: Date; scope: string },
): Promise<void> {
  await accountsRepository(await getStore()).connect(userId, spotifyId, {
    accessToken: sealToken(tokens.accessToken),
    refreshToken: sealToken(tokens.refreshToken),
    expiresAt: tokens.expiresAt,
    scope: tokens.scope,
  });
}
