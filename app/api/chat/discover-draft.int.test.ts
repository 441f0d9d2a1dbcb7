/**
 * The assistant sees the listener's Discover draft and saves exactly it: the draft goes through
 * POST /api/chat (real route, a real demo session) into the discoverDraft tool, the real
 * @ai-sdk/google provider talks to our fake Gemini, and an approval saves the draft's tracks to the
 * demo catalogue's Spotify. (The offline model's side: lib/assistant/discover-draft.int.test.ts.)
 * Nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeGemini, type FakeGemini } from "@/e2e/fakes/gemini/server";
import type { PlaylistDraftOutput, SavePlaylistOutput } from "@/lib/assistant";
import { demoDraft, scriptGemini, streamChunks } from "@/lib/assistant/testing";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-discover-draft-"));
const origin = "http://127.0.0.1:3000";
let gemini: FakeGemini;
let visitor: { id: string; cookie: string };

beforeAll(async () => {
  gemini = await startFakeGemini({ port: 0 });
  Object.assign(process.env, {
    DATA_DIR: dataDir,
    AUTH_SECRET: "a-test-secret-that-is-long-enough-0123456789",
    GOOGLE_GENERATIVE_AI_API_KEY: "test-key",
    GEMINI_BASE_URL: gemini.url,
    ASSISTANT_TURNS_PER_MINUTE: "1000",
  });
  for (const name of [
    "MONGODB_URI",
    "UPSTASH_REDIS_REST_URL",
    "UPSTASH_REDIS_REST_TOKEN",
    "AUTH_SPOTIFY_ID",
    "AUTH_SPOTIFY_SECRET",
    "DEMO",
  ])
    delete process.env[name];
  const { signInAsDemoVisitor } = await import("@/lib/auth/testing");
  visitor = await signInAsDemoVisitor(origin);
}, 60_000);
afterAll(async () => {
  const { closeStore } = await import("@/lib/db");
  await closeStore();
  await gemini.close();
  rmSync(dataDir, { recursive: true, force: true });
});
beforeEach(async () => {
  await fetch(`${gemini.origin}/__admin/reset`, { method: "POST" });
});

const script = (replies: unknown[]) => scriptGemini(gemini.origin, replies);

let counter = 0;
const chatId = () => `draft-chat-${++counter}-${Date.now().toString(36)}`;

/** One turn through POST /api/chat, as the chat in the browser sends it. */
async function post(body: Record<string, unknown>): Promise<Response> {
  const { POST } = await import("./route");
  return POST(
    new Request(`${origin}/api/chat`, {
      method: "POST",
      headers: { cookie: visitor.cookie, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
}

async function chunksOf(response: Response): Promise<Array<Record<string, unknown>>> {
  expect(response.status).toBe(200);
  return streamChunks(response);
}

const question = (text: string) => ({ id: `m-${++counter}`, role: "user", parts: [{ type: "text", text }] });

describe("the discoverDraft tool", () => {
  it("shows the listener's Discover draft, and an approval saves exactly its tracks", async () => {
    const draft = demoDraft(300);
    const saveable = draft.filter((track) => track.key.startsWith("spotify:track:"));
    const forged = "spotify:track:0000000000000000000000";
    await script([
      { type: "functionCall", name: "discoverDraft", args: { name: "Evening picks" } },
      // The model asks to save the draft, and a track that is not in it.
      {
        type: "functionCall",
        name: "savePlaylist",
        args: { name: "Evening picks", trackKeys: [...saveable.map((track) => track.key), forged] },
      },
    ]);
    const id = chatId();
    const first = await chunksOf(await post({ id, message: question("Save my draft from Discover as Evening picks"), draft }));

    // The answer lists the draft's tracks, in the listener's order; the history-only one is left out.
    const shown = first.find((chunk) => chunk.type === "tool-output-available")?.output as PlaylistDraftOutput;
    expect(shown.name).toBe("Evening picks");
    expect(shown.tracks.map((track) => [track.key, track.name, track.artist])).toEqual(
      saveable.map((track) => [track.key, track.name, track.artist]),
    );
    expect(shown.dropped).toBe(1);
    expect(shown.summary).toBe(
      `Your Discover draft “Evening picks”: 3 tracks, starting with “${saveable[0]!.name}” by ${saveable[0]!.artist} (1 track from your history has no Spotify match and was left out). Approve it to save it to Spotify.`,
    );
    const approval = first.find((chunk) => chunk.type === "tool-approval-request") as { approvalId: string } | undefined;
    expect(approval).toBeDefined();
    // Gemini was told what the draft holds.
    const log = (await (await fetch(`${gemini.origin}/__admin/log`)).json()) as Array<{ body: unknown }>;
    expect(JSON.stringify(log.at(-1)?.body)).toContain(saveable[0]!.name);

    // The listener approves: exactly the draft's Spotify tracks are saved, in its order.
    const { loadChat } = await import("@/lib/assistant");
    const stored = (await loadChat(visitor.id, id))!.messages.at(-1)!;
    const sent = structuredClone(stored) as unknown as { parts: Array<Record<string, unknown>> };
    for (const part of sent.parts)
      if (part.type === "tool-savePlaylist")
        Object.assign(part, { state: "approval-responded", approval: { id: approval!.approvalId, approved: true } });
    const second = await chunksOf(await post({ id, message: sent }));
    const saved = second.find((chunk) => chunk.type === "tool-output-available")?.output as SavePlaylistOutput;
    expect(saved).toMatchObject({ saved: true, name: "Evening picks", trackCount: 3 });
    const { spotifyClientFor } = await import("@/lib/spotify");
    const items = await spotifyClientFor({ userId: visitor.id, isDemo: true }).playlistItems(saved.playlistId!);
    expect(items.items.map((track) => track.uri)).toEqual(saveable.map((track) => track.key));
  });

  it("says an empty draft is empty, and asks to save nothing", async () => {
    await script([{ type: "functionCall", name: "discoverDraft", args: {} }]);
    const chunks = await chunksOf(await post({ id: chatId(), message: question("What is in my Discover draft?") }));
    const shown = chunks.find((chunk) => chunk.type === "tool-output-available")?.output as PlaylistDraftOutput;
    expect(shown).toEqual({
      name: "My Discover picks",
      description: "Picked on EchoTune Discover.",
      tracks: [],
      dropped: 0,
      playlistId: null,
      summary: "Your playlist draft is empty. Add tracks on Discover with the list button, then ask me again to save it.",
    });
    expect(chunks.some((chunk) => chunk.type === "tool-approval-request")).toBe(false);
  });

  it("is read anew each turn: the same question after the draft changed is not answered from the cache", async () => {
    const draft = demoDraft(400);
    for (const tracks of [draft.slice(0, 1), draft.slice(2)]) {
      await script([{ type: "functionCall", name: "discoverDraft", args: {} }]);
      const chunks = await chunksOf(await post({ id: chatId(), message: question("Show me my draft"), draft: tracks }));
      const shown = chunks.find((chunk) => chunk.type === "tool-output-available")?.output as PlaylistDraftOutput;
      expect(shown.tracks.map((track) => track.key)).toEqual(tracks.map((track) => track.key));
    }
  });

  it("takes a bounded, well-formed draft only", async () => {
    const track = { key: "spotify:track:abc", name: "A", artist: "B" };
    const tooLong = await post({ id: chatId(), message: question("Save my draft"), draft: Array(101).fill(track) });
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers.get("content-type")).toContain("application/problem+json");
    expect(((await tooLong.json()) as { errors: Array<{ field: string; message: string }> }).errors).toEqual([
      { field: "body.draft", message: "a draft has at most 100 tracks" },
    ]);
    const nameless = await post({ id: chatId(), message: question("Save my draft"), draft: [{ ...track, name: "" }] });
    expect(nameless.status).toBe(400);
    expect(((await nameless.json()) as { errors: Array<{ field: string }> }).errors[0]?.field).toBe("body.draft.0.name");
  });
});
