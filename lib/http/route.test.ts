import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { KB, PROBLEM_CONTENT_TYPE, route, type ProblemDetails } from "./index";

const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });

async function problemOf(response: Response): Promise<ProblemDetails> {
  expect(response.headers.get("content-type")).toBe(PROBLEM_CONTENT_TYPE);
  return (await response.json()) as ProblemDetails;
}

describe("route", () => {
  const echo = route(
    {
      auth: "public",
      params: z.object({ id: z.string().regex(/^\d+$/, "must be a number") }),
      query: z.object({ limit: z.coerce.number().int().min(1).max(50).default(20) }),
      body: z.object({ name: z.string().min(1, "is required") }),
    },
    ({ params, query, body }) => ({ id: params.id, limit: query.limit, name: body.name }),
  );

  const post = (url: string, body: string, type = "application/json") =>
    new Request(url, { method: "POST", body, headers: { "content-type": type } });

  it("hands validated, typed input to the handler and answers JSON", async () => {
    const response = await echo(post("http://test/api/things/7?limit=5", JSON.stringify({ name: "Björk" })), context({ id: "7" }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "7", limit: 5, name: "Björk" });
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("lists every invalid field with where it is and why", async () => {
    const response = await echo(post("http://test/api/things/x?limit=500", JSON.stringify({ name: "" })), context({ id: "x" }));
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({
      type: "/problems/validation_failed",
      status: 400,
      code: "validation_failed",
      instance: "/api/things/x",
    });
    expect(problem.errors).toEqual([{ field: "params.id", message: "must be a number" }]);

    const bodyResponse = await echo(post("http://test/api/things/1", JSON.stringify({ name: "" })), context({ id: "1" }));
    const bodyProblem = await problemOf(bodyResponse);
    expect(bodyProblem.errors).toEqual([{ field: "body.name", message: "is required" }]);
    expect(bodyProblem.detail).toContain("body.name is required");

    const queryResponse = await echo(post("http://test/api/things/1?limit=500", JSON.stringify({ name: "a" })), context({ id: "1" }));
    expect((await problemOf(queryResponse)).errors?.[0]?.field).toBe("query.limit");
  });

  it("names each unknown key a strict body refuses, not just the body", async () => {
    const strict = route({ auth: "public", body: z.strictObject({ name: z.string() }) }, () => ({ ok: true }));
    const response = await strict(post("http://test/api/x", JSON.stringify({ name: "a", nmae: "b", __proto__x: 1 })), context());
    const problem = await problemOf(response);
    expect(problem.errors).toEqual([
      { field: "body.nmae", message: "is not a field this endpoint takes" },
      { field: "body.__proto__x", message: "is not a field this endpoint takes" },
    ]);
    expect(problem.detail).toBe(
      "Invalid body: body.nmae is not a field this endpoint takes; body.__proto__x is not a field this endpoint takes.",
    );
  });

  it("rejects malformed JSON and the wrong content type with their own codes", async () => {
    const broken = await echo(post("http://test/api/things/1", "{name:"), context({ id: "1" }));
    expect(broken.status).toBe(400);
    expect((await problemOf(broken)).code).toBe("invalid_json");

    const form = await echo(post("http://test/api/things/1", "name=a", "application/x-www-form-urlencoded"), context({ id: "1" }));
    expect(form.status).toBe(415);
    expect((await problemOf(form)).detail).toContain("application/x-www-form-urlencoded");
  });

  it("checks a declared content type even when the body is empty", async () => {
    const optional = route({ auth: "public", body: z.object({ note: z.string() }).optional() }, ({ body }) => ({ body: body ?? null }));
    const empty = await optional(
      new Request("http://test/api/x", { method: "POST", headers: { "content-type": "text/plain" } }),
      context(),
    );
    expect(empty.status).toBe(415);
    expect((await problemOf(empty)).detail).toContain('"text/plain"');
    const none = await optional(new Request("http://test/api/x", { method: "POST" }), context());
    expect(await none.json()).toEqual({ body: null });
  });

  describe("same-origin check for unsafe methods", () => {
    const save = route({ auth: "public" }, () => ({ saved: true }));
    const send = (headers: Record<string, string>, method = "POST") =>
      save(new Request("http://127.0.0.1:3000/api/save", { method, headers }), context());

    it("refuses a request another site's page sent, naming it", async () => {
      const forged = await send({ origin: "https://evil.example" });
      expect(forged.status).toBe(403);
      expect((await problemOf(forged)).detail).toMatch(/another site \(https:\/\/evil\.example\)/);
      expect((await send({ "sec-fetch-site": "cross-site" })).status).toBe(403);
      expect((await send({ "sec-fetch-site": "same-site" })).status).toBe(403);
      expect((await send({ origin: "null" })).status).toBe(403);
      expect((await send({ origin: "https://evil.example" }, "DELETE")).status).toBe(403);
    });

    it("lets our own pages, loopback aliases and non-browser clients through, and never checks reads", async () => {
      expect((await send({ origin: "http://127.0.0.1:3000" })).status).toBe(200);
      expect((await send({ origin: "http://localhost:3000" })).status).toBe(200);
      expect((await send({ "sec-fetch-site": "same-origin" })).status).toBe(200);
      expect((await send({})).status).toBe(200);
      expect((await send({ origin: "https://evil.example" }, "GET")).status).toBe(200);
    });
  });

  it("renders thrown AppErrors with their status, headers and extensions", async () => {
    const limited = route({ auth: "public" }, () => {
      throw new AppError("rate_limited", { retryAfterSeconds: 12, extensions: { limit: 10 } });
    });
    const response = await limited(new Request("http://test/api/limited"), context());
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("12");
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "rate_limited", title: "Too many requests", limit: 10 });
    expect(problem.detail).toMatch(/Retry-After/);
  });

  it("answers unexpected errors generically, with the request id to report", async () => {
    const broken = route({ auth: "public" }, () => {
      throw new Error("database password is hunter2");
    });
    const response = await broken(new Request("http://test/api/broken", { headers: { "x-request-id": "req-12345678" } }), context());
    expect(response.status).toBe(500);
    expect(response.headers.get("x-request-id")).toBe("req-12345678");
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "internal", requestId: "req-12345678" });
    expect(JSON.stringify(problem)).not.toContain("hunter2");
  });

  it("mints a fresh request id when the incoming one is unsafe", async () => {
    const ok = route({ auth: "public" }, () => ({ ok: true }));
    const response = await ok(new Request("http://test/api/ok", { headers: { "x-request-id": "<script>" } }), context());
    expect(response.headers.get("x-request-id")).not.toBe("<script>");
    expect(response.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("passes a handler's own Response through untouched but for the request id", async () => {
    const custom = route({ auth: "public" }, () => new Response("hi", { status: 201, headers: { "content-type": "text/plain" } }));
    const response = await custom(new Request("http://test/api/custom"), context());
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("hi");
    expect(response.headers.get("x-request-id")).toBeTruthy();
  });

  describe("body limit", () => {
    const small = route({ auth: "public", body: z.object({ text: z.string() }), bodyLimit: 1 * KB }, ({ body }) => ({
      length: body.text.length,
    }));
    const json = (text: string) => JSON.stringify({ text });

    /** A body that arrives in chunks with no Content-Length, counting what the route pulls. */
    function streamed(total: number, chunk = 256) {
      const counter = { pulled: 0 };
      const body = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            if (counter.pulled >= total) return controller.close();
            counter.pulled += chunk;
            controller.enqueue(new Uint8Array(chunk).fill(0x20));
          },
        },
        { highWaterMark: 0 },
      );
      return {
        counter,
        request: new Request("http://test/api/small", {
          method: "POST",
          body,
          duplex: "half",
          headers: { "content-type": "application/json" },
        } as RequestInit),
      };
    }

    it("accepts a body up to the limit", async () => {
      const response = await small(
        new Request("http://test/api/small", {
          method: "POST",
          body: json("a".repeat(1000)),
          headers: { "content-type": "application/json" },
        }),
        context(),
      );
      expect(response.status).toBe(200);
    });

    it("refuses a Content-Length over the limit with 413, saying the limit and what to do", async () => {
      const body = json("a".repeat(2000));
      const request = new Request("http://test/api/small", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", "content-length": String(body.length) },
      });
      const response = await small(request, context());
      expect(response.status).toBe(413);
      expect(request.bodyUsed).toBe(false);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ code: "payload_too_large", limitBytes: 1024 });
      expect(problem.detail).toMatch(/^Send at most 1 KB to this endpoint in one request\. This body is 2 KB \(Content-Length\)/);
    });

    it("stops reading a body without Content-Length as soon as it passes the limit", async () => {
      const { counter, request } = streamed(10 * 1024 * 1024);
      const response = await small(request, context());
      expect(response.status).toBe(413);
      expect((await problemOf(response)).detail).toMatch(/^Send at most 1 KB/);
      expect(counter.pulled).toBeLessThan(4 * KB);
    });

    describe("without a body schema (a raw body, as a signed delivery)", () => {
      const raw = route({ auth: "public", bodyLimit: 1 * KB }, async ({ request }) => ({ text: await request.text() }));

      it("hands the handler the body it read, up to the limit", async () => {
        const text = `{"jobId":"j-1","note":"${"é".repeat(300)}"}`;
        const response = await raw(new Request("http://test/api/raw", { method: "POST", body: text }), context());
        expect(response.status).toBe(200);
        expect(await response.json()).toEqual({ text });
      });

      it("refuses a body over the limit with 413, before the handler runs, streamed or declared", async () => {
        const { counter, request } = streamed(10 * 1024 * 1024);
        const streamedResponse = await raw(request, context());
        expect(streamedResponse.status).toBe(413);
        expect(counter.pulled).toBeLessThan(4 * KB);
        const body = "a".repeat(2 * KB);
        const declared = new Request("http://test/api/raw", { method: "POST", body, headers: { "content-length": String(body.length) } });
        const declaredResponse = await raw(declared, context());
        expect(declaredResponse.status).toBe(413);
        expect(declared.bodyUsed).toBe(false);
        expect((await problemOf(declaredResponse)).code).toBe("payload_too_large");
      });

      it("leaves a request without a body as it is", async () => {
        const response = await raw(new Request("http://test/api/raw", { method: "POST" }), context());
        expect(await response.json()).toEqual({ text: "" });
      });
    });

    it("keeps an empty body what it was: no body for the schema to check", async () => {
      const response = await small(new Request("http://test/api/small", { method: "POST" }), context());
      expect(response.status).toBe(400);
      expect((await problemOf(response)).code).toBe("validation_failed");
    });

    it("applies 256 KB when the route says nothing", async () => {
      const open = route({ auth: "public", body: z.object({ text: z.string() }) }, () => ({ ok: true }));
      const at = (size: number) =>
        new Request("http://test/api/open", {
          method: "POST",
          body: json("a".repeat(size)),
          headers: { "content-type": "application/json" },
        });
      expect((await open(at(250 * KB), context())).status).toBe(200);
      expect((await open(at(260 * KB), context())).status).toBe(413);
    });
  });

  it("exposes its spec, so tests can find what each route asks of its callers", () => {
    const spec = { auth: "public" as const, bodyLimit: 2 * KB };
    expect(route(spec, () => ({})).spec).toBe(spec);
  });
});
