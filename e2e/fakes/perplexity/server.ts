/**
 * A fake Perplexity API for tests and local development, on 127.0.0.1, speaking what the official
 * client `@perplexity-ai/perplexity_ai` 0.38.5 sends and expects for `client.responses.create` (the
 * Agent API, `POST /v1/responses`, non-streaming): `Authorization: Bearer <key>`, a JSON body with
 * `input` and a `preset`, `model` or `models`; a `response` object whose `output` holds
 * `search_results` and a `message` with `output_text` parts and their citation annotations, and
 * `usage` with tokens and the `cost` block. Errors as the real service sends them: an HTML 401 from
 * the proxy, JSON `{error: {message, type, code}}` for 400, 429 (with `retry-after`) and 5xx.
 *
 *   node --import ./scripts/register.ts e2e/fakes/perplexity/server.ts --port 3904
 *   PERPLEXITY_BASE_URL=http://127.0.0.1:3904 PERPLEXITY_API_KEY=anything
 *
 * Admin (JSON): POST /__admin/script {replies: Reply[]} (one reply per request, FIFO; a reply with
 *   `match` waits for a request whose input contains that text)
 *   | POST /__admin/fault {status: 401|429|500|503, retryAfterSeconds?, times?, match?, delayMs?}
 *   | POST /__admin/reset | GET /__admin/log (every request: path, headers, body)
 * With nothing scripted it answers any question with a fixed paragraph and two citations.
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

export interface ScriptedCitation {
  url: string;
  title: string;
}

/** One scripted answer. `cost: null` leaves the cost block out (the app then prices by its table). */
export interface Reply {
  match?: string;
  answer: string;
  citations?: ScriptedCitation[];
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  cost?: number | null;
  delayMs?: number;
}

/** A scripted failure: the next `times` requests (matching `match`, when given) get this status. */
export interface Fault {
  status: 401 | 429 | 500 | 503;
  retryAfterSeconds?: number;
  times?: number;
  match?: string;
  delayMs?: number;
}

export interface LoggedRequest {
  at: number;
  method: string;
  path: string;
  headers: { authorization?: string; "content-type"?: string; "user-agent"?: string; "x-pplx-integration"?: string };
  body: unknown;
}

export interface FakePerplexity {
  /** The client's `baseURL`: `http://127.0.0.1:PORT` (the client adds `/v1/responses`). */
  url: string;
  origin: string;
  close(): Promise<void>;
}

/** What the Agent API reports as the model of a preset's answer, unless scripted otherwise. */
export const FAKE_MODEL = "perplexity/sonar";

class FakePerplexityState {
  replies: Reply[] = [];
  faults: Fault[] = [];
  log: LoggedRequest[] = [];

  reset(): void {
    this.replies = [];
    this.faults = [];
    this.log = [];
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);
const estimateTokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));
/** List prices the fake bills at (USD): $1 per million tokens each way and $0.005 a web search. */
const PRICE_PER_TOKEN = 1 / 1_000_000;
const PRICE_PER_SEARCH = 0.005;
const round = (value: number) => Math.round(value * 1e9) / 1e9;

function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  response.end(JSON.stringify(body));
}

/** The error envelope of the Agent API (`ErrorInfo`: message, type, code). */
function apiError(status: number, retryAfterSeconds?: number): { body: unknown; headers: Record<string, string> } {
  switch (status) {
    case 429:
      return {
        body: {
          error: {
            message: "You have exceeded the rate limit for this API key. Please slow down.",
            type: "request_rate_limit_exceeded",
            code: "rate_limit_exceeded",
          },
        },
        headers: { "retry-after": String(retryAfterSeconds ?? 30) },
      };
    case 503:
      return { body: { error: { message: "The service is temporarily overloaded.", type: "service_unavailable" } }, headers: {} };
    case 500:
      return { body: { error: { message: "An internal error occurred.", type: "internal_server_error" } }, headers: {} };
    default:
      return { body: { error: { message: "Invalid request.", type: "invalid_request_error", code: "invalid_request" } }, headers: {} };
  }
}

