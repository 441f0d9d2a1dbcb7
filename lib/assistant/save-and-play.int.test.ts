/**
 * The assistant's side effects with the offline model (no Gemini) and a demo visitor's demo
 * Spotify: an approved save becomes a stored playlist (origin "assistant") saved through the same
 * path as the Playlists page, and playback waits for the listener's yes before anything plays.
 * Real chat turns, the embedded store in a temporary directory; nothing of ours is mocked.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoDraft, streamChunks, testListener } from "./testing";
import type { ChatMessage, PlaybackOutput, SavePlaylistOutput } from "./types";

const dataDir = mkdtempSync(join(tmpdir(), "echotune-save-and-play-"));

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

const listener = testListener(`save-and-play-${Date.now()}`);
let counter = 0;
const chatId = () => `save-and-play-${++counter}-${Date.now().toString(36)}`;
const say = (text: string): ChatMessage => ({ id: `m-${++counter}`, role: "user", parts: [{ type: "text", text }] });

/** The stored answer with every approval request of `tool` answered. */
async function answer(id: string, tool: string, approved: boolean) {
  const { loadChat } = await import("./index");
  const stored = (await loadChat(listener.id, id))!.messages.at(-1)!;
  const sent = structuredClone(stored) as unknown as { parts: Array<Record<string, unknown>> };
  for (const part of sent.parts)
    if (part.type === `tool-${tool}` && part.state === "approval-requested")
      Object.assign(part, { state: "approval-responded", approval: { id: (part.approval as { id: string }).id, approved } });
  return sent as never;
}

describe("the assistant's saves and playback", () => {
  it("an approved save is a stored playlist of the assistant's, saved to Spotify by the same path as the Playlists page", async () => {
    const { chatTurn } = await import("./index");
    const draft = demoDraft(700);
    const saveable = draft.filter((track) => track.key.startsWith("spotify:track:"));
    const id = chatId();
    const first = await streamChunks(
      await chatTurn(listener, { id, message: say("Save my draft from Discover"), trigger: "submit-message", draft }),
    );
    expect(first.some((chunk) => chunk.type === "tool-approval-request")).toBe(true);
    const { listPlaylists, getPlaylist, spotifyStateOf } = await import("@/lib/playlists");
    // Nothing is stored before the listener says yes.
    expect(await listPlaylists(listener)).toEqual([]);

    const second = await streamChunks(
      await chatTurn(listener, { id, message: await answer(id, "savePlaylist", true), trigger: "submit-message" }),
    );
    const saved = second.find((chunk) => chunk.type === "tool-output-available")?.output as SavePlaylistOutput;
    expect(saved).toMatchObject({ saved: true, trackCount: 3, storedPlaylistId: expect.any(String), playlistId: expect.any(String) });
    const stored = (await getPlaylist(listener, saved.storedPlaylistId!))!;
    expect(stored).toMatchObject({ origin: "assistant", name: "My Discover picks", version: 1 });
    expect(stored.tracks.map((track) => [track.key, track.name, track.artistName])).toEqual(
      saveable.map((track) => [track.key, track.name, track.artist]),
    );
    expect(stored.spotify).toMatchObject({ status: "synced", playlistId: saved.playlistId, syncedVersion: 1 });
    expect(spotifyStateOf(stored)).toBe("synced");
    expect(await listPlaylists(listener)).toHaveLength(1);
  });

  it("playback asks first: nothing plays until the listener approves, and a no plays nothing", async () => {
    const { chatTurn } = await import("./index");
    const { spotifyClientFor } = await import("@/lib/spotify");
    const { getDemoCatalog, DEMO_LISTENER } = await import("@/lib/demo");
    const client = spotifyClientFor({ userId: listener.id, isDemo: true });
    const track = getDemoCatalog(DEMO_LISTENER.seed).tracks[1234]!;

    const declined = chatId();
    const asked = await streamChunks(
      await chatTurn(listener, { id: declined, message: say(`Play ${track.name}`), trigger: "submit-message" }),
    );
    expect(asked.some((chunk) => chunk.type === "tool-approval-request")).toBe(true);
    expect(asked.some((chunk) => chunk.type === "tool-output-available")).toBe(false);
    expect(await client.playback()).toBeNull();
    const no = await streamChunks(
      await chatTurn(listener, { id: declined, message: await answer(declined, "playback", false), trigger: "submit-message" }),
    );
    expect(no.some((chunk) => chunk.type === "tool-output-available")).toBe(false);
    expect(await client.playback()).toBeNull();

    const approved = chatId();
    await streamChunks(await chatTurn(listener, { id: approved, message: say(`Play ${track.name}`), trigger: "submit-message" }));
    const yes = await streamChunks(
      await chatTurn(listener, { id: approved, message: await answer(approved, "playback", true), trigger: "submit-message" }),
    );
    const played = yes.find((chunk) => chunk.type === "tool-output-available")?.output as PlaybackOutput;
    expect(played).toMatchObject({ ok: true, action: "play" });
    expect(await client.playback()).toMatchObject({ isPlaying: true, track: { name: expect.any(String) } });
  });
});
