/**
 * The assistant's server entry point (the chat route and the chat benchmark import it). The work is
 * in turn.ts (one chat turn), models.ts (every model, and Gemini's fallback), prompt.ts and
 * replay.ts (the answer cache).
 */
import "server-only";

export { chatTurn, type ChatTurnInput } from "./turn";
export { offlineModelFor } from "./models";
