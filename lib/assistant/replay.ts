/**
 * The answer cache: a chat's first question, asked again within a few minutes on the same plays
 * and the same model, is answered from the cache, replayed as a UI message stream.
 */
import "server-only";
import { createHash } from "node:crypto";
import { createUIMessageStream, type UIMessageChunk } from "ai";
import { getCache } from "@/lib/cache";
import { settingsFingerprint } from "@/lib/db";
import { env } from "@/lib/env";
import { listenerIndex } from "@/lib/insights";
import type { ListenerProfile } from "@/lib/listener";
import { ASSISTANT_LIMITS } from "./config";
import type { ChatMessage, ChatMetadata, OfflineReason } from "./types";

/**
 * The cache key of a question: the listener, the revision of their plays, their settings (a new
 * listen threshold or time zone changes every number), who would answer, and the question (case
 * and spacing ignored).
 */
export async function answerKeyFor(listener: ListenerProfile, question: string, offlineReason: OfflineReason | null): Promise<string> {
  const normalised = question.toLowerCase().replace(/\s+/g, " ");
  const revision = (await listenerIndex(listener)).revision;
  const digest = createHash("sha256")
    .update(`${revision}|${settingsFingerprint(listener.settings)}|${offlineReason ?? env.GEMINI_MODEL}|${normalised}`)
    .digest("base64url")
    .slice(0, 24);
  return `assistant:answer:${listener.id}:${digest}`;
}

export function cachedAnswer(key: string): Promise<ChatMessage | undefined> {
  return getCache().get<ChatMessage>(key);
}

export async function rememberAnswer(key: string, answer: ChatMessage): Promise<void> {
  await getCache().set(key, answer, { ttlSeconds: ASSISTANT_LIMITS.answerCacheSeconds });
}

/** Replays a cached assistant message as a UI message stream (text and finished tool parts). */
export function replay(message: ChatMessage, metadata: ChatMetadata): ReadableStream<UIMessageChunk<ChatMetadata>> {
  return createUIMessageStream<ChatMessage>({
    execute: ({ writer }) => {
      writer.write({ type: "start", messageId: message.id, messageMetadata: metadata });
      writer.write({ type: "start-step" });
      message.parts.forEach((part, position) => {
        if (part.type === "text") {
          const id = `cached-${position}`;
          writer.write({ type: "text-start", id });
          writer.write({ type: "text-delta", id, delta: part.text });
          writer.write({ type: "text-end", id });
        } else if (part.type.startsWith("tool-") && "state" in part && part.state === "output-available") {
          writer.write({ type: "tool-input-available", toolCallId: part.toolCallId, toolName: part.type.slice(5), input: part.input });
          writer.write({ type: "tool-output-available", toolCallId: part.toolCallId, output: part.output });
        }
      });
      writer.write({ type: "finish-step" });
      writer.write({ type: "finish", messageMetadata: metadata });
    },
  });
}
