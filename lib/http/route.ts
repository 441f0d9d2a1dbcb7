import "server-only";
import type { z } from "zod";
import { ZodError } from "zod";
import { after } from "next/server";
import { signInRequired } from "@/lib/auth";
import { getRateLimiter, type RateLimitRule } from "@/lib/cache";
import { AppError, type FieldError } from "@/lib/errors";
import { listenerOf, type ListenerProfile } from "@/lib/listener";
import { env } from "@/lib/env";
import {
  flushMetrics,
  hashedListenerId,
  logger,
  recordRequest,
  runWithRequestContext,
  withSpan,
  type Logger,
  type RequestLogContext,
} from "@/lib/telemetry";
import { DEFAULT_BODY_LIMIT, readBodyText } from "./body";
import { callerOf } from "./caller";
import { requireCronSecret } from "./cron";
import { checkSameOrigin } from "./origin";
import { problemResponse, statusOf } from "./problem";
import { routePattern } from "./route-pattern";

const REQUEST_ID_HEADER = "x-request-id";
const SAFE_REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

type Schema = z.ZodType;
type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

/**
 * A capability's own check of who may call (lib/ops's operators): it names the caller, or throws
 * the error to answer with (a 404 for routes whose existence is nobody else's business).
 */
export interface RouteGate<C extends { id: string } = { id: string }> {
  /** For logs and tests: "ops:view". */
  readonly name: string;
  caller(request: Request): Promise<C>;
}

/**
 * Who may call a route, checked before anything of the request is read: a signed-in listener
 * (else 401), Vercel Cron with `Authorization: Bearer $CRON_SECRET`, anyone, or whoever a gate admits.
 */
export type RouteAuth = "listener" | "cron" | "public" | RouteGate;

/** What the handler gets as `listener`: the signed-in listener on "listener" routes, a gate's caller, nobody on the others. */
export type CallerFor<A extends RouteAuth> = A extends "listener" ? ListenerProfile : A extends RouteGate<infer C> ? C : null;

export interface RouteSpec<
  A extends RouteAuth = RouteAuth,
  P extends Schema | undefined = Schema | undefined,
  Q extends Schema | undefined = Schema | undefined,
  B extends Schema | undefined = Schema | undefined,
> {
  /** Required: every route says who may call it. */
  auth: A;
  params?: P;
  query?: Q;
  body?: B;
  /**
   * The largest body accepted, in bytes (default 256 KB for a `body` schema); over it, 413 before the
   * rest is read. Without a `body` schema the raw body is read up to it before the handler runs, and
   * the handler's request carries that text (a route that checks a signature over the raw body).
   */
  bodyLimit?: number;
  /** Requests per caller (listener, else address) per window; over it, 429 with Retry-After and X-RateLimit-* headers. */
  rateLimit?: RateLimitRule;
}

