/** Typed access to the assistant's tool parts. Client-safe. */
import type { ToolUIPart } from "ai";
import { isToolName, type ChatMessage, type ChatTools, type ToolName } from "@/lib/assistant/client";

export type { ToolName } from "@/lib/assistant/client";

/** A tool part of a chat message, typed by its tool. */
export type ChatToolPart = ToolUIPart<ChatTools>;
export type ToolPartOf<Name extends ToolName> = Extract<ChatToolPart, { type: `tool-${Name}` }>;
export type SavePlaylistPart = ToolPartOf<"savePlaylist">;

export type ChatPart = ChatMessage["parts"][number];

/** The part as a typed tool part, or null for text, reasoning, steps and unknown tools. */
export function chatToolPart(part: ChatPart): ChatToolPart | null {
  if (!part.type.startsWith("tool-") || !isToolName(part.type.slice("tool-".length))) return null;
  return part as ChatToolPart;
}

export function toolNameOf(part: ChatToolPart): ToolName {
  return part.type.slice("tool-".length) as ToolName;
}

/** Every typed tool part of a message, in order. */
export function toolPartsOf(message: ChatMessage): ChatToolPart[] {
  const parts: ChatToolPart[] = [];
  for (const part of message.parts) {
    const tool = chatToolPart(part);
    if (tool) parts.push(tool);
  }
  return parts;
}
