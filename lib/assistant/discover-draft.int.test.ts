/**
 * With no Gemini (the zero-config demo), the offline model reads "save my draft from Discover",
 * shows the listener's Discover draft and asks to save exactly its Spotify tracks, as it does for a
 * draft it built; the approval saves them. Real chat turns, the embedded store in a temporary
 * directory, the demo catalogue's Spotify. (With Gemini, through the route:
 * app/api/chat/discover-draft.int.test.ts.)
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDraft, streamChunks, testListener } from "./testing";
import type { ChatMessage, PlaylistDraftOutput, SavePlaylistOutput } from "./types";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-offline-draft-"));

beforeAll(() => {
  process.env.DATA_DIR = dataDir;
  process.env.ASSISTANT_TURNS_PER_MINUTE = "1000";
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "GOOGLE_GENERATIVE_AI_API_KEY",
    "GEMINI_BASE_URL",
  ])
    delete process.env[name];
});
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  rmSync(dataDir, { recursive: true, force: true });
});

const listener = testListener(`offline-draft-${Date.now()}`);

describe("the offline model and the Discover draft", () => {
  it("shows the draft, asks to save exactly its Spotify tracks, and saves them once approved", async () => {
    const { chatTurn, loadChat } = await import("./index");
    const draft = demoDraft(500);
    const saveable = draft.filter((track) => track.key.startsWith("spotify:track:")).map((track) => track.key);
    const id = `offline-draft-chat-${Date.now().toString(36)}`;
    const message: ChatMessage = { id: "m-1", role: "user", parts: [{ type: "text", text: "Save my draft from Discover" }] };
    const first = await streamChunks(await chatTurn(listener, { id, message, trigger: "submit-message", draft }));

    const shown = first.find((chunk) => chunk.type === "tool-output-available")?.output as PlaylistDraftOutput;
    expect(shown.tracks.map((track) => track.key)).toEqual(saveable);
    expect(shown.dropped).toBe(1);
    const asked = first.find((chunk) => chunk.type === "tool-input-available" && chunk.toolName === "savePlaylist") as
      { input: { name: string; trackKeys: string[] } } | undefined;
    expect(asked?.input).toMatchObject({ name: "My Discover picks", trackKeys: saveable });
    const approval = first.find((chunk) => chunk.type === "tool-approval-request") as { approvalId: string };
    expect(first.some((chunk) => chunk.messageMetadata && (chunk.messageMetadata as { model?: string }).model === "echotune-offline")).toBe(
      true,
    );

    const stored = (await loadChat(listener.id, id))!.messages.at(-1)!;
    const sent = structuredClone(stored) as unknown as { parts: Array<Record<string, unknown>> };
    for (const part of sent.parts)
      if (part.type === "tool-savePlaylist")
        Object.assign(part, { state: "approval-responded", approval: { id: approval.approvalId, approved: true } });
    const second = await streamChunks(await chatTurn(listener, { id, message: sent as never, trigger: "submit-message" }));
    const saved = second.find((chunk) => chunk.type === "tool-output-available")?.output as SavePlaylistOutput;
    expect(saved).toMatchObject({ saved: true, trackCount: 3 });
    const { spotifyClientFor } = await import("@/lib/spotify");
    const items = await spotifyClientFor({ userId: listener.id, isDemo: true }).playlistItems(saved.playlistId!);
    expect(items.items.map((track) => track.uri)).toEqual(saveable);
  });

  it("says an empty draft is empty and where to fill it, and asks to save nothing", async () => {
    const { chatTurn } = await import("./index");
    const message: ChatMessage = { id: "m-2", role: "user", parts: [{ type: "text", text: "Save my draft from Discover" }] };
    const chunks = await streamChunks(
      await chatTurn(listener, { id: `offline-empty-${Date.now().toString(36)}`, message, trigger: "submit-message", draft: [] }),
    );
    const shown = chunks.find((chunk) => chunk.type === "tool-output-available")?.output as PlaylistDraftOutput;
    expect(shown.tracks).toEqual([]);
    expect(shown.summary).toMatch(/draft is empty.*Discover/);
    expect(chunks.some((chunk) => chunk.type === "tool-approval-request")).toBe(false);
    const text = chunks
      .filter((chunk) => chunk.type === "text-delta")
      .map((chunk) => chunk.delta)
      .join("");
    expect(text).toContain("Your playlist draft is empty.");
  });
});
