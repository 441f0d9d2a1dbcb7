/**
 * The one place the assistant's language models are built: Gemini (through `@ai-sdk/google`), the
 * offline model, and Gemini with the offline model behind it. Nothing else creates a model.
 */
import "server-only";
import type { LanguageModelV4, LanguageModelV4StreamPart, LanguageModelV4StreamResult } from "@ai-sdk/provider";
import { createGoogleGenerativeAI } from "@ai-sdk/google";
import { env } from "@/lib/env";
import { listenerNow } from "@/lib/insights";
import type { ListenerProfile } from "@/lib/listener";
import { logger } from "@/lib/telemetry";
import { budgetExceeded } from "./budget";
import { OfflineLanguageModel } from "./offline-model";
import type { OfflineReason } from "./types";

/** How long Gemini may take to start answering (its first content) before the offline model takes the step. */
const GEMINI_TIMEOUT_MS = 20_000;

/** The offline model for a listener: dates in questions are read in their zone, at their "now". */
export function offlineModelFor(listener: ListenerProfile, wordDelayMs = 12): OfflineLanguageModel {
  return new OfflineLanguageModel({ now: () => listenerNow(listener), timeZone: listener.settings.timeZone, wordDelayMs });
}

/** The model of one chat turn, and why the offline model answers when it does. */
export interface ChatModel {
  model: LanguageModelV4;
  /**
   * Null while Gemini answers; why the offline model answers otherwise. It can change during the
   * turn: a Gemini failure hands the rest of the turn to the offline model ("model-error").
   */
  readonly offlineReason: OfflineReason | null;
}

/** Gemini when configured and within budget (with the offline model behind it), else the offline model, saying why. */
export async function chatModelFor(listener: ListenerProfile): Promise<ChatModel> {
  const offline = offlineModelFor(listener);
  if (!env.GOOGLE_GENERATIVE_AI_API_KEY) return { model: offline, offlineReason: "not-configured" };
  const spent = await budgetExceeded(listener.id);
  if (spent === "unknown") return { model: offline, offlineReason: "budget-unavailable" };
  if (spent) return { model: offline, offlineReason: "over-budget" };
  let offlineReason: OfflineReason | null = null;
  const google = createGoogleGenerativeAI({
    apiKey: env.GOOGLE_GENERATIVE_AI_API_KEY,
    ...(env.GEMINI_BASE_URL ? { baseURL: env.GEMINI_BASE_URL } : {}),
  });
  const model = withFallback(google(env.GEMINI_MODEL) as LanguageModelV4, offline, (error) => {
    offlineReason = "model-error";
    logger.warn({ err: error, userId: listener.id }, "assistant: Gemini failed, the offline model answers this step");
  });
  return {
    model,
    get offlineReason() {
      return offlineReason;
    },
  };
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
        const timer = setTimeout(
          () => slow.abort(new Error(`Gemini did not answer within ${GEMINI_TIMEOUT_MS / 1000} s`)),
          GEMINI_TIMEOUT_MS,
        );
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

const anySignal = (...signals: Array<AbortSignal | undefined>) =>
  AbortSignal.any(signals.filter((signal): signal is AbortSignal => signal !== undefined));
