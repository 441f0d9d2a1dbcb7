/**
 * One error type for the whole API, rendered as RFC 9457 problem+json with a stable `code`.
 * The `type` URI points at a page that explains the problem and what to do about it.
 */
export const problemCatalog = {
  bad_request: { status: 400, title: "The request could not be read", hint: "Check the request against the API documentation and send it again." },
  invalid_json: { status: 400, title: "The request body is not valid JSON", hint: "Send a JSON body with the header Content-Type: application/json." },
  validation_failed: { status: 400, title: "Some fields are missing or invalid", hint: "Each entry in `errors` names a field and what is wrong with it; correct them and retry." },
  unauthorized: { status: 401, title: "Sign in required", hint: "Sign in with Spotify or start the demo, then try again." },
  forbidden: { status: 403, title: "Not allowed", hint: "This account cannot do that. Sign in with the account that owns the resource." },
  not_found: { status: 404, title: "Not found", hint: "Check the address; the resource may have been deleted or never existed." },
  method_not_allowed: { status: 405, title: "Method not allowed", hint: "The `Allow` header lists the methods this endpoint accepts." },
  conflict: { status: 409, title: "Conflict", hint: "The resource changed meanwhile. Reload it and retry." },
  payload_too_large: { status: 413, title: "Request too large", hint: "Send the data in smaller parts (under 4 MB each)." },
  unsupported_media_type: { status: 415, title: "Unsupported content type", hint: "Send Content-Type: application/json." },
  rate_limited: { status: 429, title: "Too many requests", hint: "Wait for the number of seconds in the Retry-After header, then retry." },
  internal: { status: 500, title: "Something went wrong on our side", hint: "Retry in a moment. If it keeps happening, report the request id from the X-Request-Id header." },
  unavailable: { status: 503, title: "Temporarily unavailable", hint: "A service we depend on is down. Retry in a minute; nothing you sent was lost." },
} as const satisfies Record<string, { status: number; title: string; hint: string }>;

export type ProblemCode = keyof typeof problemCatalog;

export function isProblemCode(value: string): value is ProblemCode {
  return Object.hasOwn(problemCatalog, value);
}

export interface FieldError {
  /** Where the problem is: `body.email`, `query.limit`, `params.id`. */
  field: string;
  message: string;
}

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ProblemCode;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export interface ProblemOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
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

  readonly code: ProblemCode;
  readonly status: number;
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  readonly headers: Record<string, string>;
  readonly extensions: Record<string, unknown>;

  constructor(code: ProblemCode, options: ProblemOptions = {}) {
    const entry = problemCatalog[code];
    super(options.detail ?? entry.title, { cause: options.cause });
    this.name = "AppError";
    // Brand every class in the chain, so an outage error is also an AppError to other copies.
    for (let type: unknown = new.target; typeof type === "function" && type !== Error; type = Object.getPrototypeOf(type)) {
      if (Object.hasOwn(type, "brand")) brandError(this, (type as typeof AppError).brand);
    }
    this.code = code;
    this.status = entry.status;
    this.detail = options.detail ?? `${entry.title}. ${entry.hint}`;
    this.errors = options.errors;
    this.headers = options.headers ?? {};
    this.extensions = options.extensions ?? {};
  }

  toProblem(instance?: string, requestId?: string): ProblemDetails {
    const entry = problemCatalog[this.code];
    return {
      type: `/problems/${this.code}`,
      title: entry.title,
      status: this.status,
      detail: this.detail,
      code: this.code,
      ...(instance ? { instance } : {}),
      ...(requestId ? { requestId } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...this.extensions,
    };
  }
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function problemResponse(error: AppError, init: { instance?: string; requestId?: string; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  headers.set("cache-control", "no-store");
  for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  if (init.requestId) headers.set("x-request-id", init.requestId);
  return new Response(JSON.stringify(error.toProblem(init.instance, init.requestId)), {
    status: error.status,
    headers,
  });
}
