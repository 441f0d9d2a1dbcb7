/**
 * A fake Gemini API for tests and local development, on 127.0.0.1, speaking the wire format the real
 * `@ai-sdk/google` provider expects: `generateContent` JSON,
 * `streamGenerateContent?alt=sse` chunks, cumulative usage, and Google's error bodies. Replies are
 * scripted through an admin API; with nothing scripted it answers a tool result with its summary
 * and anything else with a fixed line, so an e2e test need script only the first step.
 *
 *   node --import ./scripts/register.ts e2e/fakes/gemini/server.ts --port 4011
 *   GEMINI_BASE_URL=http://127.0.0.1:4011/v1beta GOOGLE_GENERATIVE_AI_API_KEY=anything
 *
 * Admin (JSON): POST /__admin/script {replies: Reply[]} (appends to a FIFO, one reply per model call;
 *   a reply with `match` waits for a request whose body contains that text)
 *   | /__admin/reset | /__admin/config {firstChunkDelayMs, chunkDelayMs}
 *   GET /__admin/log (every generate request: model, stream, body, headers)
 *
 * One file: the fake is one server whose wire format (JSON, SSE, errors) and script queue
 * share state; it runs standalone from the command line too.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/**
 * One scripted model reply. `match` (optional) keeps it for a request whose body contains that text
 * (the question of one test), so tests running side by side never take each other's replies.
 */
export type Reply = (
  | { type: "text"; text: string; delayMs?: number }
  | { type: "functionCall"; name: string; args: Record<string, unknown>; delayMs?: number }
  | { type: "functionCalls"; calls: { name: string; args: Record<string, unknown> }[]; delayMs?: number }
  | { type: "error"; status: 400 | 429 | 500 | 503; message?: string; delayMs?: number }
  /** A 200 whose stream breaks off before any content: the connection is cut after the headers. */
  | { type: "drop"; delayMs?: number }
) & { match?: string };

export interface LoggedGenerateRequest {
  at: number;
  model: string;
  stream: boolean;
  body: unknown;
  headers: { "x-goog-api-key"?: string; "content-type"?: string; "user-agent"?: string };
}

export interface FakeGeminiConfig {
  /** Wait before the first SSE frame of every streamed reply (headers go out at once): time to first token. */
  firstChunkDelayMs: number;
  /** Wait between SSE frames of every streamed reply. */
  chunkDelayMs: number;
}

export interface FakeGemini {
  /** The provider's `baseURL`: `http://127.0.0.1:PORT/v1beta`. */
  url: string;
  origin: string;
  close(): Promise<void>;
}

export interface FakeGeminiOptions {
  port?: number;
  host?: string;
}

class FakeGeminiState {
  replies: Reply[] = [];
  config: FakeGeminiConfig = { firstChunkDelayMs: 0, chunkDelayMs: 0 };
  log: LoggedGenerateRequest[] = [];

  reset(): void {
    this.replies = [];
    this.config = { firstChunkDelayMs: 0, chunkDelayMs: 0 };
    this.log = [];
  }
}

const DEFAULT_TEXT = "I'm the EchoTune test model.";
const TOOL_SUMMARY_PREFIX = "Here is what I found. ";
// Any string will do: the SDK replays it and the fake accepts whatever comes back (reference 6.2).
const THOUGHT_SIGNATURE = Buffer.from("echotune-fake-thought-signature").toString("base64");

/** Google's error envelope (reference 6.6); the SDK surfaces `error.message`. */
function googleError(status: number, message?: string): { error: Record<string, unknown> } {
  switch (status) {
    case 429:
      return {
        error: {
          code: 429,
          message: message ?? "You exceeded your current quota, please check your plan.",
          status: "RESOURCE_EXHAUSTED",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.QuotaFailure",
              violations: [{ quotaId: "GenerateRequestsPerMinutePerProjectPerModel-FreeTier" }],
            },
            { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "34.4s" },
          ],
        },
      };
    case 500:
      return {
        error: {
          code: 500,
          message:
            message ??
            "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting",
          status: "INTERNAL",
        },
      };
    case 503:
      return { error: { code: 503, message: message ?? "The model is overloaded. Please try again later.", status: "UNAVAILABLE" } };
    case 404:
      return { error: { code: 404, message: message ?? "Not found", status: "NOT_FOUND" } };
    default:
      return { error: { code: 400, message: message ?? "Request contains an invalid argument.", status: "INVALID_ARGUMENT" } };
  }
}

