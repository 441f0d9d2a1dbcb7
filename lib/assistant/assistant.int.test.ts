/**
 * The assistant end to end on the server: the real @ai-sdk/google provider against our fake
 * Gemini over HTTP, the real store (embedded, in a temporary directory) and cache, the demo
 * catalogue for search. Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";
import { metadataOf, scriptGemini, streamChunks, testListener } from "./testing";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-assistant-"));
let gemini: FakeGemini;

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
    GEMINI_BASE_URL: gemini.url,
    ASSISTANT_TURNS_PER_MINUTE: "1000",
  });
  delete process.env.MONGODB_URI;
  delete process.env.UPSTASH_REDIS_REST_URL;
  delete process.env.UPSTASH_REDIS_REST_TOKEN;
});
afterAll(async () => {
  await gemini.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${gemini.origin}/__admin/reset`, { method: "POST" });
});

const script = (replies: unknown[]) => scriptGemini(gemini.origin, replies);

let counter = 0;
const listener = (id = `listener-${++counter}-${Date.now()}`) => testListener(id);
const userMessage = (text: string) => ({ id: `m-${++counter}`, role: "user" as const, parts: [{ type: "text" as const, text }] });
const chatId = () => `chat-${++counter}-${Date.now().toString(36)}`;

/** A chat whose last answer is a two-song playlist draft waiting for the listener's approval. */
async function draftAwaitingApproval(name: string, first: number) {
  const { chatTurn } = await import("./index");
  const { loadChat } = await import("./chats");
  const { getDemoCatalog, DEMO_LISTENER } = await import("@/lib/demo");
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const songs = catalog.tracks
    .slice(first, first + 2)
    .map((track) => ({ title: track.name, artist: catalog.artistsById.get(track.artistIds[0]!)!.name }));
  await script([{ type: "functionCall", name: "buildPlaylist", args: { name, tracks: songs } }]);
  const owner = listener();
  const id = chatId();
  const chunks = await streamChunks(
    await chatTurn(owner, { id, message: userMessage(`Make a playlist called ${name}`), trigger: "submit-message" }),
  );
  const request = chunks.find((chunk) => chunk.type === "tool-approval-request") as { approvalId: string; toolCallId: string } | undefined;
  expect(request).toBeDefined();
  const stored = (await loadChat(owner.id, id))!.messages.at(-1)!;
  return { chatTurn, owner, id, chunks, approvalId: request!.approvalId, stored };
}

