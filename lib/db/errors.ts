import { AppError, brandError, hasErrorBrand } from "@/lib/errors";

// Branded (see brandError): the store is shared across Next's bundle layers, so its errors must be
// recognised by every copy of these classes.

/** A write hit a unique index. Repositories turn it into their own answer (usually "already there"). */
export class DuplicateKeyError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, "DuplicateKeyError");
  }

  readonly index: string;

  constructor(index: string, message = `Duplicate key for unique index ${index}`) {
    super(message);
    this.name = "DuplicateKeyError";
    this.index = index;
    brandError(this, "DuplicateKeyError");
  }
}

/** Seconds a caller should wait before retrying, as readiness says while the store is down. */
const STORE_RETRY_AFTER_SECONDS = 30;

/**
 * The configured database cannot be reached. Rendered as a 503 problem with Retry-After, so
 * clients that retry (the import upload, the query client) wait rather than hammer it.
 */
export class StoreUnavailableError extends AppError {
  static override readonly brand = "StoreUnavailableError";

  constructor(reason: string, cause?: unknown) {
    super("unavailable", {
      detail: `The database is unreachable right now (${reason}). Nothing was changed; retry in a minute.`,
      retryAfterSeconds: STORE_RETRY_AFTER_SECONDS,
      cause,
    });
    this.name = "StoreUnavailableError";
  }
}

/** The embedded store's files are held by another process or cannot be read. */
export class EmbeddedStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmbeddedStoreError";
  }
}