/** A bad key is refused by the proxy in front of the API, with an HTML page (not JSON). */
function sendUnauthorized(response: ServerResponse): void {
  response.writeHead(401, { "content-type": "text/html" });
  response.end(
    "<html>\r\n<head><title>401 Authorization Required</title></head>\r\n<body>\r\n<center><h1>401 Authorization Required</h1></center>\r\n<hr><center>openresty/1.27.1.2</center>\r\n</body>\r\n</html>\r\n",
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** The question's words, from a string input or the text of its message items. */
function inputText(input: unknown): string {
  if (typeof input === "string") return input;
  if (!Array.isArray(input)) return "";
  return input
    .flatMap((item) => {
      if (!isRecord(item)) return [];
      if (typeof item.content === "string") return [item.content];
      if (Array.isArray(item.content))
        return item.content.flatMap((part) => (isRecord(part) && typeof part.text === "string" ? [part.text] : []));
      return [];
    })
    .join("\n");
}

function defaultReply(question: string): Reply {
  const slug =
    question
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 60) || "question";
  return {
    answer: `Here is what published sources say about “${question.slice(0, 120)}”: the answer draws on two articles [1][2].`,
    citations: [
      { url: `https://music.example.org/articles/${slug}`, title: "Music archive: the full story" },
      { url: `https://news.example.com/${slug}`, title: "Music news: recent coverage" },
    ],
  };
}

/** The Agent API's `response` object for one answer (reference: `ResponsesResponseOutput`). */
function responseBody(reply: Reply, question: string, instructions: string) {
  const citations = reply.citations ?? [];
  const searches = citations.length > 0 ? 1 : 0;
  const inputTokens = reply.inputTokens ?? estimateTokens(question.length + instructions.length) + 300 * citations.length;
  const outputTokens = reply.outputTokens ?? estimateTokens(reply.answer.length);
  const inputCost = round(inputTokens * PRICE_PER_TOKEN);
  const outputCost = round(outputTokens * PRICE_PER_TOKEN);
  const toolCost = round(searches * PRICE_PER_SEARCH);
  const cost =
    reply.cost === null
      ? undefined
      : {
          currency: "USD",
          input_cost: inputCost,
          output_cost: outputCost,
          tool_calls_cost: toolCost,
          total_cost: reply.cost ?? round(inputCost + outputCost + toolCost),
        };
  // Annotations point into the text at its "[n]" markers, in order, as url_citation annotations do.
  const annotations = citations.map((citation, index) => {
    const marker = `[${index + 1}]`;
    const start = reply.answer.indexOf(marker);
    return {
      type: "url_citation",
      url: citation.url,
      title: citation.title,
      start_index: start >= 0 ? start : reply.answer.length,
      end_index: start >= 0 ? start + marker.length : reply.answer.length,
    };
  });
  const id = randomBytes(12).toString("hex");
  return {
    id: `resp_${id}`,
    object: "response",
    created_at: Math.floor(Date.now() / 1000),
    model: reply.model ?? FAKE_MODEL,
    status: "completed",
    output: [
      ...(searches > 0
        ? [
            {
              type: "search_results",
              queries: [question.slice(0, 200)],
              results: citations.map((citation, index) => ({
                id: index + 1,
                title: citation.title,
                url: citation.url,
                snippet: `${citation.title}.`,
                date: "2026-11-20",
                source: "web",
              })),
            },
          ]
        : []),
      {
        type: "message",
        id: `msg_${id}`,
        role: "assistant",
        status: "completed",
        content: [{ type: "output_text", text: reply.answer, annotations }],
      },
    ],
    usage: {
      input_tokens: inputTokens,
      output_tokens: outputTokens,
      total_tokens: inputTokens + outputTokens,
      ...(searches > 0 ? { tool_calls_details: { web_search: { invocation: searches } } } : {}),
      ...(cost ? { cost } : {}),
    },
  };
}

function replyProblem(reply: unknown): string | undefined {
  if (!isRecord(reply)) return "each reply must be an object";
  if (typeof reply.answer !== "string") return "a reply needs answer: string";
  if (reply.match !== undefined && (typeof reply.match !== "string" || reply.match === "")) return "match must be a non-empty string";
  if (
    reply.citations !== undefined &&
    !(
      Array.isArray(reply.citations) &&
      reply.citations.every((item) => isRecord(item) && typeof item.url === "string" && typeof item.title === "string")
    )
  )
    return "citations must be [{url, title}, ...]";
  if (reply.cost !== undefined && reply.cost !== null && typeof reply.cost !== "number") return "cost must be a number or null";
  return undefined;
}

function faultProblem(fault: unknown): string | undefined {
  if (!isRecord(fault)) return "the body must be an object";
  if (![401, 429, 500, 503].includes(fault.status as number)) return "status must be 401, 429, 500 or 503";
  if (fault.times !== undefined && (!Number.isInteger(fault.times) || (fault.times as number) < 1))
    return "times must be a whole number >= 1";
  return undefined;
}

async function answer(state: FakePerplexityState, request: IncomingMessage, response: ServerResponse, rawBody: string): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    body = rawBody;
  }
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === "string" ? value : undefined;
  };
  state.log.push({
    at: Date.now(),
    method: request.method ?? "",
    path: new URL(request.url ?? "/", "http://fake").pathname,
    headers: {
      authorization: header("authorization"),
      "content-type": header("content-type"),
      "user-agent": header("user-agent"),
      "x-pplx-integration": header("x-pplx-integration"),
    },
    body,
  });
  const key = /^Bearer (.+)$/.exec(header("authorization") ?? "")?.[1];
  if (!key) return sendUnauthorized(response);
  if (!isRecord(body)) return sendJson(response, 400, apiError(400).body);
  const question = inputText(body.input);
  if (!question)
    return sendJson(response, 400, { error: { message: "input is required", type: "invalid_request_error", code: "invalid_request" } });
  if (body.model === undefined && body.models === undefined && body.preset === undefined)
    return sendJson(response, 400, {
      error: { message: "One of model, models or preset is required", type: "invalid_request_error", code: "invalid_request" },
    });
  if (body.stream === true)
    return sendJson(response, 400, {
      error: { message: "This fake does not stream", type: "invalid_request_error", code: "invalid_request" },
    });

  const gone = new AbortController();
  response.on("close", () => gone.abort());
  const wait = async (ms: number | undefined) => {
    if (!ms) return true;
    try {
      await sleep(ms, undefined, { signal: gone.signal });
      return true;
    } catch {
      return false;
    }
  };

  const faultAt = state.faults.findIndex((fault) => fault.match === undefined || question.includes(fault.match));
  if (faultAt >= 0) {
    const fault = state.faults[faultAt]!;
    fault.times = (fault.times ?? 1) - 1;
    if (fault.times <= 0) state.faults.splice(faultAt, 1);
    if (!(await wait(fault.delayMs))) return;
    if (fault.status === 401) return sendUnauthorized(response);
    const { body: errorBody, headers } = apiError(fault.status, fault.retryAfterSeconds);
    return sendJson(response, fault.status, errorBody, headers);
  }
  if (key === "invalid") return sendUnauthorized(response);

  const at = state.replies.findIndex((reply) => reply.match === undefined || question.includes(reply.match));
  const reply = at >= 0 ? state.replies.splice(at, 1)[0]! : defaultReply(question);
  if (!(await wait(reply.delayMs))) return;
  return sendJson(response, 200, responseBody(reply, question, typeof body.instructions === "string" ? body.instructions : ""));
}

