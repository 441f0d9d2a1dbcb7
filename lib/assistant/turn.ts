/**
 * One chat turn: the listener's new message (or an approval, or a regenerate) against the stored
 * history, answered by Gemini or the offline model through the same tools, streamed as UI
 * message chunks and stored when it ends.
 */
import "server-only";
import {
  convertToModelMessages,
  createIdGenerator,
  createUIMessageStreamResponse,
  isStepCount,
  streamText,
  toUIMessageStream,
  validateUIMessages,
} from "ai";
import { chatsRepository, getStore } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { ListenerProfile } from "@/lib/listener";
import { spotifyClientFor } from "@/lib/spotify";
import { aiSpans, logger, observeDuration, tracingEnabled } from "@/lib/telemetry";
import { limitTurns, recordUsage } from "./budget";
import { titleFrom } from "./chats";
import { ASSISTANT_LIMITS } from "./config";
import { answeredApprovalIds, cacheable, settleToolCalls, withApprovals } from "./messages";
import { chatModelFor } from "./models";
import { instructions } from "./prompt";
import { answerKeyFor, cachedAnswer, rememberAnswer, replay } from "./replay";
import { assistantTools } from "./tools";
import { OFFLINE_MODEL_ID, type ChatMessage, type ChatMetadata, type DiscoverDraftTrack } from "./types";

export interface ChatTurnInput {
  id: string;
  message: ChatMessage;
  trigger: "submit-message" | "regenerate-message";
  messageId?: string | undefined;
  /** The listener's playlist draft from Discover, sent by their browser with each turn (the discoverDraft tool reads it). */
  draft?: readonly DiscoverDraftTrack[] | undefined;
}

const newMessageId = createIdGenerator({ prefix: "msg", size: 16 });

function textOf(message: ChatMessage): string {
  return message.parts
    .map((part) => (part.type === "text" ? part.text : ""))
    .join(" ")
    .trim();
}

const stored = (message: ChatMessage) => ({ id: message.id, role: message.role, message: message as unknown as Record<string, unknown> });

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
  const history = existing
    ? (await chats.messages(listener.id, input.id)).map((document) => document.message as unknown as ChatMessage)
    : [];
  const at = history.findIndex((message) => message.id === input.message.id);
  const from = at === -1 ? history.length : at;
  // The browser writes only its own words: an assistant message it sends back (an approval) must be
  // one we stored, and only its answers to our approval requests are taken from it.
  const incoming = input.message.role === "assistant" ? withApprovals(at === -1 ? undefined : history[at], input.message) : input.message;
  // Each approval is answered once, whoever asks at the same moment (two tabs, a double click).
  const claimed: string[] = [];
  if (input.message.role === "assistant") {
    for (const approvalId of answeredApprovalIds(history[at] as ChatMessage, incoming)) {
      if (!(await chats.claimApproval(listener.id, input.id, incoming.id, approvalId))) {
        for (const id of claimed) await chats.releaseApproval(listener.id, input.id, incoming.id, id);
        throw new AppError("conflict", {
          detail: "This approval was already answered, perhaps in another tab. Reload the chat to see what happened.",
        });
      }
      claimed.push(approvalId);
    }
  }
  try {
    return await answer();
  } catch (error) {
    // The turn never started: the approvals it claimed can be answered again (Retry).
    for (const id of claimed) await chats.releaseApproval(listener.id, input.id, incoming.id, id).catch(() => undefined);
    throw error;
  }

  async function answer(): Promise<Response> {
    const client = spotifyClientFor({ userId: listener.id, isDemo: listener.isDemo });
    const tools = assistantTools({ listener, client, draft: input.draft ?? [] });
    const messages = await validateUIMessages<ChatMessage>({ messages: [...history.slice(0, from), incoming], tools }).catch(
      (error: unknown) => {
        throw new AppError("validation_failed", { detail: `The message could not be read: ${(error as Error).message}`.slice(0, 300) });
      },
    );

    const chatModel = await chatModelFor(listener);
    const { model } = chatModel;

    // The same question within a few minutes, on the same plays, is answered from the cache.
    // Only a chat's first question: later answers depend on the conversation before them.
    const question = input.trigger === "submit-message" && input.message.role === "user" && from === 0 ? textOf(input.message) : null;
    const reasonAtStart = chatModel.offlineReason;
    const answerKey = question ? await answerKeyFor(listener, question, reasonAtStart) : null;
    if (answerKey) {
      const cached = await cachedAnswer(answerKey);
      if (cached) {
        const metadata: ChatMetadata = { ...cached.metadata, cached: true, createdAt: Date.now() };
        const answer: ChatMessage = { ...cached, id: newMessageId(), metadata };
        await chats.saveTail(listener.id, input.id, from, [input.message, answer].map(stored));
        observeDuration("assistant.turn_cached", performance.now() - started);
        return createUIMessageStreamResponse({ stream: replay(answer, metadata) });
      }
    }

    const result = streamText({
      model,
      instructions: instructions(listener),
      messages: await convertToModelMessages(messages.slice(-ASSISTANT_LIMITS.historyMessages), { tools }),
      tools,
      toolApproval: { savePlaylist: "user-approval", playback: "user-approval" },
      stopWhen: isStepCount(ASSISTANT_LIMITS.maxSteps),
      maxRetries: 0,
      ...(signal ? { abortSignal: signal } : {}),
      providerOptions: { google: { thinkingConfig: { thinkingBudget: 0 } } },
      // Spans for the turn, each model call and each tool (nesting their store, cache and Spotify
      // spans); no prompts or answers in them, which are the listener's words and plays.
      ...(tracingEnabled()
        ? {
            telemetry: {
              isEnabled: true,
              functionId: "chat-turn",
              recordInputs: false,
              recordOutputs: false,
              integrations: [aiSpans("chat-turn")],
            },
          }
        : {}),
      onStepEnd: async (step) => {
        await recordUsage(listener.id, step.response.modelId, step.usage.inputTokens ?? 0, step.usage.outputTokens ?? 0);
      },
      onError: ({ error }) => {
        logger.error({ err: error, userId: listener.id }, "assistant: turn failed");
      },
    });

    return createUIMessageStreamResponse({
      stream: toUIMessageStream<typeof tools, ChatMessage>({
        stream: result.stream,
        originalMessages: messages,
        generateMessageId: newMessageId,
        messageMetadata: ({ part }): ChatMetadata | undefined => {
          if (part.type === "start") return input.message.role === "assistant" ? undefined : { createdAt: Date.now() };
          if (part.type === "finish-step") {
            const answeredBy = part.response.modelId;
            const isOffline = answeredBy === OFFLINE_MODEL_ID;
            const offlineReason = chatModel.offlineReason;
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
            await chats.saveTail(listener.id, input.id, from, tail.map(stored));
            if (answerKey && outcome.status === "completed" && chatModel.offlineReason === reasonAtStart && cacheable(responseMessage)) {
              await rememberAnswer(answerKey, responseMessage);
            }
          } catch (error) {
            logger.error({ err: error, userId: listener.id, chatId: input.id }, "assistant: chat not saved");
          }
          observeDuration("assistant.turn", performance.now() - started);
        },
      }),
    });
  }
}