const API_KEY_INVALID = {
  error: {
    code: 400,
    message: "API key not valid. Please pass a valid API key.",
    status: "INVALID_ARGUMENT",
    details: [
      {
        "@type": "type.googleapis.com/google.rpc.ErrorInfo",
        reason: "API_KEY_INVALID",
        domain: "googleapis.com",
        metadata: { service: "generativelanguage.googleapis.com" },
      },
    ],
  },
};

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  // 429 and 5xx: the SDK honours retry-after-ms, so its retries don't wait 2 s and 4 s (reference 6.7).
  const retry: Record<string, string> = status === 429 || status >= 500 ? { "retry-after-ms": "0" } : {};
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...retry, ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const estimateTokens = (chars: number) => Math.ceil(chars / 4);

/** Characters the request sends the model: system text, prompt text, replayed calls and tool results. */
function promptChars(body: Record<string, unknown>): number {
  let chars = 0;
  const turns = [body.systemInstruction, ...(Array.isArray(body.contents) ? body.contents : [])];
  for (const turn of turns) {
    if (!isRecord(turn) || !Array.isArray(turn.parts)) continue;
    for (const part of turn.parts) {
      if (!isRecord(part)) continue;
      if (typeof part.text === "string") chars += part.text.length;
      if (part.functionCall !== undefined) chars += JSON.stringify(part.functionCall).length;
      if (part.functionResponse !== undefined) chars += JSON.stringify(part.functionResponse).length;
    }
  }
  return chars;
}

/** What the app's tool put in front of the listener: its `summary`, else a short rendering of the output. */
function describeToolResult(functionResponse: Record<string, unknown>): string {
  const response = isRecord(functionResponse.response) ? functionResponse.response : {};
  if (response.error !== undefined)
    return `The ${String(functionResponse.name)} tool failed: ${typeof response.error === "string" ? response.error : JSON.stringify(response.error)}`;
  let content = "content" in response ? response.content : response;
  if (typeof content === "string") {
    const text = content;
    try {
      content = JSON.parse(text) as unknown;
    } catch {
      return text.slice(0, 200);
    }
  }
  if (isRecord(content) && typeof content.summary === "string") return content.summary;
  const rendered = JSON.stringify(content) ?? "null";
  return rendered.length > 200 ? `${rendered.slice(0, 199)}…` : rendered;
}

/** The reply when nothing is scripted: summarise tool results, otherwise introduce itself. */
function defaultReply(body: Record<string, unknown>): Reply {
  const contents = Array.isArray(body.contents) ? body.contents : [];
  const last: unknown = contents.at(-1);
  const parts = isRecord(last) && Array.isArray(last.parts) ? last.parts : [];
  const results = parts.flatMap((part) => (isRecord(part) && isRecord(part.functionResponse) ? [part.functionResponse] : []));
  if (results.length === 0) return { type: "text", text: DEFAULT_TEXT };
  // A playlist draft (built, or the listener's own from Discover) comes back: ask to save exactly
  // its tracks, as the app's instructions say.
  for (const result of results) {
    const content = isRecord(result.response) ? result.response.content : undefined;
    if (
      (result.name === "buildPlaylist" || result.name === "discoverDraft") &&
      isRecord(content) &&
      Array.isArray(content.tracks) &&
      content.tracks.length > 0
    ) {
      const trackKeys = content.tracks.flatMap((track) => (isRecord(track) && typeof track.key === "string" ? [track.key] : []));
      return {
        type: "functionCall",
        name: "savePlaylist",
        args: { name: content.name, ...(typeof content.description === "string" ? { description: content.description } : {}), trackKeys },
      };
    }
  }
  return { type: "text", text: TOOL_SUMMARY_PREFIX + results.map(describeToolResult).join(" ") };
}

function replyProblem(reply: unknown): string | undefined {
  if (!isRecord(reply)) return "each reply must be an object";
  if (reply.delayMs !== undefined && (typeof reply.delayMs !== "number" || reply.delayMs < 0)) return "delayMs must be a number >= 0";
  if (reply.match !== undefined && (typeof reply.match !== "string" || reply.match === "")) return "match must be a non-empty string";
  switch (reply.type) {
    case "text":
      return typeof reply.text === "string" ? undefined : "a text reply needs text: string";
    case "functionCall":
      return typeof reply.name === "string" && isRecord(reply.args)
        ? undefined
        : "a functionCall reply needs name: string and args: object";
    case "functionCalls":
      return Array.isArray(reply.calls) &&
        reply.calls.length > 0 &&
        reply.calls.every((call) => isRecord(call) && typeof call.name === "string" && isRecord(call.args))
        ? undefined
        : "a functionCalls reply needs calls: [{name, args}, ...]";
    case "error":
      return [400, 429, 500, 503].includes(reply.status as number) ? undefined : "an error reply needs status 400, 429, 500 or 503";
    case "drop":
      return undefined;
    default:
      return `unknown reply type ${JSON.stringify(reply.type)} (text | functionCall | functionCalls | error | drop)`;
  }
}

