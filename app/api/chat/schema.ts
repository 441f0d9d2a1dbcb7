import { z } from "zod";
import { ASSISTANT_LIMITS, DISCOVER_DRAFT_MAX_NAME, DISCOVER_DRAFT_MAX_TRACKS } from "@/lib/assistant";

const textPart = z.object({
  type: z.literal("text"),
  text: z.string().max(ASSISTANT_LIMITS.maxMessageChars, `a message has at most ${ASSISTANT_LIMITS.maxMessageChars} characters`),
});
/** The listener's own words: text parts only, nothing else taken from the browser. */
const userMessage = z
  .looseObject({ id: z.string().min(1).max(100), role: z.literal("user"), parts: z.array(textPart.loose()).min(1).max(20) })
  .transform((message) => ({
    id: message.id,
    role: "user" as const,
    parts: message.parts.map((part) => ({ type: "text" as const, text: part.text })),
  }))
  .refine((message) => message.parts.reduce((sum, part) => sum + part.text.length, 0) <= ASSISTANT_LIMITS.maxMessageChars, {
    message: `a message has at most ${ASSISTANT_LIMITS.maxMessageChars} characters`,
  })
  .refine((message) => message.parts.some((part) => part.text.trim().length > 0), { message: "a message needs some text" });
/** An answer sent back with the listener's approvals: only those are read from it (lib/assistant/messages.ts). */
const assistantMessage = z.looseObject({
  id: z.string().min(1).max(100),
  role: z.literal("assistant"),
  parts: z
    .array(z.looseObject({ type: z.string().min(1).max(100) }))
    .min(1)
    .max(200),
});

/** One track of the listener's Discover draft: its key (a `spotify:track:` URI, or a history-only `artist|title` key) and names. */
const draftTrack = z.object({
  key: z.string().trim().min(1).max(300),
  name: z.string().trim().min(1).max(DISCOVER_DRAFT_MAX_NAME),
  artist: z.string().trim().min(1).max(DISCOVER_DRAFT_MAX_NAME),
});

export const chatBody = z.object({
  /** The chat's id (made by the client for a new chat). */
  id: z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, "must be 8 to 100 letters, digits, _ or -"),
  /** Only the new message: the server keeps the history. */
  message: z.discriminatedUnion("role", [userMessage, assistantMessage]),
  trigger: z.enum(["submit-message", "regenerate-message"]).default("submit-message"),
  messageId: z.string().max(100).optional(),
  /** The playlist draft kept on Discover (in the browser), for the discoverDraft tool. */
  draft: z.array(draftTrack).max(DISCOVER_DRAFT_MAX_TRACKS, `a draft has at most ${DISCOVER_DRAFT_MAX_TRACKS} tracks`).default([]),
});
