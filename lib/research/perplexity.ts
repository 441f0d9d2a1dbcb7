/**
 * The Perplexity adapter: one question to the Agent API (`POST /v1/responses` through the official
 * client, `@perplexity-ai/perplexity_ai`), reshaped into our own answer type at the edge. Failures
 * become a `PerplexityFailure` saying what kind they are (refused key, rate limit, outage,
 * timeout), so the caller can tell the listener something plain.
 */
import "server-only";
import Perplexity, {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  AuthenticationError,
  PermissionDeniedError,
  RateLimitError,
  type ResponseCreateResponse,
} from "@perplexity-ai/perplexity_ai";
import { env } from "@/lib/env";
import { RESEARCH_LIMITS, RESEARCH_PRESET, researchCostOf } from "./config";
import type { ResearchCitation } from "./types";

const PERPLEXITY_API_URL = "https://api.perplexity.ai";

export const RESEARCH_INSTRUCTIONS = [
  "You answer music listeners' questions about artists, albums, songs and scenes: their history, the story behind a record, members, influences and recent news.",
  "Answer in at most three short paragraphs of plain text (no headings, no tables), citing sources with [n] markers.",
  "If the sources do not answer the question, say so in one sentence rather than guessing.",
].join(" ");

/** One answer from Perplexity, in our terms. */
export interface PerplexityAnswer {
  answer: string;
  citations: ResearchCitation[];
  /** The model the Agent API says answered (`provider/model`). */
  model: string;
  inputTokens: number;
  outputTokens: number;
  /** USD: the response's own `usage.cost.total_cost`, else priced by RESEARCH_PRICES. */
  costUsd: number;
  costSource: "response" | "price-table";
}

export type FailureKind = "unauthorized" | "rate-limited" | "unavailable" | "timeout" | "bad-response";

