import type { ReceivedSpan } from "./fakes/otlp/server";
import { fakeCollectorUrl, fakeGeminiUrl } from "../playwright.config";
import { expect, test } from "./fixtures";

/**
 * OpenTelemetry end to end: the production server exports its spans (@vercel/otel, OTLP/HTTP
 * protobuf) to the local collector, and one chat turn is one tree, parent to child: the route's
 * span, the AI SDK's turn, the tool it called, and that tool's reads from the store or cache.
 */
async function spansOfTrace(traceId: string): Promise<ReceivedSpan[]> {
  const response = await fetch(`${fakeCollectorUrl}/__admin/spans`);
  const { spans } = (await response.json()) as { spans: ReceivedSpan[] };
  return spans.filter((span) => span.traceId === traceId);
}

async function routeSpan(requestId: string): Promise<ReceivedSpan | undefined> {
  const response = await fetch(`${fakeCollectorUrl}/__admin/spans`);
  const { spans } = (await response.json()) as { spans: ReceivedSpan[] };
  return spans.find((span) => span.attributes["echotune.request_id"] === requestId);
}

test("one chat turn is exported as one trace: route → AI turn → tool → store or cache", async ({ page }) => {
  test.setTimeout(60_000);
  const question = `Telemetry check ${Date.now()}: what did I play most in 2021?`;
  const scripted = await fetch(`${fakeGeminiUrl}/__admin/script`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      replies: [
        { match: question, type: "functionCall", name: "listeningStats", args: { range: "custom", from: "2021-01-01", to: "2021-12-31" } },
      ],
    }),
  });
  expect(scripted.ok).toBe(true);

  // The turn through the API as the signed-in demo listener, tagged with a request id of our own.
  const requestId = `telemetry-${Date.now()}`;
  const answer = await page.request.post("/api/chat", {
    headers: { "x-request-id": requestId, "content-type": "application/json" },
    data: { id: `chat-${Date.now()}`, message: { id: `msg-${Date.now()}`, role: "user", parts: [{ type: "text", text: question }] } },
  });
  expect(answer.status()).toBe(200);
  expect(answer.headers()["x-request-id"]).toBe(requestId);
  expect(await answer.text()).toContain("listeningStats");

  // Spans leave in batches (every few seconds): wait for the route's, then for the turn's children.
  let root: ReceivedSpan | undefined;
  await expect.poll(async () => (root = await routeSpan(requestId)), { timeout: 30_000 }).toBeDefined();
  expect(root).toMatchObject({ name: "POST /api/chat", service: "echotune" });
  expect(root?.attributes).toMatchObject({ "http.route": "/api/chat", "http.response.status_code": 200 });

  const chain = async () => {
    const spans = await spansOfTrace(root!.traceId);
    const children = (parent: ReceivedSpan | undefined) => spans.filter((span) => parent && span.parentSpanId === parent.spanId);
    const turn = children(root).find((span) => span.name === "ai.streamText");
    const tool = children(turn).find((span) => span.name === "ai.toolCall listeningStats");
    const storage = children(tool).find((span) => span.name.startsWith("db.") || span.name.startsWith("cache."));
    return {
      turn: turn?.name,
      model: children(turn).some((span) => span.name === "ai.languageModelCall"),
      tool: tool?.name,
      storage: storage?.name,
    };
  };
  await expect.poll(chain, { timeout: 30_000 }).toMatchObject({
    turn: "ai.streamText",
    model: true,
    tool: "ai.toolCall listeningStats",
    storage: expect.stringMatching(/^(db|cache)\./),
  });

  // Spans name collections and operations, never what a listener asked or played.
  const spans = await spansOfTrace(root!.traceId);
  expect(JSON.stringify(spans)).not.toContain("Telemetry check");
});
