/**
 * The error family of the whole app, with no dependencies: storage, Spotify, import, insights and the
 * assistant raise these with a stable code and a detail written for the listener. They never pick an
 * HTTP status: only `lib/http` turns a code into a status and a problem+json document.
 */
export const errorCatalog = {
  bad_request: { title: "The request could not be read", hint: "Check the request against the API documentation and send it again." },
  invalid_json: { title: "The request body is not valid JSON", hint: "Send a JSON body with the header Content-Type: application/json." },
  validation_failed: {
    title: "Some fields are missing or invalid",
    hint: "Each entry in `errors` names a field and what is wrong with it; correct them and retry.",
  },
  unauthorized: { title: "Sign in required", hint: "Sign in with Spotify or start the demo, then try again." },
  forbidden: { title: "Not allowed", hint: "This account cannot do that. Sign in with the account that owns the resource." },
  not_found: { title: "Not found", hint: "Check the address; the resource may have been deleted or never existed." },
  method_not_allowed: { title: "Method not allowed", hint: "The `Allow` header lists the methods this endpoint accepts." },
  conflict: { title: "Conflict", hint: "The resource changed meanwhile. Reload it and retry." },
  payload_too_large: { title: "Request too large", hint: "Send the data in smaller parts (under 4 MB each)." },
  unsupported_media_type: { title: "Unsupported content type", hint: "Send Content-Type: application/json." },
  rate_limited: { title: "Too many requests", hint: "Wait for the number of seconds in the Retry-After header, then retry." },
  internal: {
    title: "Something went wrong on our side",
    hint: "Retry in a moment. If it keeps happening, report the request id from the X-Request-Id header.",
  },
  unavailable: { title: "Temporarily unavailable", hint: "A service we depend on is down. Retry in a minute; nothing you sent was lost." },
} as const satisfies Record<string, { title: string; hint: string }>;

export type ErrorCode = keyof typeof errorCatalog;

export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(errorCatalog, value);
}

export interface FieldError {
  /** Where the problem is: `body.email`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

/** A limit the caller ran into: how many were allowed, and when to try again. */
export interface LimitInfo {
  limit: number;
  remaining: number;
  /** When the window resets, in epoch milliseconds. */
  resetAt: number;
}

export interface AppErrorOptions {
  detail?: string;
  errors?: FieldError[];
  /** Seconds after which the same request may succeed (a rate limit, a pause asked by Spotify). */
  retryAfterSeconds?: number;
  limit?: LimitInfo;
  /** Extra members for the problem document (for example `pausedUntil`). */
  extensions?: Record<string, unknown>;
  cause?: unknown;
}

const BRANDS = Symbol.for("echotune.error-brands");

/**
 * Next bundles server code into several layers (route handlers, server components), each with its
 * own copy of our modules, while process singletons such as the store are shared between them. An
 * error class from one copy then fails `instanceof` against the other's. Branded errors carry a
 * marker in the global symbol registry, and their `instanceof` checks the marker instead.
 */
export function brandError(error: object, brand: string): void {
  const holder = error as { [BRANDS]?: Set<string> };
  holder[BRANDS] ??= new Set();
  holder[BRANDS].add(brand);
}

export function hasErrorBrand(value: unknown, brand: string): boolean {
  return typeof value === "object" && value !== null && (value as { [BRANDS]?: Set<string> })[BRANDS]?.has(brand) === true;
}

export class AppError extends Error {
  /** The brand `instanceof` checks; each subclass names its own. */
  static readonly brand: string = "AppError";

  static override [Symbol.hasInstance](value: unknown): boolean {
    return hasErrorBrand(value, this.brand);
  }

  readonly code: ErrorCode;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly retryAfterSeconds: number | undefined;
  readonly limit: LimitInfo | undefined;
  readonly extensions: Record<string, unknown>;

  constructor(code: ErrorCode, options: AppErrorOptions = {}) {
    const entry = errorCatalog[code];
    super(options.detail ?? entry.title, { cause: options.cause });
    this.name = "AppError";
    // Brand every class in the chain, so an outage error is also an AppError to other copies.
    for (let type: unknown = new.target; typeof type === "function" && type !== Error; type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, "brand")) brandError(this, (type as typeof AppError).brand);
    }
    this.code = code;
    this.detail = options.detail ?? `${entry.title}. ${entry.hint}`;
    this.errors = options.errors;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.limit = options.limit;
    this.extensions = options.extensions ?? {};
  }
}
