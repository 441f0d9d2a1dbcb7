import { AppError, brandError, hasErrorBrand } from "@/lib/errors";

/**
 * Spotify asked us to wait. Short waits are waited out inside the client; this reaches callers
 * only for long ones (quota exhaustion can be hours): "later", never "not found".
 */
export class SpotifyRateLimitedError extends AppError {
  static override readonly brand = "SpotifyRateLimitedError";
  readonly until: Date;
  readonly quotaExceeded: boolean;

  constructor(until: Date, quotaExceeded: boolean) {
    const seconds = Math.max(1, Math.ceil((until.getTime() - Date.now()) / 1000));
    super("rate_limited", {
      detail: `Spotify asked us to pause ${quotaExceeded ? "(daily quota reached) " : ""}until ${until.toISOString()}. Your data is safe; this resumes by itself.`,
      retryAfterSeconds: seconds,
      extensions: { pausedUntil: until.toISOString(), quotaExceeded },
    });
    this.until = until;
    this.quotaExceeded = quotaExceeded;
  }
}

/** Spotify keeps failing (5xx, timeouts) for this account: the circuit is open for a while. */
export class SpotifyUnavailableError extends AppError {
  static override readonly brand = "SpotifyUnavailableError";

  constructor(detail: string, cause?: unknown) {
    super("unavailable", { detail: `Spotify is not answering right now (${detail}). Retry in a minute.`, cause });
  }
}

/** Spotify answered with a 4xx we cannot fix by retrying (a missing item, a forbidden playlist). */
export class SpotifyRequestError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, "SpotifyRequestError");
  }

  readonly status: number;
  readonly reason: string | undefined;

  constructor(status: number, message: string, reason?: string) {
    super(message);
    this.name = "SpotifyRequestError";
    this.status = status;
    this.reason = reason;
    brandError(this, "SpotifyRequestError");
  }
}
