import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { configuredChecks, runChecks } from "./checks";

describe("configuredChecks", () => {
  it("checks nothing in the zero-config demo", () => {
    expect(Object.keys(configuredChecks(parseEnv({})))).toEqual([]);
  });

  it("checks exactly the services the environment configures", () => {
    const checks = configuredChecks(parseEnv({ MONGODB_URI: "mongodb://db.internal:27017", GOOGLE_GENERATIVE_AI_API_KEY: "k" }));
    expect(Object.keys(checks).sort()).toEqual(["assistant", "store"]);
  });
});

describe("runChecks", () => {
  it("reports each check's outcome and times out slow ones", async () => {
    const results = await runChecks(
      {
        fine: async () => "all good",
        broken: async () => {
          throw new Error("connection refused");
        },
        slow: () => new Promise<string>((resolve) => setTimeout(() => resolve("late"), 500)),
      },
      100,
    );
    expect(results.map(({ name, ok, detail }) => ({ name, ok, detail }))).toEqual([
      { name: "fine", ok: true, detail: "all good" },
      { name: "broken", ok: false, detail: "connection refused" },
      { name: "slow", ok: false, detail: "slow did not answer within 100 ms" },
    ]);
  });
});

describe("Gemini readiness", () => {
  let server: Server;
  let base: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const ok = request.headers["x-goog-api-key"] === "good-key";
      if (!ok) {
        response.writeHead(400, { "content-type": "application/json" }).end('{"error":{"code":400,"status":"INVALID_ARGUMENT"}}');
      } else if (request.url === "/v1beta/models/gemini-2.5-flash-lite") {
        response.writeHead(200, { "content-type": "application/json" }).end('{"name":"models/gemini-2.5-flash-lite"}');
      } else {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1beta`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const check = async (vars: Record<string, string>) => {
    const [result] = await runChecks(configuredChecks(parseEnv({ GEMINI_BASE_URL: base, ...vars })));
    return result;
  };

  it("passes with a valid key and model", async () => {
    expect(await check({ GOOGLE_GENERATIVE_AI_API_KEY: "good-key" })).toMatchObject({ ok: true });
  });

  it("says when the key is rejected or the model unknown", async () => {
    expect(await check({ GOOGLE_GENERATIVE_AI_API_KEY: "bad-key" })).toMatchObject({
      ok: false,
      detail: "Gemini rejected the API key (HTTP 400)",
    });
    expect(await check({ GOOGLE_GENERATIVE_AI_API_KEY: "good-key", GEMINI_MODEL: "gemini-9" })).toMatchObject({
      ok: false,
      detail: "Gemini has no model gemini-9 (GEMINI_MODEL)",
    });
  });
});
