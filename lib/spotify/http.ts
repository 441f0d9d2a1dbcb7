/**
 * How every Web API call is made, for every listener: a valid token (refreshed once on a 401),
 * Retry-After honoured (short waits waited out, long ones recorded as "paused until" and surfaced),
 * 5xx and network errors retried with jittered exponential backoff behind a per-account circuit
 * breaker, a per-account concurrency limit, and a count and a duration for each call.
 */
import { perProcess } from "@/lib/process-state";
import { countEvent, logger, observeDuration, recordSpotifyCall, recordSpotifyPause, withSpan } from "@/lib/telemetry";
import { SpotifyRateLimitedError, SpotifyRequestError, SpotifyUnavailableError } from "./errors";

export interface SpotifyAccount {
  /** Who the calls are for: breakers, limits and pauses are per account. */
  userId: string;
  getToken(options?: { forceRefresh?: boolean }): Promise<string>;
  /** Persisted "not before" deadline after a long 429 (shared by every process). */
  pausedUntil(): Promise<Date | null>;
  pauseUntil(until: Date): Promise<void>;
}

export interface CallOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** A stable name for counters, e.g. "GET /me/top/{type}". */
  endpoint: string;
  /**
   * false: a 5xx or a network error is thrown at once instead of retried, because Spotify may
   * have applied the request (adding items twice would duplicate them). 429s are still waited
   * out: a rate-limited request was not applied. Default true.
   */
  idempotent?: boolean;
}

