/**
 * The assistant's server entry point. The work is in turn.ts (one chat turn), models.ts (every
 * model, and Gemini's fallback), prompt.ts, replay.ts (the answer cache), chats.ts (stored
 * conversations) and tools/ (one file per tool). The browser's half is client.ts.
 */
import "server-only";

export { chatTurn, type ChatTurnInput } from "./turn";
export { offlineModelFor } from "./models";
export { deleteChat, listChats, loadChat, renameChat, titleFrom } from "./chats";
export { ASSISTANT_LIMITS, costOf, MODEL_PRICES, type ModelPrice } from "./config";
export type * from "./types";
export { isToolName, MESSAGE_MAX_CHARS, OFFLINE_MODEL_ID, SUGGESTED_PROMPTS } from "./types";
