import "server-only";
import type { z } from "zod";
import { ZodError } from "zod";
import { getRateLimiter, type RateLimitRule } from "@/lib/cache";
import { logger, type Logger } from "@/lib/telemetry";
import { AppError, type FieldError } from "@/lib/errors";
import { problemResponse, statusOf } from "./problem";

const REQUEST_ID_HEADER = "x-request-id";
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<P extends Schema | undefined, Q extends Schema | undefined, B extends Schema | undefined> {
  params?: P;
  query?: Q;
  body?: B;
  /** Requests per caller per window; over it, 429 with Retry-After and X-RateLimit-* headers. */
  rateLimit?: RateLimitRule;
}

export interface RouteInput<P, Q, B> {
  request: Request;
  params: P;
  query: Q;
  body: B;
  requestId: string;
  log: Logger;
}

/** What Next passes as the second argument of a route handler. */
export interface RouteContext {
  params: Promise<Record<string, string | string[] | undefined>>;
}

export type RouteHandler = (request: Request, context: RouteContext) => Promise<Response>;

/** Reuses a well-formed incoming request id (from a proxy or a test) or mints one. */
export function requestIdFor(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

function fieldErrors(where: string, error: ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    field: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

async function validate(where: string, schema: Schema | undefined, value: unknown): Promise<unknown> {
  if (!schema) return undefined;
  const result = await schema.safeParseAsync(value);
  if (!result.success) {
    throw new AppError("validation_failed", {
      detail: `Invalid ${where}: ${result.error.issues
        .map((issue) => `${[where, ...issue.path.map(String)].join(".")} ${issue.message}`)
        .join("; ")}.`,
      errors: fieldErrors(where, result.error),
    });
  }
  return result.data;
}

function queryRecord(url: URL): Record<string, string | string[]> {
  const record: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    record[key] = values.length === 1 ? (values[0] as string) : values;
  }
  return record;
}

async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const text = await request.text();
  if (text.trim() === "") return undefined;
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    throw new AppError("unsupported_media_type", {
      detail: `Expected a JSON body (Content-Type: application/json), got ${type ? `"${type}"` : "no Content-Type"}.`,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppError("invalid_json", {
      detail: `The request body is not valid JSON: ${(error as Error).message}.`,
    });
  }
}

/** Who a request counts against: the first forwarded address (set by Vercel), else the peer. */
export function callerOf(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || request.headers.get("x-real-ip") || "local";
}

function rateLimitHeaders(result: { limit: number; remaining: number; reset: number }): Record<string, string> {
  return {
    "x-ratelimit-limit": String(result.limit),
    "x-ratelimit-remaining": String(result.remaining),
    "x-ratelimit-reset": String(Math.ceil(result.reset / 1000)),
  };
}

/** Maps anything thrown to a problem response; only the unexpected is logged as an error. */
export function errorResponse(error: unknown, request: Request, requestId: string, log: Logger = logger): Response {
  const instance = new URL(request.url).pathname;
  if (error instanceof AppError) {
    if (statusOf(error) >= 500) log.warn({ requestId, code: error.code, err: error }, error.detail);
    return problemResponse(error, { instance, requestId });
  }
  if (error instanceof ZodError) {
    // A schema parse inside a handler failed: our own bug, not the caller's input.
    log.error({ requestId, err: error, method: request.method, path: instance }, "unexpected validation error");
    return problemResponse(new AppError("internal"), { instance, requestId });
  }
  log.error({ requestId, err: error, method: request.method, path: instance }, "unhandled error in route");
  return problemResponse(new AppError("internal"), { instance, requestId });
}

/**
 * Wraps a route handler: request id, validation of params, query and body with zod, and error
 * mapping to problem+json, once for every route. A handler returns a Response or a JSON value.
 */
export function route<
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  spec: RouteSpec<P, Q, B>,
  handler: (input: RouteInput<Infer<P>, Infer<Q>, Infer<B>>) => Promise<Response | object> | Response | object,
): RouteHandler {
  return async (request, context) => {
    const requestId = requestIdFor(request);
    const log = logger.child({ requestId });
    let response: Response;
    let limitHeaders: Record<string, string> = {};
    try {
      if (spec.rateLimit) {
        const result = await getRateLimiter().limit(callerOf(request), spec.rateLimit);
        limitHeaders = rateLimitHeaders(result);
        if (!result.success) {
          const retryAfter = Math.max(1, Math.ceil((result.reset - Date.now()) / 1000));
          throw new AppError("rate_limited", {
            detail: `Too many requests: at most ${result.limit} every ${spec.rateLimit.windowSeconds} s. Retry in ${retryAfter} s.`,
            retryAfterSeconds: retryAfter,
            limit: { limit: result.limit, remaining: result.remaining, resetAt: result.reset },
          });
        }
      }
      const url = new URL(request.url);
      const params = await validate("params", spec.params, await context?.params);
      const query = await validate("query", spec.query, queryRecord(url));
      const body = await validate("body", spec.body, spec.body ? await readJsonBody(request) : undefined);
      const result = await handler({
        request,
        params: params as Infer<P>,
        query: query as Infer<Q>,
        body: body as Infer<B>,
        requestId,
        log,
      });
      response = result instanceof Response ? result : Response.json(result);
    } catch (error) {
      response = errorResponse(error, request, requestId, log);
    }
    try {
      if (!response.headers.has(REQUEST_ID_HEADER)) response.headers.set(REQUEST_ID_HEADER, requestId);
      for (const [name, value] of Object.entries(limitHeaders)) if (!response.headers.has(name)) response.headers.set(name, value);
    } catch {
      // Immutable headers (a proxied fetch response): leave them as they are.
    }
    return response;
  };
}