/** Text in a few word-aligned pieces, as Gemini streams it; the pieces join back to the text. */
function splitText(text: string): string[] {
  const words = text.split(/(?<=\s)(?=\S)/);
  const pieces = Math.min(3, words.length);
  const size = Math.ceil(words.length / pieces);
  const chunks: string[] = [];
  for (let start = 0; start < words.length; start += size) chunks.push(words.slice(start, start + size).join(""));
  return chunks.length > 0 ? chunks : [""];
}

interface Candidate {
  parts: Record<string, unknown>[];
  finishReason?: "STOP";
}

/** The candidate chunks of one successful reply, each with the output characters produced so far. */
function candidateChunks(
  reply: Extract<Reply, { type: "text" | "functionCall" | "functionCalls" }>,
): { candidate: Candidate; outputChars: number }[] {
  if (reply.type === "text") {
    const pieces = splitText(reply.text);
    let outputChars = 0;
    return pieces.map((text, index) => {
      outputChars += text.length;
      return { candidate: { parts: [{ text }], ...(index === pieces.length - 1 ? { finishReason: "STOP" as const } : {}) }, outputChars };
    });
  }
  const calls = reply.type === "functionCall" ? [{ name: reply.name, args: reply.args }] : reply.calls;
  const outputChars = calls.reduce((sum, call) => sum + JSON.stringify(call).length, 0);
  // On the Gemini API a call arrives whole in one chunk; the finish reason follows on an empty text part (reference 6.4).
  return [
    {
      candidate: {
        parts: calls.map((call) => ({ functionCall: { name: call.name, args: call.args }, thoughtSignature: THOUGHT_SIGNATURE })),
      },
      outputChars,
    },
    { candidate: { parts: [{ text: "" }], finishReason: "STOP" }, outputChars },
  ];
}

function usageMetadata(promptTokenCount: number, outputChars: number) {
  const candidatesTokenCount = estimateTokens(outputChars);
  return {
    promptTokenCount,
    candidatesTokenCount,
    totalTokenCount: promptTokenCount + candidatesTokenCount,
    promptTokensDetails: [{ modality: "TEXT", tokenCount: promptTokenCount }],
  };
}

function responseBody(candidate: Candidate, usage: ReturnType<typeof usageMetadata>, model: string, responseId: string) {
  return {
    candidates: [
      {
        content: { parts: candidate.parts, role: "model" },
        ...(candidate.finishReason ? { finishReason: candidate.finishReason } : {}),
        index: 0,
      },
    ],
    usageMetadata: usage,
    modelVersion: model,
    responseId,
  };
}

/** Waits unless the client has gone away; false when it has. */
async function pause(ms: number, signal: AbortSignal): Promise<boolean> {
  if (ms <= 0) return !signal.aborted;
  try {
    await sleep(ms, undefined, { signal });
    return true;
  } catch {
    return false;
  }
}

const GENERATE_PATH = /^\/v1beta\/(.+):(generateContent|streamGenerateContent)$/;
const MODEL_PATH = /^\/v1beta\/models\/([^/:]+)$/;