describe("assistant", () => {
  it("never shows a song the model invents: unresolved suggestions are dropped from the tool output", async () => {
    const { chatTurn } = await import("./index");
    const { getDemoCatalog } = await import("@/lib/demo");
    const { DEMO_LISTENER } = await import("@/lib/demo");
    const catalog = getDemoCatalog(DEMO_LISTENER.seed);
    const real = catalog.tracks[5]!;
    const realArtist = catalog.artistsById.get(real.artistIds[0]!)!.name;
    await script([
      {
        type: "functionCall",
        name: "searchCatalog",
        args: {
          tracks: [
            { title: real.name, artist: realArtist },
            { title: "Moonlight Over Nowhere Street", artist: "The Invented Band" },
          ],
        },
      },
    ]);
    const response = await chatTurn(listener(), { id: chatId(), message: userMessage("Suggest two songs"), trigger: "submit-message" });
    const chunks = await streamChunks(response);
    const output = chunks.find((chunk) => chunk.type === "tool-output-available")?.output as {
      tracks: Array<{ name: string; confidence: number }>;
      dropped: number;
    };
    expect(output.tracks.map((track) => track.name)).toEqual([real.name]);
    expect(output.tracks[0]!.confidence).toBeGreaterThanOrEqual(0.85);
    expect(output.dropped).toBe(1);
    // Only its input (what the model asked about) names it: no output and no text does.
    const shown = chunks.filter((chunk) => chunk.type === "tool-output-available" || chunk.type === "text-delta");
    expect(shown.length).toBeGreaterThan(1);
    expect(JSON.stringify(shown)).not.toContain("Moonlight Over Nowhere Street");
    expect(metadataOf(chunks)).toMatchObject({ model: "gemini-2.5-flash-lite", offline: false });
  });

  it("a listener over budget gets the offline model, and the answer says so", async () => {
    const { chatTurn } = await import("./index");
    const { recordUsage } = await import("./budget");
    const over = listener();
    await recordUsage(over.id, "gemini-2.5-flash-lite", 150_000, 60_000);
    const response = await chatTurn(over, { id: chatId(), message: userMessage("help"), trigger: "submit-message" });
    const chunks = await streamChunks(response);
    expect(metadataOf(chunks)).toMatchObject({ model: "echotune-offline", offline: true, offlineReason: "over-budget" });
    const log = (await (await fetch(`${gemini.origin}/__admin/log`)).json()) as unknown[];
    expect(log).toHaveLength(0);
  });

  it("a Gemini 500 hands the turn to the offline model, visibly", async () => {
    const { chatTurn } = await import("./index");
    await script([{ type: "error", status: 500 }]);
    const chunks = await streamChunks(
      await chatTurn(listener(), { id: chatId(), message: userMessage("What can you do?"), trigger: "submit-message" }),
    );
    expect(metadataOf(chunks)).toMatchObject({ offline: true, offlineReason: "model-error" });
    expect(
      chunks
        .filter((chunk) => chunk.type === "text-delta")
        .map((chunk) => chunk.delta)
        .join(""),
    ).toContain("I answer from your own listening");
  });

  it("stores the conversation for its owner only: another listener's chat id is a 404", async () => {
    const { chatTurn } = await import("./index");
    const { loadChat } = await import("./chats");
    const owner = listener();
    const id = chatId();
    await streamChunks(await chatTurn(owner, { id, message: userMessage("Hello there"), trigger: "submit-message" }));
    const stored = await loadChat(owner.id, id);
    expect(stored?.title).toBe("Hello there");
    expect(stored?.messages.map((message) => message.role)).toEqual(["user", "assistant"]);
    const stranger = listener();
    expect(await loadChat(stranger.id, id)).toBeNull();
    await expect(chatTurn(stranger, { id, message: userMessage("Let me in"), trigger: "submit-message" })).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("the same question soon after is answered from the cache", async () => {
    const { chatTurn } = await import("./index");
    const asker = listener();
    const first = await streamChunks(
      await chatTurn(asker, { id: chatId(), message: userMessage("Tell me something"), trigger: "submit-message" }),
    );
    const second = await streamChunks(
      await chatTurn(asker, { id: chatId(), message: userMessage("Tell me  something"), trigger: "submit-message" }),
    );
    expect(metadataOf(second)).toMatchObject({ cached: true });
    const text = (chunks: typeof first) =>
      chunks
        .filter((chunk) => chunk.type === "text-delta")
        .map((chunk) => chunk.delta)
        .join("");
    expect(text(second)).toBe(text(first));
    expect(((await (await fetch(`${gemini.origin}/__admin/log`)).json()) as unknown[]).length).toBe(1);
  });

  it("a Gemini stream that breaks off before any content is answered offline", async () => {
    const { chatTurn } = await import("./index");
    await script([{ type: "drop" }]);
    const chunks = await streamChunks(
      await chatTurn(listener(), { id: chatId(), message: userMessage("What can you do for me?"), trigger: "submit-message" }),
    );
    expect(metadataOf(chunks)).toMatchObject({ offline: true, offlineReason: "model-error" });
    expect(chunks.some((chunk) => chunk.type === "error")).toBe(false);
    expect(
      chunks
        .filter((chunk) => chunk.type === "text-delta")
        .map((chunk) => chunk.delta)
        .join(""),
    ).toContain("I answer from your own listening");
  });

  it("a Gemini 429 is answered offline too, and turns beyond the per-minute limit get a 429 with Retry-After", async () => {
    const { chatTurn } = await import("./index");
    const { limitTurns } = await import("./budget");
    await script([{ type: "error", status: 429 }]);
    const chunks = await streamChunks(
      await chatTurn(listener(), { id: chatId(), message: userMessage("help me please"), trigger: "submit-message" }),
    );
    expect(metadataOf(chunks)).toMatchObject({ offline: true, offlineReason: "model-error" });

    const busy = listener();
    await limitTurns(busy.id, 2);
    await limitTurns(busy.id, 2);
    const refused = await limitTurns(busy.id, 2).then(
      () => null,
      (error: unknown) => error as { code: string; retryAfterSeconds: number; detail: string },
    );
    expect(refused?.code).toBe("rate_limited");
    expect(refused?.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused?.detail).toMatch(/Try again in \d+ s/);
  });

  it("saves a playlist only after approval, with the tracks it proposed, whatever the browser sends back", async () => {
    const { chatTurn, owner, id, chunks: first, approvalId, stored } = await draftAwaitingApproval("Two songs", 100);
    expect(first.some((chunk) => chunk.type === "tool-output-available" && (chunk.output as { saved?: boolean }).saved)).toBe(false);

    // The browser answers the approval, and (tampered) asks for another track list: the stored one is used.
    const sent = structuredClone(stored) as unknown as { parts: Array<Record<string, unknown>> };
    for (const part of sent.parts) {
      if (part.type === "tool-savePlaylist") {
        part.state = "approval-responded";
        part.approval = { id: approvalId, approved: true };
        part.input = { name: "Forged", trackKeys: ["spotify:track:0000000000000000000000"] };
      }
    }
    const second = await streamChunks(await chatTurn(owner, { id, message: sent as never, trigger: "submit-message" }));
    const saved = second.find((chunk) => chunk.type === "tool-output-available")?.output as {
      saved: boolean;
      name: string;
      trackCount: number;
    };
    expect(saved).toMatchObject({ saved: true, name: "Two songs", trackCount: 2 });

    // An answer that waits for nothing cannot be replayed.
    await expect(chatTurn(owner, { id, message: sent as never, trigger: "submit-message" })).rejects.toMatchObject({ code: "conflict" });
  });

  it("of three approvals sent at once, exactly one saves the playlist", async () => {
    const { chatTurn, owner, id, approvalId, stored } = await draftAwaitingApproval("Once only", 200);
    const approve = () => {
      const sent = structuredClone(stored) as unknown as { parts: Array<Record<string, unknown>> };
      for (const part of sent.parts) {
        if (part.type === "tool-savePlaylist")
          Object.assign(part, { state: "approval-responded", approval: { id: approvalId, approved: true } });
      }
      return chatTurn(owner, { id, message: sent as never, trigger: "submit-message" }).then(streamChunks);
    };
    const outcomes = await Promise.allSettled([approve(), approve(), approve()]);
    const saves = outcomes.flatMap((outcome) =>
      outcome.status === "fulfilled"
        ? outcome.value.filter((chunk) => chunk.type === "tool-output-available" && (chunk.output as { saved?: boolean }).saved)
        : [],
    );
    expect(saves).toHaveLength(1);
    const refused = outcomes
      .filter((outcome) => outcome.status === "rejected")
      .map((outcome) => (outcome as PromiseRejectedResult).reason as { code: string; detail: string });
    expect(refused).toHaveLength(2);
    expect(refused.every((error) => error.code === "conflict" && /already answered/.test(error.detail))).toBe(true);
  });
});
