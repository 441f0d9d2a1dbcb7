import "server-only";
import { createHash } from "node:crypto";
import type { LanguageModelV4, LanguageModelV4StreamPart, LanguageModelV4StreamResult } from "@ai-sdk/provider";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { convertToModelMessages, createIdGenerator, createUIMessageStream, createUIMessageStreamResponse, isStepCount, streamText, toUIMessageStream, validateUIMessages, type UIMessageChunk } from "ai";
import { getCache } from "@/lib/cache";
import { chatsRepository, getStore } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http";
import { listenerIndex, listenerNow } from "@/lib/insights";
import type { ListenerProfile } from "@/lib/listener";
import { spotifyClientFor } from "@/lib/spotify";
import { logger, observeDuration } from "@/lib/telemetry";
import { titleFrom } from "./chats";
import { cacheable, settleToolCalls, withApprovals } from "./messages";
import { ASSISTANT_LIMITS } from "./config";
import { budgetExceeded, limitTurns, recordUsage } from "./budget";
import { OfflineLanguageModel } from "./offline-model";
import { assistantTools } from "./tools";
import { OFFLINE_MODEL_ID, type ChatMessage, type ChatMetadata, type OfflineReason } from "./types";

export interface ChatTurnInput {
  id: string;
  message: ChatMessage;
  trigger: "submit-message" | "regenerate-message";
  messageId?: string | undefined;
}

const newMessageId = createIdGenerator({ prefix: "msg", size: 16 });

/** The offline model for a listener: dates in questions are read in their zone, at their "now". */
export function offlineModelFor(listener: ListenerProfile, wordDelayMs = 12): OfflineLanguageModel {
  return new OfflineLanguageModel({ now: () => listenerNow(listener), timeZone: listener.settings.timeZone, wordDelayMs });
}

/**
 * Gemini with the offline model behind it: a Gemini error (429, 5xx, timeout) hands the step to the
 * offline model, and the rest of the turn stays with it.
 */
function withFallback(primary: LanguageModelV4, fallback: LanguageModelV4, onFallback: (error: unknown) => void): LanguageModelV4 {
  let failed = false;
  const fail = (error: unknown) => {
    failed = true;
    onFallback(error);
  };
  return {
    specificationVersion: "v4",
    provider: primary.provider,
    modelId: primary.modelId,
    supportedUrls: primary.supportedUrls,
    doGenerate: async (options) => {
      if (!failed) {
        try {
          return await primary.doGenerate(options);
        } catch (error) {
          if (options.abortSignal?.aborted) throw error;
          fail(error);
        }
      }
      return fallback.doGenerate(options);
    },
    doStream: async (options) => {
      if (!failed) {
        // Gemini must start answering within the timeout; once it streams, it may take its time.
        const slow = new AbortController();
        const timer = setTimeout(() => slow.abort(new Error(`Gemini did not answer within ${GEMINI_TIMEOUT_MS / 1000} s`)), GEMINI_TIMEOUT_MS);
        try {
          const result = await primary.doStream({ ...options, abortSignal: anySignal(options.abortSignal, slow.signal) });
          // A stream that fails (or stalls past the timeout) before its first content is a failure too.
          const started = await untilContent(result);
          if ("error" in started) throw started.error;
          return started;
        } catch (error) {
          // The listener pressed Stop: not Gemini's failure, and nothing to answer.
          if (options.abortSignal?.aborted) throw error;
          fail(error);
        } finally {
          clearTimeout(timer);
        }
      }
      return fallback.doStream(options);
    },
  };
}

const PREAMBLE = new Set(["stream-start", "response-metadata", "raw"]);

/**
 * Reads a model stream up to its first content: an error before then is returned (the caller falls
 * back); otherwise the same stream, the parts read so far first.
 */
