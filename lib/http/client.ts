/**
 * The browser's side of our problem+json errors: one reader for every failed response, one
 * `fetchJson` that throws it, and one retry rule for queries, idempotent mutations and the import
 * worker. Client-safe and dependency-free (no React, no zod, no server modules), so a Web Worker can
 * import it too.
 */
import type { ErrorCode, FieldError } from "@/lib/errors";

/** A server error code, or `network_error` when no answer came at all (offline, DNS, CORS, reset). */
export type ProblemCode = ErrorCode | "network_error";

export interface ProblemInit {
  status: number;
  code: ProblemCode;
  title: string;
  detail: string;
  errors?: FieldError[];
  retryAfterSeconds?: number;
  requestId?: string;
  cause?: unknown;
}

/** A failed request, read from its problem+json body (or made up from the status when there was none). */
export class ProblemError extends Error {
  /** The HTTP status; 0 when the request never got an answer. */
  readonly status: number;
  readonly code: ProblemCode;
  readonly title: string;
  /** A sentence for the listener; also the error's `message`. */
  readonly detail: string;
  readonly errors: FieldError[] | undefined;
  /** From the Retry-After header (or the body): seconds after which the same request may succeed. */
  readonly retryAfterSeconds: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: ProblemInit) {
    super(init.detail, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "ProblemError";
    this.status = init.status;
    this.code = init.code;
    this.title = init.title;
    this.detail = init.detail;
    this.errors = init.errors;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.requestId = init.requestId;
  }
}

/** The code a bare status implies, for answers without a problem body (a proxy's HTML page, an empty 502). */
function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return "unauthorized";
    case 403:
      return "forbidden";
    case 404:
      return "not_found";
    case 405:
      return "method_not_allowed";
    case 409:
      return "conflict";
    case 413:
      return "payload_too_large";
    case 415:
      return "unsupported_media_type";
    case 429:
      return "rate_limited";
    case 408:
    case 502:
    case 503:
    case 504:
      return "unavailable";
    default:
      return status >= 500 ? "internal" : "bad_request";
  }
}

/** Sentences for answers that did not explain themselves. */
function fallbackText(status: number): { title: string; detail: string } {
  if (status === 401) return { title: "Sign in required", detail: "Your session has ended. Sign in again, then retry." };
  if (status === 403) return { title: "Not allowed", detail: "This account cannot do that." };
  if (status === 404) return { title: "Not found", detail: "That could not be found. It may have been deleted." };
  if (status === 408) return { title: "Request timed out", detail: "The request took too long. Try again." };
  if (status === 429) return { title: "Too many requests", detail: "Too many requests at once. Wait a moment, then try again." };
  if (status >= 500)
    return {
      title: "Something went wrong on our side",
      detail: `Something went wrong on our side (HTTP ${status}). Try again in a moment.`,
    };
  return { title: "The request failed", detail: `The request failed (HTTP ${status}).` };
}