export interface TransportSettings {
  baseUrl: string;
  /** Retry-After up to this many seconds is waited out in the request; longer ones pause the account. */
  maxWaitSeconds: number;
  /** Attempts for 5xx and network errors before giving up. */
  attempts: number;
  baseBackoffMs: number;
  breakerThreshold: number;
  breakerCooldownMs: number;
  concurrency: number;
  timeoutMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultTransportSettings = (baseUrl: string): TransportSettings => ({
  baseUrl,
  maxWaitSeconds: 10,
  attempts: 3,
  baseBackoffMs: 250,
  breakerThreshold: 3,
  breakerCooldownMs: 30_000,
  concurrency: 4,
  timeoutMs: 10_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
});

interface Breaker {
  failures: number;
  openUntil: number;
}

const breakers = perProcess("spotify.breakers", () => new Map<string, Breaker>());
const slots = perProcess("spotify.slots", () => new Map<string, { active: number; waiting: Array<() => void> }>());

/** Test hook and operator tool: forget every breaker (e.g. after Spotify recovers). */
export function resetSpotifyBreakers(): void {
  breakers.clear();
}

async function acquire(userId: string, limit: number): Promise<() => void> {
  let slot = slots.get(userId);
  if (!slot) {
    slot = { active: 0, waiting: [] };
    slots.set(userId, slot);
  }
  const current = slot;
  // A released slot is handed straight to the next waiter, so nobody can slip in between.
  if (current.active >= limit) await new Promise<void>((resolve) => current.waiting.push(resolve));
  else current.active += 1;
  return () => {
    const next = current.waiting.shift();
    if (next) return next();
    current.active -= 1;
    if (current.active === 0) slots.delete(userId);
  };
}

function breakerFor(userId: string): Breaker {
  let breaker = breakers.get(userId);
  if (!breaker) {
    breaker = { failures: 0, openUntil: 0 };
    breakers.set(userId, breaker);
  }
  return breaker;
}

function recordFailure(userId: string, settings: TransportSettings): void {
  const breaker = breakerFor(userId);
  breaker.failures += 1;
  if (breaker.failures >= settings.breakerThreshold) {
    breaker.openUntil = Date.now() + settings.breakerCooldownMs;
    countEvent("spotify.breaker.open");
    logger.warn({ userId, failures: breaker.failures }, "spotify: circuit opened for this account");
  }
}

function jittered(baseMs: number, attempt: number): number {
  const exponential = baseMs * 2 ** attempt;
  return Math.round(exponential / 2 + Math.random() * (exponential / 2));
}

function buildUrl(baseUrl: string, path: string, query: CallOptions["query"]): string {
  const url = new URL(`${baseUrl.replace(/\/$/, "")}${path}`);
  for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.set(key, String(value));
  return url.toString();
}

/** The error envelope; some errors (the dev-mode allow-list 403) are plain text, kept as the message. */
async function errorBody(response: Response): Promise<{ message: string; reason?: string }> {
  const text = await response.text().catch(() => "");
  try {
    const body = JSON.parse(text) as { error?: { message?: string; reason?: string } };
    return { message: body.error?.message ?? (text || response.statusText), reason: body.error?.reason };
  } catch {
    return { message: text.trim() || response.statusText };
  }
}

/** One Web API call with the whole policy. Returns the parsed JSON, or null for 204. */
export async function callSpotify<T>(account: SpotifyAccount, call: CallOptions, settings: TransportSettings): Promise<T | null> {
  const pausedUntil = await account.pausedUntil();
  if (pausedUntil && pausedUntil.getTime() > Date.now()) throw new SpotifyRateLimitedError(pausedUntil, false);
  const breaker = breakerFor(account.userId);
  if (breaker.openUntil > Date.now()) {
    countEvent("spotify.breaker.rejected");
    throw new SpotifyUnavailableError("too many failures in a row; trying again shortly");
  }

  const release = await acquire(account.userId, settings.concurrency);
  try {
    let refreshed = false;
    let failures = 0;
    let waits = 0;
    for (;;) {
      const token = await account.getToken({ forceRefresh: refreshed });
      const started = performance.now();
      let response: Response;
      try {
        response = await withSpan(
          `spotify ${call.endpoint}`,
          { "spotify.endpoint": call.endpoint, "http.request.method": call.method ?? "GET" },
          async (span) => {
            const answer = await fetch(buildUrl(settings.baseUrl, call.path, call.query), {
              method: call.method ?? "GET",
              headers: {
                authorization: `Bearer ${token}`,
                ...(call.body !== undefined ? { "content-type": "application/json" } : {}),
              },
              body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
              signal: AbortSignal.timeout(settings.timeoutMs),
              cache: "no-store",
            });
            span.setAttribute("http.response.status_code", answer.status);
            return answer;
          },
        );
      } catch (error) {
        countEvent(`spotify.call.${call.endpoint}.network`);
        recordSpotifyCall({ endpoint: call.endpoint, status: 0, ms: performance.now() - started });
        recordFailure(account.userId, settings);
        failures += 1;
        if (call.idempotent === false || failures >= settings.attempts || breakerFor(account.userId).openUntil > Date.now()) {
          throw new SpotifyUnavailableError((error as Error).message, error);
        }
        await settings.sleep(jittered(settings.baseBackoffMs, failures - 1));
        continue;
      }
      const elapsed = performance.now() - started;
      countEvent(`spotify.call.${call.endpoint}.${response.status}`);
      observeDuration(`spotify.${call.endpoint}`, elapsed);
      recordSpotifyCall({ endpoint: call.endpoint, status: response.status, ms: elapsed });

      if (response.ok) {
        breakerFor(account.userId).failures = 0;
        if (response.status === 204) return null;
        const text = await response.text();
        return text ? (JSON.parse(text) as T) : null;
      }
      if (response.status === 401 && !refreshed) {
        // An access token Spotify no longer accepts: refresh once, then give up.
        refreshed = true;
        continue;
      }
      if (response.status === 429) {
        const retryAfter = Math.max(1, Number(response.headers.get("retry-after") ?? "1") || 1);
        const { reason } = await errorBody(response);
        const quotaExceeded = reason === "QUOTA_EXCEEDED";
        if (quotaExceeded || retryAfter > settings.maxWaitSeconds || waits >= 3) {
          const until = new Date(Date.now() + retryAfter * 1000);
          await account.pauseUntil(until);
          countEvent("spotify.paused");
          recordSpotifyPause({ account: account.userId, until });
          throw new SpotifyRateLimitedError(until, quotaExceeded);
        }
        waits += 1;
        await settings.sleep(retryAfter * 1000);
        continue;
      }
      if (response.status >= 500) {
        recordFailure(account.userId, settings);
        failures += 1;
        if (call.idempotent === false || failures >= settings.attempts || breakerFor(account.userId).openUntil > Date.now()) {
          throw new SpotifyUnavailableError(`HTTP ${response.status}`);
        }
        await settings.sleep(jittered(settings.baseBackoffMs, failures - 1));
        continue;
      }
      const { message, reason } = await errorBody(response);
      throw new SpotifyRequestError(response.status, message, reason);
    }
  } finally {
    release();
  }
}
