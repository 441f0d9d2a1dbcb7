import { afterEach, describe, expect, it, vi } from "vitest";
import {
  fetchJson,
  MAX_RETRIES,
  networkProblem,
  parseRetryAfter,
  ProblemError,
  problemFromBody,
  readProblem,
  retryDelay,
  shouldRetry,
} from "./client";

const problem = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/problem+json", ...headers } });

const made = (status: number, extra: Partial<ConstructorParameters<typeof ProblemError>[0]> = {}) =>
  new ProblemError({ status, code: "internal", title: "t", detail: "d", ...extra });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("readProblem", () => {
  it("reads a problem+json document with its headers", async () => {
    const error = await readProblem(
      problem(
        400,
        {
          type: "/problems/validation_failed",
          title: "Some fields are missing or invalid",
          status: 400,
          detail: "The title must not be empty.",
          code: "validation_failed",
          requestId: "req-body",
          errors: [{ field: "body.title", message: "must not be empty" }, { nonsense: true }],
        },
        { "x-request-id": "req-header" },
      ),
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      status: 400,
      code: "validation_failed",
      title: "Some fields are missing or invalid",
      detail: "The title must not be empty.",
      message: "The title must not be empty.",
      requestId: "req-body",
      errors: [{ field: "body.title", message: "must not be empty" }],
    });
    expect(error.retryAfterSeconds).toBeUndefined();
  });

  it("takes Retry-After and X-Request-Id from the headers", async () => {
    const error = await readProblem(
      problem(
        429,
        { title: "Too many requests", status: 429, detail: "Slow down.", code: "rate_limited" },
        { "retry-after": "12", "x-request-id": "abc" },
      ),
    );
    expect(error).toMatchObject({ status: 429, code: "rate_limited", retryAfterSeconds: 12, requestId: "abc", detail: "Slow down." });
  });

  it("uses the title when there is no detail", async () => {
    const error = await readProblem(problem(404, { title: "Chat not found", status: 404 }));
    expect(error).toMatchObject({ code: "not_found", detail: "Chat not found", title: "Chat not found" });
  });

  it("makes a sentence for an HTML error page or an empty body", async () => {
    const html = await readProblem(
      new Response("<html><body>Bad gateway</body></html>", { status: 502, headers: { "content-type": "text/html" } }),
    );
    expect(html).toMatchObject({ status: 502, code: "unavailable" });
    expect(html.detail).toMatch(/HTTP 502/);
    expect(html.detail).not.toMatch(/</);
    const empty = await readProblem(new Response(null, { status: 500 }));
    expect(empty).toMatchObject({ status: 500, code: "internal" });
    const json = await readProblem(new Response("{}", { status: 401 }));
    expect(json).toMatchObject({ status: 401, code: "unauthorized", title: "Sign in required" });
  });

  it("prefers the caller's sentence to the generic one, never to the server's", async () => {
    expect((await readProblem(new Response("oops", { status: 500 }), { fallback: "Your chats could not be loaded." })).detail).toBe(
      "Your chats could not be loaded.",
    );
    expect(
      (await readProblem(problem(500, { detail: "The store is down." }), { fallback: "Your chats could not be loaded." })).detail,
    ).toBe("The store is down.");
  });

  it("never throws on a body that cannot be read", async () => {
    const broken = new Response(new ReadableStream({ start: (controller) => controller.error(new Error("reset")) }), { status: 503 });
    await expect(readProblem(broken)).resolves.toMatchObject({ status: 503, code: "unavailable" });
  });
});

