/**
 * The fake Gemini against the real `@ai-sdk/google` provider and `ai`: whatever the fake sends must
 * parse as the SDK parses Gemini, so that tests driving the assistant through it exercise the real
 * provider code over HTTP.
 */
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { generateText, isStepCount, streamText, tool } from "ai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { startFakeGemini, type FakeGemini, type LoggedGenerateRequest, type Reply } from "./server";

let fake: FakeGemini;
let model: ReturnType<ReturnType<typeof createGoogleGenerativeAI>>;

async function adminCall(path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${fake.origin}/__admin/${path}`, {
    method: body === undefined ? "GET" : "POST",
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(response.ok, `admin ${path}: ${response.status}`).toBe(true);
  return response.json();
}

const script = (...replies: Reply[]) => adminCall("script", { replies });
const requests = async () => (await adminCall("log")) as LoggedGenerateRequest[];

beforeAll(async () => {
  fake = await startFakeGemini({ port: 0 });
  model = createGoogleGenerativeAI({ baseURL: fake.url, apiKey: "test" })("gemini-2.5-flash");
});
afterAll(() => fake.close());
beforeEach(() => adminCall("reset", {}));

/** A tool shaped like the app's: its output carries a `summary` for the model to read out. */
const topTracksTool = (calls: unknown[]) =>
  tool({
    description: "The listener's most played tracks in a time range.",
    inputSchema: z.object({ range: z.enum(["short_term", "medium_term", "long_term"]) }),
    execute: async (input) => {
      calls.push(input);
      return { range: input.range, tracks: ["Teardrop", "Angel"], summary: `Your ${input.range} favourite is Teardrop.` };
    },
  });

describe("fake Gemini with the real @ai-sdk/google provider", () => {
  it("streams a scripted text reply with usage", async () => {
    const text = "You played Massive Attack more than anyone else this month.";
    await script({ type: "text", text });

    const result = streamText({ model, prompt: "Who did I play most?", maxRetries: 0 });

    expect(await result.text).toBe(text);
    expect(await result.finishReason).toBe("stop");
    const usage = await result.usage;
    expect(usage.inputTokens).toEqual(expect.any(Number));
    expect(usage.outputTokens).toBe(Math.ceil(text.length / 4));
    expect((await result.response).modelId).toBe("gemini-2.5-flash");
    const [logged] = await requests();
    expect(logged).toMatchObject({ model: "gemini-2.5-flash", stream: true, headers: { "x-goog-api-key": "test" } });
    // Older docs say `ai-sdk/google/<version>`; 4.0.121 sends `ai-sdk-google/4.0.121 …`.
    expect(logged?.headers["user-agent"]).toMatch(/ai-sdk[/-]google\//);
  });

  it("delivers a scripted function call to the tool and summarises the tool's output by default", async () => {
    await script({ type: "functionCall", name: "getTopTracks", args: { range: "short_term" } });
    const calls: unknown[] = [];

    const result = streamText({
      model,
      prompt: "What are my top tracks lately?",
      tools: { getTopTracks: topTracksTool(calls) },
      stopWhen: isStepCount(3),
      maxRetries: 0,
    });

    expect(await result.text).toBe("Here is what I found. Your short_term favourite is Teardrop.");
    expect(calls).toEqual([{ range: "short_term" }]);
    const steps = await result.steps;
    expect(steps.map((step) => step.finishReason)).toEqual(["tool-calls", "stop"]);
    const log = await requests();
    expect(log).toHaveLength(2);
    const firstBody = log[0]?.body as { tools: { functionDeclarations: { name: string }[] }[] };
    expect(firstBody.tools[0]?.functionDeclarations[0]?.name).toBe("getTopTracks");
    const secondBody = log[1]?.body as { contents: { role: string; parts: Record<string, unknown>[] }[] };
    const lastTurn = secondBody.contents.at(-1);
    expect(lastTurn?.role).toBe("user");
    expect(lastTurn?.parts[0]).toMatchObject({
      functionResponse: { name: "getTopTracks", response: { name: "getTopTracks", content: { summary: expect.any(String) } } },
    });
    // The model turn replays the call with the thought signature the fake sent.
    const modelTurn = secondBody.contents.find((turn) => turn.role === "model");
    expect(modelTurn?.parts[0]).toMatchObject({
      functionCall: { name: "getTopTracks", args: { range: "short_term" } },
      thoughtSignature: expect.any(String),
    });
  });

  it("surfaces a scripted 500 as an APICallError", async () => {
    await script({ type: "error", status: 500 });
    const errors: unknown[] = [];

    const result = streamText({ model, prompt: "Hello", maxRetries: 0, onError: ({ error }) => void errors.push(error) });
    const parts: string[] = [];
    for await (const part of result.fullStream) parts.push(part.type);

    expect(parts).toContain("error");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ statusCode: 500, isRetryable: true, data: { error: { code: 500, status: "INTERNAL" } } });
  });

  it("retries 429 and 503 without waiting, then answers from the default reply", async () => {
    await script({ type: "error", status: 429 }, { type: "error", status: 503 });
    const started = Date.now();

    const { text } = await generateText({ model, prompt: "Hello", maxRetries: 2 });

    expect(text).toBe("I'm the EchoTune test model.");
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(await requests()).toHaveLength(3);
  });

  it("answers a request without an API key with API_KEY_INVALID", async () => {
    const response = await fetch(`${fake.url}/models/gemini-2.5-flash:generateContent`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: "hi" }] }] }),
    });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: { code: 400, status: "INVALID_ARGUMENT", details: [{ reason: "API_KEY_INVALID" }] },
    });
  });

  it("holds the first text delta for firstChunkDelayMs", async () => {
    await adminCall("config", { firstChunkDelayMs: 300 });
    await script({ type: "text", text: "Slow but steady." });
    const started = Date.now();

    const result = streamText({ model, prompt: "Hello", maxRetries: 0 });
    let firstDeltaAfter: number | undefined;
    for await (const part of result.fullStream) {
      if (part.type === "text-delta" && firstDeltaAfter === undefined) firstDeltaAfter = Date.now() - started;
    }

    expect(firstDeltaAfter).toBeGreaterThanOrEqual(300);
    expect(await result.text).toBe("Slow but steady.");
  });

  it("serves the non-streaming generateContent path", async () => {
    await script({ type: "text", text: "Not streamed at all." });

    const result = await generateText({ model, prompt: "Hello", maxRetries: 0 });

    expect(result.text).toBe("Not streamed at all.");
    expect(result.finishReason).toBe("stop");
    expect(result.usage.inputTokens).toEqual(expect.any(Number));
    expect(result.usage.outputTokens).toBe(Math.ceil("Not streamed at all.".length / 4));
    expect((await requests())[0]).toMatchObject({ stream: false, model: "gemini-2.5-flash" });
  });

  it("answers unknown paths with Google's 404 body", async () => {
    const response = await fetch(`${fake.origin}/v1beta/nothing-here`);

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 404, message: "Not found", status: "NOT_FOUND" } });
  });

  it("serves a model's metadata, as readiness checks read it, and asks for the key", async () => {
    const response = await fetch(`${fake.url}/models/gemini-2.5-flash-lite`, { headers: { "x-goog-api-key": "test" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      name: "models/gemini-2.5-flash-lite",
      supportedGenerationMethods: expect.arrayContaining(["generateContent"]),
    });
    expect((await fetch(`${fake.url}/models/gemini-2.5-flash-lite`)).status).toBe(400);
    expect((await fetch(`${fake.url}/models/not-a-model`, { headers: { "x-goog-api-key": "test" } })).status).toBe(404);
  });
});
