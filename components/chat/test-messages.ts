/** Chat message fixtures for the chat helpers' tests. */
import type { ChatMessage, TrackCard } from "@/lib/assistant/client";

export function track(key: string, name = key, artist = "Artist"): TrackCard {
  return { key, trackId: null, name, artist, album: null, imageUrl: null, confidence: 1, source: "catalog" };
}

export function userMessage(id: string, text: string): ChatMessage {
  return { id, role: "user", parts: [{ type: "text", text }] };
}

export function assistantMessage(id: string, parts: ChatMessage["parts"], metadata?: ChatMessage["metadata"]): ChatMessage {
  return { id, role: "assistant", parts, ...(metadata ? { metadata } : {}) };
}

/** A finished tool part. */
export function toolOutput(name: string, output: unknown, input: unknown = {}): ChatMessage["parts"][number] {
  return {
    type: `tool-${name}`,
    toolCallId: `${name}-${Math.random().toString(36).slice(2)}`,
    state: "output-available",
    input,
    output,
  } as ChatMessage["parts"][number];
}

export function draftOutput(name: string, tracks: TrackCard[], tool: "buildPlaylist" | "discoverDraft" = "buildPlaylist") {
  return toolOutput(tool, { name, description: "", tracks, dropped: 0, summary: `${name}: ${tracks.length} tracks` });
}

export function listOutput(tool: "recommend" | "searchCatalog", tracks: TrackCard[]) {
  return toolOutput(tool, { tracks, dropped: 0, summary: `${tracks.length} tracks` });
}

export function approvalRequest(trackKeys: string[], name = "Workout"): ChatMessage["parts"][number] {
  return {
    type: "tool-savePlaylist",
    toolCallId: "save-1",
    state: "approval-requested",
    input: { name, trackKeys },
    approval: { id: "approval-1" },
  } as ChatMessage["parts"][number];
}