describe("problemFromBody", () => {
  it("reads bodies a library has already read as text", () => {
    expect(problemFromBody(429, JSON.stringify({ detail: "Wait 20 seconds.", code: "rate_limited", retryAfterSeconds: 20 }))).toMatchObject(
      {
        detail: "Wait 20 seconds.",
        retryAfterSeconds: 20,
      },
    );
    expect(problemFromBody(500, "[1,2]").detail).toMatch(/HTTP 500/);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("7")).toBe(7);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:30 GMT", Date.parse("2026-01-01T00:00:00Z"))).toBe(30);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:00 GMT", Date.parse("2026-01-01T00:01:00Z"))).toBe(0);
    expect(parseRetryAfter("soon")).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe("fetchJson", () => {
  it("returns the parsed body and asks for JSON", async () => {
    const fetch = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => Response.json({ ok: true }));
    vi.stubGlobal("fetch", fetch);
    await expect(fetchJson<{ ok: boolean }>("/api/x", { method: "POST", body: "{}" })).resolves.toEqual({ ok: true });
    const init = fetch.mock.calls[0]?.[1];
    expect(new Headers(init?.headers).get("accept")).toBe("application/json");
    expect(init?.method).toBe("POST");
  });

  it("returns undefined for 204", async () => {
    vi.stubGlobal("fetch", async () => new Response(null, { status: 204 }));
    await expect(fetchJson("/api/x", { method: "DELETE" })).resolves.toBeUndefined();
  });

  it("throws a ProblemError for a non-2xx answer", async () => {
    vi.stubGlobal("fetch", async () => problem(409, { detail: "Changed meanwhile.", code: "conflict" }));
    await expect(fetchJson("/api/x")).rejects.toMatchObject({
      name: "ProblemError",
      status: 409,
      code: "conflict",
      message: "Changed meanwhile.",
    });
  });

  it("throws a network ProblemError when no answer came", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(fetchJson("/api/x")).rejects.toMatchObject({ status: 0, code: "network_error" });
  });

  it("rethrows an abort untouched", async () => {
    const controller = new AbortController();
    vi.stubGlobal("fetch", async () => {
      controller.abort();
      throw new DOMException("The operation was aborted.", "AbortError");
    });
    await expect(fetchJson("/api/x", { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("the retry rule", () => {
  it("never retries a 4xx except 408 and 429", () => {
    for (const status of [400, 401, 403, 404, 409, 413, 422]) expect(shouldRetry(0, made(status)), String(status)).toBe(false);
    expect(shouldRetry(0, made(408))).toBe(true);
    expect(shouldRetry(0, made(429))).toBe(true);
  });

  it("retries 5xx and network failures a bounded number of times", () => {
    for (const error of [made(500), made(502), made(503), networkProblem(), new TypeError("Failed to fetch")]) {
      for (let failures = 0; failures < MAX_RETRIES; failures += 1) expect(shouldRetry(failures, error)).toBe(true);
      expect(shouldRetry(MAX_RETRIES, error)).toBe(false);
    }
    const patient = { retries: 7, maxRetryAfterSeconds: 300 };
    expect(shouldRetry(6, made(503), patient)).toBe(true);
    expect(shouldRetry(7, made(503), patient)).toBe(false);
  });

  it("does not retry errors that did not come from a response", () => {
    expect(shouldRetry(0, new Error("bug"))).toBe(false);
    expect(shouldRetry(0, new SyntaxError("Unexpected token"))).toBe(false);
  });

  it("backs off exponentially up to a cap", () => {
    expect([0, 1, 2, 3].map((failures) => retryDelay(failures, made(500)))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(retryDelay(20, made(500))).toBe(30_000);
  });

  it("honours Retry-After, and gives up when it asks for longer than the cap", () => {
    const soon = made(429, { retryAfterSeconds: 5 });
    expect(retryDelay(0, soon)).toBe(5_000);
    expect(retryDelay(2, soon)).toBe(5_000);
    expect(shouldRetry(0, soon)).toBe(true);
    const later = made(503, { retryAfterSeconds: 60 });
    expect(shouldRetry(0, later)).toBe(false);
    expect(retryDelay(0, later)).toBe(30_000);
    // A more patient caller (the import worker) waits out a longer pause.
    const patient = { retries: 7, maxRetryAfterSeconds: 300 };
    expect(shouldRetry(0, later, patient)).toBe(true);
    expect(retryDelay(0, later, patient)).toBe(60_000);
    expect(retryDelay(0, made(429, { retryAfterSeconds: 0 }))).toBe(0);
  });
});
