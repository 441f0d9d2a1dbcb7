/** Typed access to the assistant's tool parts. Client-safe. */
import type { ToolUIPart } from "ai";
import type { ChatMessage, ChatTools } from "@/lib/assistant/types";

export const TOOL_NAMES = [
  "listeningStats",
  "searchHistory",
  "recommend",
  "searchCatalog",
  "explainTaste",
  "buildPlaylist",
  "savePlaylist",
  "playback",
] as const;

export type ToolName = (typeof TOOL_NAMES)[number];

// `ChatTools` carries an index signature (so it satisfies `UITools`), which makes the SDK's mapped
// part type collapse to `tool-${string}` with unknown input and output. Picking the named tools
// back out gives one precisely typed part per tool.
type NamedTools = { [Name in ToolName]: ChatTools[Name] };

/** A tool part of a chat message, typed by its tool. */
export type ChatToolPart = ToolUIPart<NamedTools>;
export type ToolPartOf<Name extends ToolName> = Extract<ChatToolPart, { type: `tool-${Name}` }>;
export type SavePlaylistPart = ToolPartOf<"savePlaylist">;

export type ChatPart = ChatMessage["parts"][number];

const names: ReadonlySet<string> = new Set(TOOL_NAMES);

/** The part as a typed tool part, or null for text, reasoning, steps and unknown tools. */
export function chatToolPart(part: ChatPart): ChatToolPart | null {
  if (!part.type.startsWith("tool-") || !names.has(part.type.slice("tool-".length))) return null;
  return part as unknown as ChatToolPart;
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
