/**
 * Errors as RFC 9457 problem+json with a stable `code`: the one place that gives an error code an
 * HTTP status. The `type` URI points at a page that explains the problem and what to do about it.
 */
import { AppError, errorCatalog, type ErrorCode, type FieldError } from "@/lib/errors";

const statusByCode = {
  bad_request: 400,
  invalid_json: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
} as const satisfies Record<ErrorCode, number>;

/** Every error code with its status, title and what to do: the catalogue the problem pages show. */
export const problemCatalog: { [C in ErrorCode]: { status: (typeof statusByCode)[C]; title: string; hint: string } } = Object.fromEntries(
  (Object.keys(errorCatalog) as ErrorCode[]).map((code) => [code, { status: statusByCode[code], ...errorCatalog[code] }]),
) as never;

export type ProblemCode = ErrorCode;

export { isErrorCode as isProblemCode } from "@/lib/errors";

export function statusOf(error: AppError): number {
  return statusByCode[error.code];
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

export function toProblem(error: AppError, instance?: string, requestId?: string): ProblemDetails {
  return {
    type: `/problems/${error.code}`,
    title: errorCatalog[error.code].title,
    status: statusOf(error),
    detail: error.detail,
    code: error.code,
    ...(instance ? { instance } : {}),
    ...(requestId ? { requestId } : {}),
    ...(error.errors ? { errors: error.errors } : {}),
    ...error.extensions,
  };
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The headers an error implies: Retry-After for anything that may succeed later, X-RateLimit-* for limits. */
export function problemHeaders(error: AppError): Record<string, string> {
  const headers: Record<string, string> = {};
  if (error.retryAfterSeconds !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
  if (error.limit) {
    headers["x-ratelimit-limit"] = String(error.limit.limit);
    headers["x-ratelimit-remaining"] = String(error.limit.remaining);
    headers["x-ratelimit-reset"] = String(Math.ceil(error.limit.resetAt / 1000));
  }
  return headers;
}

export function problemResponse(error: AppError, init: { instance?: string; requestId?: string; headers?: HeadersInit } = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("content-type", PROBLEM_CONTENT_TYPE);
  headers.set("cache-control", "no-store");
  for (const [name, value] of Object.entries(problemHeaders(error))) headers.set(name, value);
  if (init.requestId) headers.set("x-request-id", init.requestId);
  return new Response(JSON.stringify(toProblem(error, init.instance, init.requestId)), { status: statusOf(error), headers });
}
