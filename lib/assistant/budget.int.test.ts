/**
 * Spending limits fail closed: with the shared cache unreachable, nobody knows what today's
 * Gemini tokens came to, so the offline model answers and Gemini is never called. (Rate limits
 * still fail open: the turn is answered, not refused.) Its own file: its own process, whose cache
 * is an Upstash client pointed at a port where nothing listens.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-budget-"));
let gemini: FakeGemini;

/** A port that was free a moment ago: connections to it are refused. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
    GEMINI_BASE_URL: gemini.url,
    UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${await deadPort()}`,
    UPSTASH_REDIS_REST_TOKEN: "unreachable",
  });
  delete process.env.MONGODB_URI;
});
afterAll(async () => {
  await gemini.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("assistant budgets", () => {
  it("fail closed: an unreachable cache means the offline model answers, and Gemini is never asked", async () => {
    const { chatTurn } = await import("./index");
    await fetch(`${gemini.origin}/__admin/reset`, { method: "POST" });
    const listener = {
      id: "budget-listener",
      displayName: "Test",
      imageUrl: null,
      isDemo: true,
      reconnectRequired: false,
      settings: { timeZone: "Europe/Berlin", listenThresholdMs: 30_000, allowExplicit: true },
    };
    const response = await chatTurn(listener, {
      id: "budget-chat",
      message: { id: "m-1", role: "user", parts: [{ type: "text", text: "help" }] },
      trigger: "submit-message",
    });
    expect(response.status).toBe(200);
    const chunks = (await response.text())
      .split("\n")
      .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
      .map((line) => JSON.parse(line.slice(6)) as Record<string, unknown>);
    const metadata = Object.assign({}, ...chunks.filter((chunk) => chunk.messageMetadata).map((chunk) => chunk.messageMetadata)) as Record<
      string,
      unknown
    >;
    expect(metadata).toMatchObject({ offline: true, offlineReason: "budget-unavailable" });
    const requests = (await (await fetch(`${gemini.origin}/__admin/log`)).json()) as unknown[];
    expect(requests).toHaveLength(0);
  });
});
