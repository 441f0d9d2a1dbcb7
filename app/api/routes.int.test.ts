/**
 * Every API route, through its real handler: who may call it is settled before its body is read,
 * and a body over the route's limit is refused without being read. Sessions are real Auth.js
 * cookies; the store is the embedded one in a temporary directory. Nothing of ours is mocked.
 */
import { globSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProblemDetails, RouteHandler } from "@/lib/http";

const root = join(import.meta.dirname, "..", "..");
const dataDir = mkdtempSync(join(tmpdir(), "echotune-routes-"));
const CRON_SECRET = "cron-secret-for-tests-0123456789";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

interface Entry {
  file: string;
  path: string;
  method: (typeof METHODS)[number];
  handler: RouteHandler;
}

/** Every route file under app/, but Auth.js's own. A new route is in this table without anyone adding it. */
async function loadRoutes(): Promise<Entry[]> {
  const files = globSync("app/**/route.ts", { cwd: root }).filter((file) => !file.includes("[...nextauth]"));
  const entries: Entry[] = [];
  for (const file of files.sort()) {
    const mod = (await import(/* @vite-ignore */ join(root, file))) as Record<string, unknown>;
    // The URL path, with a placeholder for each dynamic segment: the handler checks auth before params.
    const path = `/${relative("app", file)
      .replace(/\/route\.ts$/, "")
      .replace(/\[\.\.\.\w+\]/g, "x/y")
      .replace(/\[\w+\]/g, "00000000-0000-4000-8000-000000000000")}`;
    for (const method of METHODS) {
      const handler = mod[method];
      if (handler !== undefined) entries.push({ file, path, method, handler: handler as RouteHandler });
    }
  }
  return entries;
}

const context = { params: Promise.resolve({ id: "00000000-0000-4000-8000-000000000000", path: ["x", "y"], kind: "album", file: "x.svg" }) };
const origin = "http://127.0.0.1:3000";

async function problemOf(response: Response): Promise<ProblemDetails> {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return (await response.json()) as ProblemDetails;
}

let routes: Entry[];
let cookie: string;
let visitorId: string;

beforeAll(async () => {
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    CRON_SECRET,
    OPERATOR_EMAILS: "Ops@Example.test",
  });
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "AUTH_URL",
    "NEXTAUTH_URL",
    "VERCEL",
    "TRUST_PROXY",
  ])
    delete process.env[name];
  routes = await loadRoutes();
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  ({ id: visitorId, cookie } = await signInAsDemoVisitor(origin));
}, 60_000);

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("every route", () => {
  it("is wrapped by route() and says who may call it", () => {
    expect(routes.length).toBeGreaterThan(15);
    for (const { file, method, handler } of routes) {
      expect(handler.spec, `${method} in ${file} must be made with route() from @/lib/http`).toBeTypeOf("object");
      const auth = handler.spec.auth;
      expect(typeof auth === "object" ? auth.name : auth, `${method} in ${file}`).toMatch(/^(listener|cron|public|ops:view|ops:act)$/);
    }
    const listenerRoutes = routes.filter((entry) => entry.handler.spec.auth === "listener");
    expect(listenerRoutes.map(({ method, path }) => `${method} ${path}`)).toContain("POST /api/chat");
    expect(listenerRoutes.length).toBeGreaterThanOrEqual(14);
    const limitOf = (method: string, path: string) =>
      routes.find((entry) => entry.method === method && entry.path === path)?.handler.spec.bodyLimit;
    expect(limitOf("POST", "/api/chat")).toBe(64 * 1024);
    expect(limitOf("POST", "/api/imports/00000000-0000-4000-8000-000000000000/chunks")).toBe(4.5 * 1024 * 1024);
  });

  it("answers an anonymous caller of a listener route 401, before reading a malformed body", async () => {
    const listenerRoutes = routes.filter((entry) => entry.handler.spec.auth === "listener");
    for (const { method, path, handler } of listenerRoutes) {
      const hasBody = BODY_METHODS.has(method);
      const request = new Request(`${origin}${path}?limit=oops`, {
        method,
        ...(hasBody ? { body: '{"broken', headers: { "content-type": "application/json" } } : {}),
      });
      const response = await handler(request, context);
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await problemOf(response)).code).toBe("unauthorized");
      expect(request.bodyUsed, `${method} ${path} read the body of an anonymous caller`).toBe(false);
    }
  });

  it("answers a cron route 401 without the right secret, a listener's session included", async () => {
    const cronRoutes = routes.filter((entry) => entry.handler.spec.auth === "cron");
    expect(cronRoutes.map(({ path }) => path).sort()).toEqual([
      "/api/cron/cleanup",
      "/api/cron/drift",
      "/api/cron/jobs",
      "/api/cron/sync",
      "/api/cron/train",
    ]);
    for (const { method, path, handler } of cronRoutes) {
      const none = await handler(new Request(`${origin}${path}`, { method }), context);
      expect(none.status, `${method} ${path}`).toBe(401);
      const wrong = await handler(
        new Request(`${origin}${path}`, { method, headers: { authorization: `Bearer ${CRON_SECRET.replace(/.$/, "x")}` } }),
        context,
      );
      expect(wrong.status, `${method} ${path}`).toBe(401);
      // A listener's session is no cron secret.
      const listener = await handler(new Request(`${origin}${path}`, { method, headers: { cookie } }), context);
      expect(listener.status, `${method} ${path}`).toBe(401);
    }
  });
});