export interface RouteInput<A extends RouteAuth, P, Q, B> {
  request: Request;
  listener: CallerFor<A>;
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

/** A wrapped handler, carrying its spec so tests can find every route's auth and limits. */
export type RouteHandler = ((request: Request, context: RouteContext) => Promise<Response>) & { readonly spec: RouteSpec };

/** Reuses a well-formed incoming request id (from a proxy or a test) or mints one. */
export function requestIdFor(request: Request): string {
  const incoming = request.headers.get(REQUEST_ID_HEADER);
  return incoming && SAFE_REQUEST_ID.test(incoming) ? incoming : crypto.randomUUID();
}

/**
 * One error per field at fault. A strict object's unknown keys come as one issue on the object;
 * each key gets its own error, so `field` names it (`body.timezone`), not just the object.
 */
function fieldErrors(where: string, error: ZodError): FieldError[] {
  return error.issues.flatMap((issue) => {
    const path = [where, ...issue.path.map(String)];
    if (issue.code === "unrecognized_keys" && issue.keys.length > 0)
      return issue.keys.map((key) => ({ field: [...path, key].join("."), message: "is not a field this endpoint takes" }));
    return [{ field: path.join("."), message: issue.message }];
  });
}

async function validate(where: string, schema: Schema | undefined, value: unknown): Promise<unknown> {
  if (!schema) return undefined;
  const result = await schema.safeParseAsync(value);
  if (!result.success) {
    const errors = fieldErrors(where, result.error);
    throw new AppError("validation_failed", {
      detail: `Invalid ${where}: ${errors.map((error) => `${error.field} ${error.message}`).join("; ")}.`,
      errors,
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

async function readJsonBody(request: Request, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  const json = /^application\/([\w.+-]+\+)?json\b/i.test(type);
  // A declared type is checked even for an empty body: a form post with nothing in it is still not JSON.
  if (type && !json) {
    throw new AppError("unsupported_media_type", { detail: `Expected a JSON body (Content-Type: application/json), got "${type}".` });
  }
  const text = await readBodyText(request, limit);
  if (text.trim() === "") return undefined;
  if (!json) {
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

/** The request with its raw body read up to `limit` (413 over it), for a handler that reads the text itself. */
async function withBodyRead(request: Request, limit: number): Promise<Request> {
  if (!request.body) return request;
  const text = await readBodyText(request, limit);
  return new Request(request.url, { method: request.method, headers: request.headers, body: text, signal: request.signal });
}

/** Who is calling, known before anything else of the request is read; 401/403 for a caller the route refuses. */
async function callerFor(auth: RouteAuth, request: Request): Promise<{ id: string } | null> {
  if (typeof auth === "object") return auth.caller(request);
  if (auth === "cron") requireCronSecret(request);
  if (auth !== "listener") return null;
  const listener = await listenerOf(request);
  if (!listener) throw signInRequired();
  return listener;
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
 * Wraps a route handler, once for every route and in this order: request id; the caller (`auth`:
 * nobody's body is read before they are known to be allowed); the rate limit, per listener or
 * address; params and query validated with zod; the body read up to `bodyLimit` and validated;
 * then the handler, whose Response or JSON value is the answer. Errors become problem+json.
 *
 * @example
 * export const POST = route({ auth: "listener", body: feedbackBody, bodyLimit: 64 * KB }, async ({ listener, body }) => {
 *   await setFeedback(listener, body);
 *   return { ok: true };
 * });
 */
export function route<
  A extends RouteAuth,
  P extends Schema | undefined = undefined,
  Q extends Schema | undefined = undefined,
  B extends Schema | undefined = undefined,
>(
  spec: RouteSpec<A, P, Q, B>,
  handler: (input: RouteInput<A, Infer<P>, Infer<Q>, Infer<B>>) => Promise<Response | object> | Response | object,
): RouteHandler {
  const wrapped = async (request: Request, context: RouteContext): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdFor(request);
    const pattern = routePattern(new URL(request.url).pathname, await context?.params);
    // Every line logged while serving this request carries these (the logger's mixin reads them).
    const logContext: RequestLogContext = { requestId, route: `${request.method} ${pattern}` };
    return runWithRequestContext(logContext, () =>
      withSpan(
        logContext.route,
        { "http.request.method": request.method, "http.route": pattern, "echotune.request_id": requestId },
        async (span) => {
          const response = await respond(request, context, requestId, logContext);
          const ms = performance.now() - started;
          span.setAttribute("http.response.status_code", response.status);
          recordRequest({ route: pattern, method: request.method, status: response.status, ms });
          logger.info({ status: response.status, ms: Math.round(ms) }, "request answered");
          // A serverless instance may freeze once it has answered: write the counters after the response.
          if (env.VERCEL) after(flushMetrics);
          return response;
        },
      ),
    );
  };

  const respond = async (request: Request, context: RouteContext, requestId: string, logContext: RequestLogContext): Promise<Response> => {
    const log = logger;
    let response: Response;
    let limitHeaders: Record<string, string> = {};
    try {
      const listener = await callerFor(spec.auth, request);
      if (listener) logContext.listener = hashedListenerId(listener.id);
      checkSameOrigin(request);
      if (spec.rateLimit) {
        const result = await getRateLimiter().limit(callerOf(request, listener), spec.rateLimit);
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
      const handled = !spec.body && spec.bodyLimit !== undefined ? await withBodyRead(request, spec.bodyLimit) : request;
      const params = await validate("params", spec.params, await context?.params);
      const query = await validate("query", spec.query, queryRecord(url));
      const body = await validate(
        "body",
        spec.body,
        spec.body ? await readJsonBody(request, spec.bodyLimit ?? DEFAULT_BODY_LIMIT) : undefined,
      );
      const result = await handler({
        request: handled,
        listener: listener as CallerFor<A>,
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
  return Object.assign(wrapped, { spec: spec as RouteSpec });
}