async function untilContent(result: LanguageModelV4StreamResult): Promise<LanguageModelV4StreamResult | { error: unknown }> {
  const reader = result.stream.getReader();
  const buffered: LanguageModelV4StreamPart[] = [];
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (value.type === "error") {
        void reader.cancel().catch(() => {});
        return { error: value.error };
      }
      buffered.push(value);
      if (!PREAMBLE.has(value.type)) break;
    }
  } catch (error) {
    return { error };
  }
  const stream = new ReadableStream<LanguageModelV4StreamPart>({
    start(controller) {
      for (const part of buffered) controller.enqueue(part);
    },
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
  return { ...result, stream };
}

/** How long Gemini may take to start answering (its first content) before the offline model takes the step. */
const GEMINI_TIMEOUT_MS = 20_000;
const anySignal = (...signals: Array<AbortSignal | undefined>) => AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined));

function instructions(listener: ListenerProfile): string {
  const today = new Date(listenerNow(listener)).toISOString().slice(0, 10);
  return [
    "You are EchoTune's music assistant. You answer from the listener's real listening history and act on it with tools.",
    `Today is ${today}; the listener's time zone is ${listener.settings.timeZone}. Seasons are northern-hemisphere (winter is December to February).`,
    "Use listeningStats for any question about what they played (a range of 4w, 6m, 1y, all, or custom dates), searchHistory for one artist or song, recommend for suggestions, explainTaste for their taste.",
    "Never name a song as a recommendation unless a tool returned it. Songs you think of yourself must go through searchCatalog (or buildPlaylist's tracks) first; drop any that are not found.",
    "For a playlist: call buildPlaylist, then call savePlaylist with exactly the draft's track keys; the listener approves saving in the app.",
    "For playback use the playback tool and pass on its answer plainly (no active device, Premium required).",
    "Keep answers short and concrete, with numbers from the tools.",
  ].join("\n");
}

function textOf(message: ChatMessage): string {
  return message.parts.map((part) => (part.type === "text" ? part.text : "")).join(" ").trim();
}