describe("a signed-in listener", () => {
  const chat = () => routes.find((entry) => entry.method === "POST" && entry.path === "/api/chat")!.handler;

  it("is handed to the route: /api/me answers with them", async () => {
    const me = routes.find((entry) => entry.method === "GET" && entry.path === "/api/me")!.handler;
    const response = await me(new Request(`${origin}/api/me`, { headers: { cookie } }), context);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: visitorId, isDemo: true, reconnectRequired: false });
  });

  it("counts against a rate limit of their own, whatever address they claim", async () => {
    const { route } = await import("@/lib/http");
    const limited = route(
      { auth: "listener", rateLimit: { name: `int-listener-${process.pid}-${Date.now()}`, limit: 2, windowSeconds: 60 } },
      ({ listener }) => ({ id: listener.id }),
    );
    const statuses: number[] = [];
    for (const address of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      const response = await limited(new Request(`${origin}/api/limited`, { headers: { cookie, "x-forwarded-for": address } }), context);
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it("gets past sign-in to the body checks: a malformed body is 400", async () => {
    const response = await chat()(
      new Request(`${origin}/api/chat`, { method: "POST", body: '{"broken', headers: { cookie, "content-type": "application/json" } }),
      context,
    );
    expect(response.status).toBe(400);
    expect((await problemOf(response)).code).toBe("invalid_json");
  });

  it("is refused 413 for a Content-Length over the route's limit, before the body is read", async () => {
    const body = JSON.stringify({
      id: "chat-0000001",
      message: { id: "m1", role: "user", parts: [{ type: "text", text: "a".repeat(70 * 1024) }] },
    });
    const request = new Request(`${origin}/api/chat`, {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/json", "content-length": String(body.length) },
    });
    const response = await chat()(request, context);
    expect(response.status).toBe(413);
    const problem = await problemOf(response);
    expect(problem).toMatchObject({ code: "payload_too_large", limitBytes: 64 * 1024 });
    expect(problem.detail).toMatch(/^Send at most 64 KB /);
    expect(request.bodyUsed).toBe(false);
  });

  it("is refused 413 as soon as a 50 MB chunked body passes the limit: the rest is never pulled nor held", async () => {
    const TOTAL = 50 * 1024 * 1024;
    const CHUNK = 64 * 1024;
    let pulled = 0;
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          if (pulled >= TOTAL) return controller.close();
          pulled += CHUNK;
          controller.enqueue(new Uint8Array(CHUNK).fill(0x20));
        },
        cancel() {
          cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    const request = new Request(`${origin}/api/chat`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { cookie, "content-type": "application/json" },
    } as RequestInit);
    const before = process.memoryUsage();
    const response = await chat()(request, context);
    const after = process.memoryUsage();
    expect(response.status).toBe(413);
    expect((await problemOf(response)).detail).toMatch(/^Send at most 64 KB /);
    expect(pulled).toBeLessThanOrEqual(256 * 1024);
    expect(cancelled).toBe(true);
    expect(after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers)).toBeLessThan(8 * 1024 * 1024);
    expect(after.rss - before.rss).toBeLessThan(8 * 1024 * 1024);
  });

  it("refuses an unbounded insights request at once, naming the limits", async () => {
    const insights = routes.find((entry) => entry.method === "GET" && entry.path === "/api/insights")!.handler;
    const started = performance.now();
    const response = await insights(
      new Request(`${origin}/api/insights?range=custom&from=0001-01-01&to=9999-12-31&unit=day`, { headers: { cookie } }),
      context,
    );
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect(problem.errors?.map((error) => error.field)).toEqual(expect.arrayContaining(["query.from", "query.to"]));
    expect(problem.detail).toMatch(/use a date from 2000-01-01 to/);
    const tooFine = await insights(
      new Request(`${origin}/api/insights?range=custom&from=2000-01-01&to=2025-12-31&unit=day`, { headers: { cookie } }),
      context,
    );
    expect(tooFine.status).toBe(400);
    expect((await problemOf(tooFine)).detail).toMatch(/more than 4,000 points: use unit=week/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("the operations API", () => {
  const opsRoutes = () => routes.filter((entry) => entry.path.startsWith("/api/ops"));
  const spotifyListener = async (id: string, email: string) => {
    const { getStore, usersRepository } = await import("@/lib/db");
    const { sessionCookieFor } = await import("@/lib/auth/testing");
    const user = await usersRepository(await getStore()).upsertSpotifyUser({
      id,
      displayName: id,
      email,
      imageUrl: null,
      country: "SE",
      product: "premium",
    });
    return sessionCookieFor({ id: user._id, isDemo: false });
  };
  const call = async (entry: Entry, headers: Record<string, string>) => {
    const request = new Request(`${origin}${entry.path}?hours=oops`, {
      method: entry.method,
      ...(BODY_METHODS.has(entry.method) ? { body: '{"broken', headers: { ...headers, "content-type": "application/json" } } : { headers }),
    });
    const response = await entry.handler(request, context);
    expect(request.bodyUsed, `${entry.method} ${entry.path} read the body of a caller it refuses`).toBe(false);
    return response;
  };

  it("is 401 signed out and 404 for anyone but an operator (a demo visitor may read their own view), before any body is read", async () => {
    expect(
      opsRoutes()
        .map(({ method, path }) => `${method} ${path}`)
        .sort(),
    ).toEqual(["GET /api/ops", "POST /api/ops/jobs/00000000-0000-4000-8000-000000000000/retry", "POST /api/ops/models/rollback"]);
    const listener = await spotifyListener("not-an-operator", "listener@example.test");
    for (const entry of opsRoutes()) {
      const visitor = entry.method === "GET" ? [] : [{ who: "a demo visitor", cookie }];
      const anonymous = await call(entry, {});
      expect(anonymous.status, `${entry.method} ${entry.path} signed out`).toBe(401);
      expect((await problemOf(anonymous)).code).toBe("unauthorized");
      for (const { who, cookie: session } of [{ who: "a listener", cookie: listener }, ...visitor]) {
        const response = await call(entry, { cookie: session });
        expect(response.status, `${entry.method} ${entry.path} for ${who}`).toBe(404);
        expect((await problemOf(response)).code).toBe("not_found");
      }
    }
  });

  it("lets an operator in (their email in any case) and a demo visitor read their own view", async () => {
    const operator = await spotifyListener("an-operator", "ops@example.TEST");
    const get = opsRoutes().find((entry) => entry.method === "GET")!.handler;
    const mine = await get(new Request(`${origin}/api/ops?hours=1`, { headers: { cookie: operator } }), context);
    expect(mine.status).toBe(200);
    expect(await mine.json()).toMatchObject({ role: "operator", hours: 1, alerts: [], routes: { totals: {} } });
    const own = await get(new Request(`${origin}/api/ops`, { headers: { cookie } }), context);
    expect(await own.json()).toMatchObject({ role: "visitor", hours: 24, routes: null, spotify: null, alerts: null });
    // Past the gate, the operator's input is checked.
    const bad = await get(new Request(`${origin}/api/ops?hours=oops`, { headers: { cookie: operator } }), context);
    expect(bad.status).toBe(400);
    const rollback = opsRoutes().find((entry) => entry.path === "/api/ops/models/rollback")!.handler;
    const nothing = await rollback(
      new Request(`${origin}/api/ops/models/rollback`, {
        method: "POST",
        body: JSON.stringify({ reason: "worse picks" }),
        headers: { cookie: operator, "content-type": "application/json" },
      }),
      context,
    );
    expect(nothing.status).toBe(409);
    expect((await problemOf(nothing)).detail).toMatch(/no model version to roll back to/);
  });
});
