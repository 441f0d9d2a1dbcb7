/**
 * The offline assistant: a language model (AI SDK specification v4) that needs no network. It reads
 * the listener's last message deterministically (intents.ts), calls the same tools Gemini would,
 * and answers from what the tools return, streaming its words. After a playlist draft it asks to
 * save it, which the listener approves or not in the chat.
 */
import type {
  LanguageModelV4,
  LanguageModelV4CallOptions,
  LanguageModelV4Content,
  LanguageModelV4GenerateResult,
  LanguageModelV4StreamPart,
  LanguageModelV4StreamResult,
  LanguageModelV4Usage,
} from "@ai-sdk/provider";
import { HELP_TEXT, understand } from "./intents";
import { OFFLINE_MODEL_ID } from "./types";

type Plan = { kind: "text"; text: string } | { kind: "tool"; toolName: string; input: unknown };

const tokens = (text: string) => Math.ceil(text.length / 4);
const usage = (input: number, output: number): LanguageModelV4Usage => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

function summaryOf(value: unknown): string | null {
  return value && typeof value === "object" && "summary" in value && typeof value.summary === "string" ? value.summary : null;
}

export interface OfflineModelOptions {
  /** The listener's "now" (epoch ms) and time zone, for dates in questions. */
  now: () => number;
  timeZone: string;
  /** Milliseconds between streamed words (0 in tests and benchmarks). */
  wordDelayMs?: number;
}

export class OfflineLanguageModel implements LanguageModelV4 {
  readonly specificationVersion = "v4" as const;
  readonly provider = "echotune";
  readonly modelId = OFFLINE_MODEL_ID;
  readonly supportedUrls: Record<string, RegExp[]> = {};
  readonly #options: OfflineModelOptions;
  #calls = 0;

  constructor(options: OfflineModelOptions) {
    this.#options = options;
  }

  plan(options: LanguageModelV4CallOptions): Plan {
    const prompt = options.prompt;
    const last = prompt.at(-1);
    const hasTool = (name: string) => options.tools?.some((tool) => tool.type === "function" && tool.name === name) ?? false;
    if (last?.role === "tool") {
      const results = last.content.filter((part) => part.type === "tool-result");
      const lines: string[] = [];
      for (const result of results) {
        const output = result.output;
        if (output.type === "json") {
          const value = output.value as Record<string, unknown>;
          // A fresh draft: ask to save it (the listener approves or declines in the chat).
          if (
            (result.toolName === "buildPlaylist" || result.toolName === "discoverDraft") &&
            hasTool("savePlaylist") &&
            Array.isArray(value.tracks) &&
            value.tracks.length > 0
          ) {
            const keys = (value.tracks as Array<{ key: string }>)
              .map((track) => track.key)
              .filter((key) => key.startsWith("spotify:track:"));
            if (keys.length > 0)
              return {
                kind: "tool",
                toolName: "savePlaylist",
                input: { name: value.name, description: value.description, trackKeys: keys },
              };
          }
          lines.push(summaryOf(value) ?? "Done.");
        } else if (output.type === "text") lines.push(output.value);
        else if (output.type === "execution-denied")
          lines.push(
            result.toolName === "savePlaylist"
              ? "All right, I did not save the playlist. The draft stays here if you change your mind."
              : "All right, I left it.",
          );
        else if (output.type === "error-text" || output.type === "error-json")
          lines.push("That did not work this time; please try again in a moment.");
      }
      return { kind: "text", text: lines.join("\n\n") || "Done." };
    }
    const said = prompt
      .filter((message) => message.role === "user")
      .map((message) => message.content.map((part) => (part.type === "text" ? part.text : "")).join(" "));
    const text = said.at(-1) ?? "";
    const understood = understand(text, { now: this.#options.now(), timeZone: this.#options.timeZone, previous: said.slice(0, -1) });
    const call = understood.call;
    if (call === null) return { kind: "text", text: understood.reply ?? HELP_TEXT };
    if (!hasTool(call.tool)) return { kind: "text", text: "I can't do that here." };
    return { kind: "tool", toolName: call.tool, input: call.input };
  }

  #promptTokens(options: LanguageModelV4CallOptions): number {
    return tokens(JSON.stringify(options.prompt));
  }

  async doGenerate(options: LanguageModelV4CallOptions): Promise<LanguageModelV4GenerateResult> {
    const plan = this.plan(options);
    const call = ++this.#calls;
    const content: LanguageModelV4Content[] =
      plan.kind === "text"
        ? [{ type: "text", text: plan.text }]
        : [{ type: "tool-call", toolCallId: `offline_${call}`, toolName: plan.toolName, input: JSON.stringify(plan.input) }];
    const output = plan.kind === "text" ? tokens(plan.text) : tokens(JSON.stringify(plan.input));
    return {
      content,
      finishReason: { unified: plan.kind === "tool" ? "tool-calls" : "stop", raw: undefined },
      usage: usage(this.#promptTokens(options), output),
      warnings: [],
    };
  }

  async doStream(options: LanguageModelV4CallOptions): Promise<LanguageModelV4StreamResult> {
    const plan = this.plan(options);
    const call = ++this.#calls;
    const parts: LanguageModelV4StreamPart[] = [
      { type: "stream-start", warnings: [] },
      { type: "response-metadata", id: `offline-${call}`, modelId: this.modelId, timestamp: new Date() },
    ];
    let output: number;
    if (plan.kind === "text") {
      const id = `text_${call}`;
      parts.push({ type: "text-start", id });
      for (const word of plan.text.split(/(?<=\s)/)) parts.push({ type: "text-delta", id, delta: word });
      parts.push({ type: "text-end", id });
      output = tokens(plan.text);
    } else {
      const toolCallId = `offline_${call}`;
      const input = JSON.stringify(plan.input);
      parts.push({ type: "tool-call", toolCallId, toolName: plan.toolName, input });
      output = tokens(input);
    }
    parts.push({
      type: "finish",
      finishReason: { unified: plan.kind === "tool" ? "tool-calls" : "stop", raw: undefined },
      usage: usage(this.#promptTokens(options), output),
    });
    const delay = this.#options.wordDelayMs ?? 0;
    const signal = options.abortSignal;
    const stream = new ReadableStream<LanguageModelV4StreamPart>({
      async pull(controller) {
        const part = parts.shift();
        if (!part || signal?.aborted) {
          controller.close();
          return;
        }
        if (delay > 0 && part.type === "text-delta") await new Promise((resolve) => setTimeout(resolve, delay));
        controller.enqueue(part);
      },
    });
    return { stream };
  }
}