function admin(state: FakePerplexityState, request: IncomingMessage, response: ServerResponse, path: string, rawBody: string): void {
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = rawBody ? JSON.parse(rawBody) : {};
    if (!isRecord(parsed)) return sendJson(response, 400, { error: "the body must be a JSON object" });
    body = parsed;
  } catch {
    return sendJson(response, 400, { error: "the body must be JSON" });
  }
  switch (`${request.method} ${path}`) {
    case "POST /__admin/script": {
      if (!Array.isArray(body.replies)) return sendJson(response, 400, { error: "expected {replies: Reply[]}" });
      for (const [index, reply] of body.replies.entries()) {
        const problem = replyProblem(reply);
        if (problem) return sendJson(response, 400, { error: `replies[${index}]: ${problem}` });
      }
      state.replies.push(...(body.replies as Reply[]));
      return sendJson(response, 200, { ok: true, queued: state.replies.length });
    }
    case "POST /__admin/fault": {
      const problem = faultProblem(body);
      if (problem) return sendJson(response, 400, { error: problem });
      state.faults.push(body as unknown as Fault);
      return sendJson(response, 200, { ok: true, faults: state.faults.length });
    }
    case "POST /__admin/reset":
      state.reset();
      return sendJson(response, 200, { ok: true });
    case "GET /__admin/log":
      return sendJson(response, 200, state.log);
    default:
      return sendJson(response, 404, { error: "unknown admin endpoint" });
  }
}

export async function startFakePerplexity(options: { port?: number; host?: string } = {}): Promise<FakePerplexity> {
  const state = new FakePerplexityState();
  const host = options.host ?? "127.0.0.1";
  const server: Server = createServer(async (request, response) => {
    const path = new URL(request.url ?? "/", "http://fake").pathname;
    try {
      const rawBody = await readBody(request);
      if (path.startsWith("/__admin")) return admin(state, request, response, path, rawBody);
      if (request.method === "POST" && path === "/v1/responses") return await answer(state, request, response, rawBody);
      return sendJson(response, 404, { error: { message: `No route for ${request.method} ${path}`, type: "not_found" } });
    } catch (error) {
      if (response.headersSent) return void response.destroy();
      return sendJson(response, 500, {
        error: { message: `Fake Perplexity failed: ${(error as Error).message}`, type: "internal_server_error" },
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  return {
    url: origin,
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
  const { values } = parseArgs({ options: { port: { type: "string", default: "3904" }, host: { type: "string" } } });
  const fake = await startFakePerplexity({ port: Number(values.port), host: values.host });
  console.log(`Fake Perplexity on ${fake.origin} (PERPLEXITY_BASE_URL=${fake.url}, any PERPLEXITY_API_KEY)`);
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