/** Replays a cached assistant message as a UI message stream (text and finished tool parts). */
function replay(message: ChatMessage, metadata: ChatMetadata): ReadableStream<UIMessageChunk<ChatMetadata>> {
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

/**
 * One chat turn: the listener's new message (or an approval, or a regenerate) against the stored
 * history, answered by Gemini or the offline model through the same tools, streamed as UI
 * message chunks and stored when it ends.
 */
export async function chatTurn(listener: ListenerProfile, input: ChatTurnInput, signal?: AbortSignal): Promise<Response> {
  const started = performance.now();
  await limitTurns(listener.id);
  const store = await getStore();
  const chats = chatsRepository(store);
  const existing = await chats.find(listener.id, input.id);
  if (!existing) {
    if (input.message.role !== "user") throw new AppError("not_found", { detail: "This chat does not exist. Start a new chat." });
    const opened = await chats.open(listener.id, input.id, titleFrom(textOf(input.message)));
    if (!opened) throw new AppError("not_found", { detail: "This chat does not exist. Start a new chat." });
  }
  const stored = existing ? (await chats.messages(listener.id, input.id)).map((document) => document.message as unknown as ChatMessage) : [];
  const at = stored.findIndex((message) => message.id === input.message.id);
  const from = at === -1 ? stored.length : at;
  // The browser writes only its own words: an assistant message it sends back (an approval) must be
  // one we stored, and only its answers to our approval requests are taken from it.
  const incoming = input.message.role === "assistant" ? withApprovals(at === -1 ? undefined : stored[at], input.message) : input.message;
  const history = [...stored.slice(0, from), incoming];

  const client = spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo });
  const tools = assistantTools({ listener, client });
  const messages = await validateUIMessages<ChatMessage>({ messages: history, tools }).catch((error: unknown) => {
    throw new AppError("validation_failed", { detail: `The message could not be read: ${(error as Error).message}`.slice(0, 300) });
  });

  // Which model: Gemini when configured and within budget, else the offline model, saying why.
  let offlineReason: OfflineReason | null = null;
  const offline = offlineModelFor(listener);
  let model: LanguageModelV4 = offline;
  if (!env.GOOGLE_GENERATIVE_AI_API_KEY) offlineReason = "not-configured";
  else if (await budgetExceeded(listener.id)) offlineReason = "over-budget";
  else {
    const google = createGoogleGenerativeAI({ apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY, ...(env.GEMINI_BASE_URL ? { baseURL: env.GEMINI_BASE_URL } : {}) });
    model = withFallback(google(env.GEMINI_MODEL) as LanguageModelV4, offline, (error) => {
      offlineReason = "model-error";
      logger.warn({ err: error, userId: listener.id }, "assistant: Gemini failed, the offline model answers this step");
    });
  }

  // The same question within a few minutes, on the same plays, is answered from the cache.
  // Only a chat's first question: later answers depend on the conversation before them.
  const question = input.trigger === "submit-message" && input.message.role === "user" && from === 0 ? textOf(input.message).toLowerCase().replace(/\s+/g, " ") : null;
  const reasonAtStart = offlineReason;
  const revision = question ? (await listenerIndex(listener)).revision : 0;
  const answerKey = question ? `assistant:answer:${listener.id}:${createHash("sha256").update(`${revision}|${offlineReason ?? env.GEMINI_MODEL}|${question}`).digest("base64url").slice(0, 24)}` : null;
  if (answerKey) {
    const cached = await getCache().get<ChatMessage>(answerKey);
    if (cached) {
      const metadata: ChatMetadata = { ...cached.metadata, cached: true, createdAt: Date.now() };
      const answer: ChatMessage = { ...cached, id: newMessageId(), metadata };
      await chats.saveTail(listener.id, input.id, from, [input.message, answer].map((message) => ({ id: message.id, role: message.role, message: message as unknown as Record<string, unknown> })));
      observeDuration("assistant.turn_cached", performance.now() - started);
      return createUIMessageStreamResponse({ stream: replay(answer, metadata) });
    }
  }

  const result = streamText({
    model,
    instructions: instructions(listener),
    messages: await convertToModelMessages(messages.slice(-ASSISTANT_LIMITS.historyMessages), { tools }),
    tools,
    toolApproval: { savePlaylist: "user-approval" },
    stopWhen: isStepCount(ASSISTANT_LIMITS.maxSteps),
    maxRetries: 0,
    ...(signal ? { abortSignal: signal } : {}),
    providerOptions: { google: { thinkingConfig: { thinkingBudget: 0 } } },
    onStepEnd: async (step) => {
      await recordUsage(listener.id, step.response.modelId, step.usage.inputTokens ?? 0, step.usage.outputTokens ?? 0);
    },
    onError: ({ error }) => {
      logger.error({ err: error, userId: listener.id }, "assistant: turn failed");
    },
  });

  let answeredBy: string = model.modelId;
  return createUIMessageStreamResponse({
    stream: toUIMessageStream<typeof tools, ChatMessage>({
      stream: result.stream,
      originalMessages: messages,
      generateMessageId: newMessageId,
      messageMetadata: ({ part }): ChatMetadata | undefined => {
        if (part.type === "start") return input.message.role === "assistant" ? undefined : { createdAt: Date.now() };
        if (part.type === "finish-step") {
          answeredBy = part.response.modelId;
          const isOffline = answeredBy === OFFLINE_MODEL_ID;
          return { model: answeredBy, offline: isOffline, ...(isOffline && offlineReason ? { offlineReason } : {}) };
        }
        if (part.type === "finish") return { totalTokens: part.totalUsage.totalTokens ?? 0 };
        return undefined;
      },
      onError: (error) => {
        logger.error({ err: error, userId: listener.id }, "assistant: stream error");
        return "The assistant could not finish this answer. Retry, or ask again in a moment.";
      },
      onEnd: async ({ messages: all, responseMessage, outcome }) => {
        try {
          const tail = all.slice(from).map((message) => (outcome.status === "completed" ? message : settleToolCalls(message)));
          await chats.saveTail(listener.id, input.id, from, tail.map((message) => ({ id: message.id, role: message.role, message: message as unknown as Record<string, unknown> })));
          if (answerKey && outcome.status === "completed" && offlineReason === reasonAtStart && cacheable(responseMessage)) {
            await getCache().set(answerKey, responseMessage, { ttlSeconds: ASSISTANT_LIMITS.answerCacheSeconds });
          }
        } catch (error) {
          logger.error({ err: error, userId: listener.id, chatId: input.id }, "assistant: chat not saved");
        }
        observeDuration("assistant.turn", performance.now() - started);
      },
    }),
  });
}