async function generate(
  state: FakeGeminiState,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
  rawBody: string,
): Promise<void> {
  const [, modelPath = "", method] = GENERATE_PATH.exec(url.pathname) ?? [];
  const model = modelPath.replace(/^models\//, "");
  const stream = method === "streamGenerateContent";
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = rawBody;
  }
  const apiKey = request.headers["x-goog-api-key"];
  state.log.push({
    at: Date.now(),
    model,
    stream,
    body,
    headers: {
      "x-goog-api-key": typeof apiKey === "string" ? apiKey : undefined,
      "content-type": request.headers["content-type"],
      "user-agent": request.headers["user-agent"],
    },
  });
  if (typeof apiKey !== "string" || apiKey === "") return sendJson(response, 400, API_KEY_INVALID);
  if (!isRecord(body)) return sendJson(response, 400, googleError(400, "Invalid JSON payload received."));

  const text = JSON.stringify(body);
  const position = state.replies.findIndex((candidate) => candidate.match === undefined || text.includes(candidate.match));
  const reply = position >= 0 ? state.replies.splice(position, 1)[0]! : defaultReply(body);
  const gone = new AbortController();
  response.on("close", () => gone.abort());
  if (!(await pause(reply.delayMs ?? 0, gone.signal))) return;
  if (reply.type === "error") return sendJson(response, reply.status, googleError(reply.status, reply.message));
  if (reply.type === "drop") {
    response.writeHead(200, { "content-type": "text/event-stream" });
    response.flushHeaders();
    await pause(20, gone.signal);
    return void response.socket?.destroy();
  }

  const promptTokens = estimateTokens(promptChars(body));
  const responseId = randomBytes(15).toString("base64url");
  const chunks = candidateChunks(reply);

  if (!stream) {
    // One candidate holding the whole reply: the text in one part, or every call.
    const parts = reply.type === "text" ? [{ text: reply.text }] : (chunks[0]?.candidate.parts ?? []);
    const outputChars = chunks.at(-1)?.outputChars ?? 0;
    return sendJson(
      response,
      200,
      responseBody({ parts, finishReason: "STOP" }, usageMetadata(promptTokens, outputChars), model, responseId),
    );
  }

  response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "keep-alive" });
  response.flushHeaders();
  const { firstChunkDelayMs, chunkDelayMs } = state.config;
  for (const [index, { candidate, outputChars }] of chunks.entries()) {
    if (!(await pause(index === 0 ? firstChunkDelayMs : chunkDelayMs, gone.signal))) return;
    response.write(`data: ${JSON.stringify(responseBody(candidate, usageMetadata(promptTokens, outputChars), model, responseId))}\r\n\r\n`);
  }
  response.end();
}

function admin(state: FakeGeminiState, request: IncomingMessage, response: ServerResponse, url: URL, rawBody: string): void {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = rawBody ? JSON.parse(rawBody) : {};
    if (!isRecord(parsed)) return sendJson(response, 400, { error: "the body must be a JSON object" });
    body = parsed;
  } catch {
    return sendJson(response, 400, { error: "the body must be JSON" });
  }
  switch (`${request.method} ${url.pathname}`) {
    case "POST /__admin/script": {
      if (!Array.isArray(body.replies)) return sendJson(response, 400, { error: "expected {replies: Reply[]}" });
      for (const [index, reply] of body.replies.entries()) {
        const problem = replyProblem(reply);
        if (problem) return sendJson(response, 400, { error: `replies[${index}]: ${problem}` });
      }
      state.replies.push(...(body.replies as Reply[]));
      return sendJson(response, 200, { ok: true, queued: state.replies.length });
    }
    case "POST /__admin/reset":
      state.reset();
      return sendJson(response, 200, { ok: true });
    case "POST /__admin/config":
      for (const key of ["firstChunkDelayMs", "chunkDelayMs"] as const) {
        const value = body[key];
        if (value === undefined) continue;
        if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
          return sendJson(response, 400, { error: `${key} must be a number >= 0` });
        state.config[key] = value;
      }
      return sendJson(response, 200, { ok: true, config: state.config });
    case "GET /__admin/log":
      return sendJson(response, 200, state.log);
    default:
      return sendJson(response, 404, { error: "unknown admin endpoint" });
  }
}

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const state = new FakeGeminiState();
  const host = options.host ?? "127.0.0.1";
  let origin = "";
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", origin);
    try {
      const rawBody = await readBody(request);
      if (url.pathname.startsWith("/__admin")) return admin(state, request, response, url, rawBody);
      if (request.method === "POST" && GENERATE_PATH.test(url.pathname)) return await generate(state, request, response, url, rawBody);
      const model = MODEL_PATH.exec(url.pathname)?.[1];
      if (request.method === "GET" && model) {
        // The model's metadata (what readiness checks read): any gemini-* id exists here.
        if (!request.headers["x-goog-api-key"]) return sendJson(response, 400, API_KEY_INVALID);
        if (!model.startsWith("gemini-"))
          return sendJson(response, 404, googleError(404, `models/${model} is not found for API version v1beta.`));
        return sendJson(response, 200, {
          name: `models/${model}`,
          version: "001",
          displayName: model,
          inputTokenLimit: 1_048_576,
          outputTokenLimit: 65_536,
          supportedGenerationMethods: ["generateContent", "countTokens"],
        });
      }
      return sendJson(response, 404, googleError(404));
    } catch (error) {
      if (response.headersSent) return void response.destroy();
      return sendJson(response, 500, googleError(500, `Fake Gemini failed: ${(error as Error).message}`));
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: `${origin}/v1beta`,
    origin,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ options: { port: { type: "string", default: "4011" }, host: { type: "string" } } });
  const fake = await startFakeGemini({ port: Number(values.port), host: values.host });
  console.log(`Fake Gemini on ${fake.origin} (GEMINI_BASE_URL=${fake.url}, any GOOGLE_GENERATIVE_AI_API_KEY)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
