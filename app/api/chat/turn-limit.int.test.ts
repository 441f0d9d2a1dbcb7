/**
 * The assistant's turn limit holds for every turn, whoever answers: on the zero-config demo (no
 * environment: the in-memory cache and the offline model) the 13th turn in a minute is refused with
 * a 429 problem, through the real route and a real demo session. (The limiter on both cache
 * adapters: lib/assistant/turn-limit.int.test.ts.) Its own file: its own process, whose environment
 * is the demo's.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-turn-limit-"));
const origin = "http://127.0.0.1:3000";

beforeAll(() => {
  process.env.DATA_DIR = dataDir;
  process.env.AUTH_SECRET = "a-test-secret-that-is-long-enough-0123456789";
  // The demo's environment: nothing configured, so the limit is the default 12 a minute.
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "GEMINI_BASE_URL",
    "ASSISTANT_TURNS_PER_MINUTE",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "AUTH_URL",
    "NEXTAUTH_URL",
    "DEMO",
  ])
    delete process.env[name];
});

afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("POST /api/chat on the zero-config demo", () => {
  it("answers 12 turns a minute, offline and cached ones included, and refuses the 13th with a 429 problem", async () => {
    const { POST } = await import("@/app/api/chat/route");
    const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
    const visitor = await signInAsDemoVisitor(origin);
    const turn = (chatId: string, text: string) =>
      POST(
        new Request(`${origin}/api/chat`, {
          method: "POST",
          headers: { cookie: visitor.cookie, "content-type": "application/json" },
          body: JSON.stringify({ id: chatId, message: { id: `m-${chatId}`, role: "user", parts: [{ type: "text", text }] } }),
        }),
        { params: Promise.resolve({}) },
      );

    const badges: Array<Record<string, unknown>> = [];
    for (let index = 0; index < 12; index++) {
      // Every other question is asked twice: the second time it is answered from the cache, and counts all the same.
      const response = await turn(`limit-chat-${index}`, `What can you do? (${Math.floor(index / 2)})`);
      expect(response.status).toBe(200);
      const chunks = (await response.text())
        .split("\n")
        .filter((line) => line.startsWith("data: ") && line !== "data: [DONE]")
        .map((line) => JSON.parse(line.slice(6)) as { messageMetadata?: Record<string, unknown> });
      badges.push(Object.assign({}, ...chunks.map((chunk) => chunk.messageMetadata ?? {})));
    }
    expect(badges.every((metadata) => metadata.model === "echotune-offline")).toBe(true);
    expect(badges.filter((metadata) => metadata.cached).length).toBe(6);

    const refused = await turn("limit-chat-13", "And one more?");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(65);
    expect(refused.headers.get("x-ratelimit-limit")).toBe("12");
    const problem = (await refused.json()) as { code: string; detail: string };
    expect(problem.code).toBe("rate_limited");
    expect(problem.detail).toBe(`You're sending messages quickly: at most 12 a minute. Try again in ${retryAfter} s.`);

    // Nothing of the refused turn was stored.
    const { loadChat } = await import("@/lib/assistant");
    expect(await loadChat(visitor.id, "limit-chat-13")).toBeNull();
  });
});
