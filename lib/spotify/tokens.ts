import "server-only";
import { accountsRepository, getStore } from "@/lib/db";
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

// One refresh per account at a time in this process: a page firing ten calls refreshes once.
const inFlight = perProcess("spotify.tokenRefreshes", () => new Map<string, Promise<string>>());

/**
 * A valid access token for a connected listener, refreshed when it is about to expire. Used by
 * the session callback, the Web API client and the sync job alike.
 */
export async function getSpotifyAccessToken(userId: string, options: { forceRefresh?: boolean } = {}): Promise<string> {
  const accounts = accountsRepository(await getStore());
  const account = await accounts.find(userId);
  if (!account || account.status === "reconnect_required") throw new ReconnectRequiredError();
  if (!options.forceRefresh && account.expiresAt.getTime() - REFRESH_MARGIN_MS > Date.now()) return openToken(account.accessToken);

  const running = inFlight.get(userId);
  if (running) return running;
  const refresh = (async () => {
    try {
      const fresh = await refreshSpotifyToken(openToken(account.refreshToken));
      await accounts.saveRefreshed(userId, {
        accessToken: sealToken(fresh.accessToken),
        // Kept when Spotify leaves it out; replaced when it rotates one.
        refreshToken: fresh.refreshToken ? sealToken(fresh.refreshToken) : undefined,
        expiresAt: fresh.expiresAt,
        scope: fresh.scope,
      });
      return fresh.accessToken;
    } catch (error) {
      if (error instanceof ReconnectRequiredError) {
        await accounts.markReconnectRequired(userId);
        logger.info({ userId }, "spotify: refresh token refused, listener must reconnect");
      }
      throw error;
    } finally {
      inFlight.delete(userId);
    }
  })();
  inFlight.set(userId, refresh);
  return refresh;
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
