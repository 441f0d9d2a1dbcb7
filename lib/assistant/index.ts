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
// The offline model's understanding, its evaluation set and the tools, for `npm run eval:assistant`.
export { understand, INTENTS, type IntentName, type Understanding } from "./intents";
export { findRange, rangeKey } from "./dates";
export { EVAL_CASES, EVAL_NOW, EVAL_ZONE, type EvalCase } from "./eval/cases";
export { assistantTools } from "./tools";
export { DISCOVER_DRAFT_MAX_NAME, DISCOVER_DRAFT_MAX_TRACKS } from "./draft-track";
export { DEFAULT_DRAFT_COUNT, draftFromPrompt, draftFromSeed, tunedTracks, type PlaylistDraft } from "./playlist-drafts";
export { PLAYLIST_PROMPT_MAX_COUNT, readPlaylistPrompt, type PlaylistPrompt } from "./intents";
