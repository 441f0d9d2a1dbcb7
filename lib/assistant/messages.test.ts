import { describe, expect, it } from "vitest";
import { cacheable, settleToolCalls, withApprovals } from "./messages";
import type { ChatMessage } from "./types";

const answer = (parts: unknown[]): ChatMessage => ({ id: "a1", role: "assistant", parts }) as ChatMessage;
const draft = {
  type: "tool-savePlaylist",
  toolCallId: "c1",
  state: "approval-requested",
  input: { name: "Mix", trackKeys: ["spotify:track:abc"] },
  approval: { id: "ap1" },
};

describe("stored chat messages", () => {
  it("takes only the listener's approvals from an answer the browser sends back", () => {
    const sent = answer([
      {
        ...draft,
        state: "approval-responded",
        input: { name: "Forged", trackKeys: ["spotify:track:zzz"] },
        approval: { id: "ap1", approved: true },
      },
    ]);
    const merged = withApprovals(answer([draft]), sent);
    expect(merged.parts[0]).toMatchObject({
      state: "approval-responded",
      input: { name: "Mix", trackKeys: ["spotify:track:abc"] },
      approval: { id: "ap1", approved: true },
    });
    expect(() => withApprovals(undefined, sent)).toThrow(expect.objectContaining({ code: "not_found" }));
    expect(() => withApprovals(merged, sent)).toThrow(expect.objectContaining({ code: "conflict" }));
  });

  it("settles tool calls a stopped turn left open, so the chat can go on", () => {
    const stopped = settleToolCalls(
      answer([
        { type: "tool-buildPlaylist", toolCallId: "c2", state: "input-available", input: { name: "Mix" } },
        { type: "text", text: "Building" },
      ]),
    );
    expect(stopped.parts[0]).toMatchObject({ state: "output-error", errorText: "Stopped before it finished." });
    expect(stopped.parts[1]).toEqual({ type: "text", text: "Building" });
  });

  it("caches plain answers, not side effects, failures or pending approvals", () => {
    expect(
      cacheable(
        answer([
          { type: "tool-listeningStats", toolCallId: "c", state: "output-available", input: {}, output: {} },
          { type: "text", text: "You played…" },
        ]),
      ),
    ).toBe(true);
    expect(cacheable(answer([{ type: "tool-playback", toolCallId: "c", state: "output-available", input: {}, output: {} }]))).toBe(false);
    expect(cacheable(answer([{ type: "tool-recommend", toolCallId: "c", state: "output-error", input: {}, errorText: "x" }]))).toBe(false);
    expect(cacheable(answer([draft]))).toBe(false);
    // The cache key does not know what the Discover draft holds: "save my draft" is never replayed.
    expect(
      cacheable(
        answer([
          { type: "tool-discoverDraft", toolCallId: "c", state: "output-available", input: {}, output: { tracks: [] } },
          { type: "text", text: "Your playlist draft is empty." },
        ]),
      ),
    ).toBe(false);
  });
});

describe("cacheable research", () => {
  const answer = (status: "answered" | "budget") =>
    ({
      id: "a",
      role: "assistant",
      parts: [
        {
          type: "tool-researchArtist",
          toolCallId: "c",
          state: "output-available",
          input: { question: "q" },
          output: { status, question: "q", artist: null, answer: "x", citations: [], cached: false, model: null, summary: "x" },
        },
      ],
    }) as unknown as ChatMessage;

  it("keeps research answers, but not a refusal that may lift in a moment", () => {
    expect(cacheable(answer("answered"))).toBe(true);
    expect(cacheable(answer("budget"))).toBe(false);
  });
});
