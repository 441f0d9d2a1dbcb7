import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { route } from "@/lib/http";
import { hashedListenerId } from "./identity";
import { createLogger } from "./logger";
import { requestContext, runWithRequestContext } from "./request-context";

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const log = createLogger(stream);
  log.level = "info";
  return { log, lines };
}

describe("log lines", () => {
  it("carry the request's id, route and hashed listener while serving it, and nothing of it outside", async () => {
    const { log, lines } = capture();
    const context = { requestId: "req-12345678", route: "POST /api/imports/[id]/chunks", listener: hashedListenerId("spotify:alice") };
    await runWithRequestContext(context, async () => {
      await Promise.resolve();
      log.info({ status: 200, ms: 12 }, "request answered");
    });
    log.info("between requests");
    expect(lines[0]).toMatchObject({ ...context, status: 200, ms: 12, msg: "request answered" });
    expect(lines[1]).not.toHaveProperty("requestId");
  });

  it("never write a raw listener id: a userId field is logged hashed, with a key of this deployment", () => {
    const { log, lines } = capture();
    log.warn({ userId: "spotify:alice", reason: "paused" }, "spotify: paused");
    expect(lines[0]).not.toHaveProperty("userId");
    expect(lines[0]?.listener).toBe(hashedListenerId("spotify:alice"));
    expect(JSON.stringify(lines)).not.toContain("alice");
    expect(hashedListenerId("spotify:alice")).toMatch(/^[\w-]{16}$/);
    expect(hashedListenerId("spotify:bob")).not.toBe(hashedListenerId("spotify:alice"));
  });

  it("are tied to the request by the route wrapper: id, route pattern, and the listener once known", async () => {
    let seen: unknown;
    const handler = route({ auth: "public" }, () => {
      seen = { ...requestContext() };
      return { ok: true };
    });
    const response = await handler(new Request("http://test/api/things/42/parts", { headers: { "x-request-id": "test-request-0001" } }), {
      params: Promise.resolve({ id: "42" }),
    });
    expect(response.status).toBe(200);
    expect(seen).toEqual({ requestId: "test-request-0001", route: "GET /api/things/[id]/parts" });
  });
});
