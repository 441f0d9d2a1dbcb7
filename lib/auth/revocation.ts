import "server-only";
import { getCache } from "@/lib/cache";
import { logger } from "@/lib/telemetry";

/**
 * Signed-out sessions. A session is a signed cookie (a JWT) that the server keeps no record of, so
 * without this a copy taken before sign-out (from a shared computer, a synced browser profile, a
 * stolen backup) would stay valid until it expires, up to 30 days later. Each sign-in gets an id
 * (`sid` in the token); signing out marks that id revoked in the cache until the token would have
 * expired, and the session callback refuses a revoked id on every request.
 *
 * The cache is the shared one (Upstash when configured, so every instance sees the mark). While it
 * is unreachable a revoked session reads as valid: the listener's own browser has dropped the
 * cookie already, and an outage does not sign everybody out.
 */

const key = (sid: string) => `session:revoked:${sid}`;
/** The longest a session lives (the session's maxAge): no mark needs to outlive it. */
export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

/** Marks the session revoked until `expiresAt` (the token's `exp`, epoch seconds) has passed. */
export async function revokeSession(sid: string, expiresAt?: number): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const ttlSeconds = Math.min(SESSION_MAX_AGE_SECONDS, Math.max(60, (expiresAt ?? now + SESSION_MAX_AGE_SECONDS) - now));
  await getCache().set(key(sid), 1, { ttlSeconds });
  logger.debug({ ttlSeconds }, "auth: session revoked");
}

export async function isSessionRevoked(sid: string): Promise<boolean> {
  return (await getCache().get<number>(key(sid))) !== undefined;
}
