/**
 * The assistant's outside services down, through POST /api/chat with the real Gemini and
 * Perplexity clients: Gemini refusing connections or answering 503 hands the turn to the offline
 * model, which says so (offline, reason model-error) and answers; Perplexity refusing connections
 * or answering 503 makes the researchArtist result say research couldn't answer, and the turn
 * still ends normally, whoever is answering it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";
import { startFakePerplexity, type FakePerplexity } from "@/e2e/fakes/perplexity/server";
import { freePort } from "@/scripts/services/ferretdb";

const origin = "http://127.0.0.1:3000";
const dataDir = mkdtempSync(join(tmpdir(), "echotune-provider-outage-"));
let gemini: FakeGemini;
let perplexity: FakePerplexity;

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  perplexity = await startFakePerplexity({ port: 0 });
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  vi.unstubAllEnvs();
  await gemini?.close();
  await perplexity?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const admin = (fake: { origin: string }, path: string, body?: unknown) =>
  fetch(`${fake.origin}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** The app as a fresh server process with these Gemini and Perplexity addresses, and a signed-in demo visitor. */
async function app(urls: { gemini: string; perplexity: string }) {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  (globalThis as Record<symbol, unknown>)[Symbol.for("echotune.cache.services")] = undefined;
  vi.resetModules();
  vi.unstubAllEnvs();
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_URL",
    "NEXTAUTH_URL",
    "DEMO",
  ])
    vi.stubEnv(name, undefined);
  vi.stubEnv("DATA_DIR", dataDir);
  vi.stubEnv("AUTH_SECRET", "a-test-secret-that-is-long-enough-0123456789");
  vi.stubEnv("GOOGLE_GENERATIVE_AI_API_KEY", "test-key");
  vi.stubEnv("GEMINI_BASE_URL", urls.gemini);
  vi.stubEnv("PERPLEXITY_API_KEY", "test-key");
  vi.stubEnv("PERPLEXITY_BASE_URL", urls.perplexity);
  vi.stubEnv("ASSISTANT_TURNS_PER_MINUTE", "1000");
  const { POST } = await import("./route");
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  const { streamChunks, metadataOf } = await import("@/lib/assistant/testing");
  const { cookie } = await signInAsDemoVisitor(origin);
  let turns = 0;
  return async (text: string) => {
    const id = `outage-${Date.now().toString(36)}-${++turns}`;
    const response = await POST(
      new Request(`${origin}/api/chat`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json" },
        body: JSON.stringify({ id, message: { id: `m-${id}`, role: "user", parts: [{ type: "text", text }] } }),
      }),
      { params: Promise.resolve({}) },
    );
    expect(response.status).toBe(200);
    const chunks = await streamChunks(response);
    const research = chunks.find((chunk) => chunk.type === "tool-output-available")?.output as
      { status: string; answer: string } | undefined;
    const text_ = chunks
      .filter((chunk) => chunk.type === "text-delta")
      .map((chunk) => chunk.delta)
      .join("");
    return { chunks, metadata: metadataOf(chunks) as Record<string, unknown>, research, text: text_ };
  };
}

/** The turn ended as turns do: no error part, a finish. */
function expectFinished(chunks: Array<Record<string, unknown>>) {
  expect(chunks.some((chunk) => chunk.type === "error")).toBe(false);
  expect(chunks.at(-1)?.type).toBe("finish");
}

const UNAVAILABLE = "The research service couldn't answer just now. Try again in a moment.";

describe("the assistant with its providers down", () => {
  it("Gemini and Perplexity refusing connections: the offline model answers, and research says it couldn't", async () => {
    const chat = await app({ gemini: `http://127.0.0.1:${await freePort()}/v1beta`, perplexity: `http://127.0.0.1:${await freePort()}` });
    const help = await chat("What can you do?");
    expect(help.metadata).toMatchObject({ model: "echotune-offline", offline: true, offlineReason: "model-error" });
    expect(help.text).toContain("I answer from your own listening");
    expectFinished(help.chunks);

    const research = await chat("Tell me about the history of Radiohead");
    expect(research.metadata).toMatchObject({ offline: true, offlineReason: "model-error" });
    expect(research.research).toMatchObject({ status: "error", answer: UNAVAILABLE });
    expect(research.text.length).toBeGreaterThan(0);
    expectFinished(research.chunks);
  }, 60_000);

  it("Gemini answering 503: the offline model answers, visibly", async () => {
    const chat = await app({ gemini: gemini.url, perplexity: perplexity.url });
    await admin(gemini, "reset", {});
    await admin(gemini, "script", { replies: [{ type: "error", status: 503 }] });
    const turn = await chat("What can you do for me?");
    expect(turn.metadata).toMatchObject({ model: "echotune-offline", offline: true, offlineReason: "model-error" });
    expect(turn.text).toContain("I answer from your own listening");
    expectFinished(turn.chunks);
    expect(((await (await admin(gemini, "log")).json()) as unknown[]).length).toBe(1);
  }, 60_000);

  it("Perplexity answering 503 while Gemini is up: the tool result says so, and Gemini finishes the turn", async () => {
    const chat = await app({ gemini: gemini.url, perplexity: perplexity.url });
    await Promise.all([admin(gemini, "reset", {}), admin(perplexity, "reset", {})]);
    await admin(perplexity, "fault", { status: 503, times: 10 });
    await admin(gemini, "script", {
      replies: [{ type: "functionCall", name: "researchArtist", args: { question: "How did Radiohead form?", artist: "Radiohead" } }],
    });
    const turn = await chat("How did Radiohead form?");
    expect(turn.research).toMatchObject({ status: "error", answer: UNAVAILABLE });
    expect(turn.metadata).toMatchObject({ offline: false });
    // Gemini was asked twice: the call, then the answer written from the tool's result.
    expect(((await (await admin(gemini, "log")).json()) as unknown[]).length).toBe(2);
    expect(((await (await admin(perplexity, "log")).json()) as unknown[]).length).toBeGreaterThan(0);
    expect(turn.text.length).toBeGreaterThan(0);
    expectFinished(turn.chunks);
  }, 60_000);
});