export class PerplexityFailure extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  /** From a 429's `retry-after`, in seconds. */
  readonly retryAfterSeconds: number | null;

  constructor(kind: FailureKind, message: string, status: number | null = null, retryAfterSeconds: number | null = null, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "PerplexityFailure";
    this.kind = kind;
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A client per key and base URL. Retries are ours (askPerplexity), so a long Retry-After never holds a chat turn. */
export function perplexityClient(apiKey: string, { timeoutMs = RESEARCH_LIMITS.timeoutMs }: { timeoutMs?: number } = {}): Perplexity {
  // Every option explicit: the client would otherwise read PERPLEXITY_BASE_URL and PERPLEXITY_LOG itself.
  const baseURL = env.PERPLEXITY_BASE_URL ?? PERPLEXITY_API_URL;
  return new Perplexity({ apiKey, baseURL, maxRetries: 0, timeout: timeoutMs, logLevel: "off" });
}

const isHttpUrl = (value: unknown): value is string => {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
};

const hostOf = (url: string) => new URL(url).hostname.replace(/^www\./, "");

/**
 * The sources of a response: the message's citation annotations first (what the text cites, in its
 * order), then the search results it drew on; http(s) links only, each once.
 */
export function citationsOf(response: Pick<ResponseCreateResponse, "output">): ResearchCitation[] {
  const found: ResearchCitation[] = [];
  const seen = new Set<string>();
  const add = (url: unknown, title: unknown) => {
    if (!isHttpUrl(url) || seen.has(url)) return;
    seen.add(url);
    const text = typeof title === "string" && title.trim() ? title.trim().slice(0, 200) : hostOf(url);
    found.push({ url, title: text });
  };
  for (const item of response.output) {
    if (item.type !== "message") continue;
    for (const part of item.content) for (const annotation of part.annotations ?? []) add(annotation.url, annotation.title);
  }
  for (const item of response.output) {
    if (item.type !== "search_results") continue;
    for (const result of item.results) add(result.url, result.title);
  }
  return found.slice(0, RESEARCH_LIMITS.maxCitations);
}

/** Web searches a response reports having made (what the price table charges per search). */
function searchesOf(response: ResponseCreateResponse): number {
  const details = response.usage?.tool_calls_details ?? {};
  return Object.entries(details)
    .filter(([tool]) => tool.includes("search"))
    .reduce((sum, [, detail]) => sum + (detail.invocation ?? 0), 0);
}

function failureOf(error: unknown): PerplexityFailure {
  if (error instanceof PerplexityFailure) return error;
  if (error instanceof APIConnectionTimeoutError)
    return new PerplexityFailure("timeout", "Perplexity did not answer in time", null, null, error);
  if (error instanceof APIConnectionError)
    return new PerplexityFailure("unavailable", "Perplexity could not be reached", null, null, error);
  if (error instanceof AuthenticationError || error instanceof PermissionDeniedError)
    return new PerplexityFailure("unauthorized", "Perplexity refused the API key", error.status, null, error);
  if (error instanceof RateLimitError) {
    const header = error.headers.get("retry-after");
    const seconds = header === null ? null : Number(header);
    const retryAfter =
      seconds !== null && Number.isFinite(seconds)
        ? Math.max(0, Math.ceil(seconds))
        : header
          ? Math.max(0, Math.ceil((Date.parse(header) - Date.now()) / 1000))
          : null;
    return new PerplexityFailure(
      "rate-limited",
      "Perplexity rate-limited the request",
      429,
      Number.isFinite(retryAfter) ? retryAfter : null,
      error,
    );
  }
  if (error instanceof APIError && typeof error.status === "number")
    return new PerplexityFailure(error.status >= 500 ? "unavailable" : "bad-response", error.message, error.status, null, error);
  return new PerplexityFailure("bad-response", (error as Error)?.message ?? "Perplexity failed", null, null, error);
}

const RETRY_DELAY_MS = 400;
/** A 429 whose Retry-After is this short is waited out once; a longer one goes back to the listener. */
const SHORT_RETRY_AFTER_SECONDS = 2;

/**
 * Asks one question. A 5xx, a dropped connection or a short 429 is retried once; everything else
 * (a refused key, a long 429, a timeout) fails at once, since a listener is waiting.
 */
export async function askPerplexity(
  client: Perplexity,
  question: string,
  options: { signal?: AbortSignal | undefined } = {},
): Promise<PerplexityAnswer> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await askOnce(client, question, options.signal);
    } catch (error) {
      const failure = failureOf(error);
      const retryable =
        failure.kind === "unavailable" ||
        (failure.kind === "rate-limited" && failure.retryAfterSeconds !== null && failure.retryAfterSeconds <= SHORT_RETRY_AFTER_SECONDS);
      if (attempt > 0 || !retryable || options.signal?.aborted) throw failure;
      const waitMs = failure.kind === "rate-limited" ? (failure.retryAfterSeconds ?? 0) * 1000 : RETRY_DELAY_MS;
      await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  }
}

async function askOnce(client: Perplexity, question: string, signal: AbortSignal | undefined): Promise<PerplexityAnswer> {
  const response = await client.responses.create(
    {
      preset: RESEARCH_PRESET,
      input: question,
      instructions: RESEARCH_INSTRUCTIONS,
      max_output_tokens: RESEARCH_LIMITS.maxOutputTokens,
    },
    signal ? { signal } : undefined,
  );
  if (response.status === "failed" || response.error)
    throw new PerplexityFailure("unavailable", `Perplexity could not answer: ${response.error?.message ?? "failed"}`);
  const answer = response.output_text.trim();
  if (!answer) throw new PerplexityFailure("bad-response", "Perplexity answered with no text");
  const inputTokens = response.usage?.input_tokens ?? 0;
  const outputTokens = response.usage?.output_tokens ?? 0;
  const reported = response.usage?.cost?.total_cost;
  const costSource = typeof reported === "number" && Number.isFinite(reported) ? "response" : "price-table";
  return {
    answer: answer.length > RESEARCH_LIMITS.maxAnswerChars ? `${answer.slice(0, RESEARCH_LIMITS.maxAnswerChars - 1)}…` : answer,
    citations: citationsOf(response),
    model: response.model,
    inputTokens,
    outputTokens,
    costUsd: costSource === "response" ? reported! : researchCostOf(response.model, inputTokens, outputTokens, searchesOf(response)),
    costSource,
  };
}