/** Retry-After as seconds: either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim() : undefined;
}

function fieldErrors(value: unknown): FieldError[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const errors = value.filter(
    (each): each is FieldError =>
      typeof each === "object" && each !== null && typeof each.field === "string" && typeof each.message === "string",
  );
  return errors.length > 0 ? errors : undefined;
}

/** A JSON object from a body, or null when the body is not one (HTML, plain text, empty, an array). */
export function parseProblemBody(body: string): Record<string, unknown> | null {
  if (!body.trimStart().startsWith("{")) return null;
  try {
    const parsed = JSON.parse(body) as unknown;
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface ProblemContext {
  /** Used when the body has no detail or title of its own, instead of the generic sentence for the status. */
  fallback?: string;
  retryAfter?: string | null;
  requestId?: string | null;
}

/**
 * The ProblemError for a status and a response body already read as text: the problem's own
 * `detail`/`title`/`code` when the body is a problem document (or any JSON with them), a sentence
 * for the status otherwise. Never throws. Used directly where a library has read the body already
 * (the AI SDK's chat transport).
 */
export function problemFromBody(status: number, body: string, context: ProblemContext = {}): ProblemError {
  const json = parseProblemBody(body);
  const fallback = fallbackText(status);
  const title = text(json?.title) ?? fallback.title;
  const detail = text(json?.detail) ?? text(json?.title) ?? context.fallback ?? fallback.detail;
  const bodyRetryAfter =
    typeof json?.retryAfterSeconds === "number" && Number.isFinite(json.retryAfterSeconds) ? json.retryAfterSeconds : undefined;
  const retryAfterSeconds = parseRetryAfter(context.retryAfter) ?? bodyRetryAfter;
  const requestId = text(json?.requestId) ?? text(context.requestId);
  const errors = fieldErrors(json?.errors);
  return new ProblemError({
    status,
    code: (text(json?.code) as ErrorCode | undefined) ?? codeForStatus(status),
    title,
    detail,
    ...(errors ? { errors } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(requestId ? { requestId } : {}),
  });
}

/**
 * Reads a failed response into a ProblemError: its problem+json body (RFC 9457), Retry-After and
 * X-Request-Id. Bodies that are not problems (an HTML error page from a proxy, an empty 502) get a
 * sentence for their status. Never throws, even when the body cannot be read.
 */
export async function readProblem(response: Response, context: Pick<ProblemContext, "fallback"> = {}): Promise<ProblemError> {
  const body = await response.text().catch(() => "");
  return problemFromBody(response.status, body, {
    ...context,
    retryAfter: response.headers.get("retry-after"),
    requestId: response.headers.get("x-request-id"),
  });
}

/** The ProblemError for a request that got no answer (offline, DNS, connection reset). */
export function networkProblem(cause?: unknown): ProblemError {
  return new ProblemError({
    status: 0,
    code: "network_error",
    title: "No connection",
    detail: "EchoTune could not be reached. Check your connection, then try again.",
    cause,
  });
}

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && (error.name === "AbortError" || error.name === "TimeoutError");
}

export interface FetchJsonInit extends RequestInit {
  /** The sentence shown when the server's answer does not say what went wrong. */
  fallback?: string;
}

/**
 * `fetch` for our JSON API: sends `accept: application/json`, throws a ProblemError for anything
 * but 2xx (and for a request that got no answer), and returns the parsed body (undefined for 204 or
 * an empty body). An aborted request rethrows the AbortError untouched, as TanStack Query expects.
 */
export async function fetchJson<T>(input: string | URL | Request, init: FetchJsonInit = {}): Promise<T> {
  const { fallback, ...request } = init;
  const headers = new Headers(request.headers);
  if (!headers.has("accept")) headers.set("accept", "application/json");
  let response: Response;
  try {
    response = await fetch(input, { ...request, headers });
  } catch (error) {
    if (isAbort(error) || request.signal?.aborted) throw error;
    throw networkProblem(error);
  }
  if (!response.ok) throw await readProblem(response, fallback === undefined ? {} : { fallback });
  if (response.status === 204) return undefined as T;
  const body = await response.text();
  if (!body) return undefined as T;
  try {
    return JSON.parse(body) as T;
  } catch (error) {
    // A 2xx that is not JSON (a captive portal's page, a truncated answer): not a problem document either.
    throw new ProblemError({
      status: response.status,
      code: "internal",
      title: "Unreadable answer",
      detail: "The server's answer could not be read. Try again.",
      cause: error,
    });
  }
}

/** How patient a caller is: retries after the first failure, and the longest Retry-After it waits out. */
export interface RetryPolicy {
  /** 3 means up to 4 attempts in all. */
  retries: number;
  /** A server asking for a longer pause gets the error shown instead of a wait. */
  maxRetryAfterSeconds: number;
}

/** Queries and idempotent mutations: a listener is looking at a spinner. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { retries: 3, maxRetryAfterSeconds: 30 };
export const MAX_RETRIES = DEFAULT_RETRY_POLICY.retries;
/** The longest backoff between two attempts when the server did not say how long to wait. */
export const MAX_BACKOFF_MS = 30_000;
const BASE_DELAY_MS = 1_000;

/**
 * Whether trying the same request again may help: no answer (network), a timeout (408), a rate
 * limit (429) or a server error (5xx). Any other 4xx is ours to fix, never retried. Errors that did
 * not come from a response (a bug, a parse error) are not retried either; a bare TypeError is what
 * `fetch` throws when offline, so it counts as a network failure.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ProblemError) return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500;
  return error instanceof TypeError;
}

/**
 * The one retry rule (TanStack Query's `retry`): retryable errors, at most `policy.retries` times,
 * and never when the server asks for a longer pause than the policy waits out: that error is shown
 * instead. `failureCount` counts the failures before this one (0 after the first).
 */
export function shouldRetry(failureCount: number, error: unknown, policy: RetryPolicy = DEFAULT_RETRY_POLICY): boolean {
  if (failureCount >= policy.retries || !isRetryable(error)) return false;
  const retryAfter = error instanceof ProblemError ? error.retryAfterSeconds : undefined;
  return retryAfter === undefined || retryAfter <= policy.maxRetryAfterSeconds;
}

/**
 * The wait before the next attempt (TanStack Query's `retryDelay`), in milliseconds: the server's
 * Retry-After when it gave one (up to the policy's longest), otherwise exponential backoff (1 s,
 * 2 s, 4 s, …) up to 30 s.
 */
export function retryDelay(failureCount: number, error: unknown, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const retryAfter = error instanceof ProblemError ? error.retryAfterSeconds : undefined;
  if (retryAfter !== undefined) return Math.max(0, Math.min(retryAfter, policy.maxRetryAfterSeconds)) * 1000;
  return Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** Math.max(0, failureCount));
}

/**
 * For mutations that may safely run twice (a PUT-like "set", a rename, a delete): spread into the
 * mutation's options. Mutations retry nothing by default.
 */
export const idempotentRetry: {
  retry: (failureCount: number, error: Error) => boolean;
  retryDelay: (failureCount: number, error: Error) => number;
} = {
  retry: shouldRetry,
  retryDelay,
};
