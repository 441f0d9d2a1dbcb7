/**
 * The assistant's shared vocabulary, safe for the browser: chat messages (AI SDK UI messages with
 * our metadata and tool parts typed from the tool definitions), tool names, and what each tool
 * returns (tool-outputs.ts). The tools themselves are server-only: only their types are imported
 * here, and type imports are erased from the browser's bundle.
 */
import type { InferUITools, UIDataTypes, UIMessage } from "ai";
import type { AssistantTools } from "./tools";

export type * from "./tool-outputs";
export type { DiscoverDraftTrack } from "./draft-track";

/** Why an answer came from the offline model rather than Gemini. */
export type OfflineReason = "not-configured" | "over-budget" | "budget-unavailable" | "model-error";

export interface ChatMetadata {
  /** The model that answered: a Gemini id, or "echotune-offline". */
  model?: string;
  offline?: boolean;
  offlineReason?: OfflineReason;
  /** The same question within a few minutes was answered from the cache. */
  cached?: boolean;
  createdAt?: number;
  totalTokens?: number;
}

/** Each tool's input and output, inferred from its definition (lib/assistant/tools). */
export type ChatTools = InferUITools<AssistantTools>;

/** The chat sends no data parts (yet). */
export type ChatDataParts = UIDataTypes;

export type ChatMessage = UIMessage<ChatMetadata, ChatDataParts, ChatTools>;

export type ToolName = keyof ChatTools;

// The browser cannot import the tools, so it learns their names from here. A record keyed by
// `ToolName` must name every tool and nothing else: a tool added or renamed fails to compile here.
const TOOLS: Record<ToolName, true> = {
  listeningStats: true,
  searchHistory: true,
  listeningHabits: true,
  comparePeriods: true,
  onThisDay: true,
  recommend: true,
  searchCatalog: true,
  explainTaste: true,
  buildPlaylist: true,
  discoverDraft: true,
  savePlaylist: true,
  playback: true,
  researchArtist: true,
};

/** Whether a tool part's name is one of the assistant's tools (a stored chat may name others). */
export function isToolName(name: string): name is ToolName {
  return Object.hasOwn(TOOLS, name);
}

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: string;
}

export const OFFLINE_MODEL_ID = "echotune-offline";

/** Longest message the assistant accepts, in characters (the composer counts down to it). */
export const MESSAGE_MAX_CHARS = 2_000;

/** Prompts offered on an empty chat. */
export const SUGGESTED_PROMPTS = [
  "What did I play most last winter?",
  "Recommend something for focus",
  "Build a playlist for a workout",
  "Explain my taste",
] as const;
