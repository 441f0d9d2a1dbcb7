/**
 * Artist research: a question about an artist, album, song or scene answered by Perplexity with its
 * sources. Answers are shared by every listener through the cache for a day per normalised
 * question (a hit costs nothing); a miss spends one request of the listener's and the global daily
 * budget, and its tokens and cost go to `usage` as `perplexity/<model>`. Nothing here throws at
 * the listener: no key, a spent budget and a failure are results with a sentence to show.
 */
import "server-only";
import { createHash } from "node:crypto";
import { getCache } from "@/lib/cache";
import { getStore, usageRepository } from "@/lib/db";
import { env } from "@/lib/env";
import { logger, observeDuration } from "@/lib/telemetry";
import { takeResearchRequest, utcDay } from "./budget";
import { RESEARCH_LIMITS } from "./config";
import { askPerplexity, perplexityClient, PerplexityFailure } from "./perplexity";
import type { ResearchQuestion, ResearchResult } from "./types";

export const RESEARCH_OFF = "Artist research is off: this EchoTune has no Perplexity key. Everything else in the assistant works as usual.";

const limitReached = (which: "listener" | "global") =>
  which === "listener"
    ? `You've reached today's research limit (${RESEARCH_LIMITS.listenerDailyRequests} questions a day); it resets at midnight UTC. Everything else in the assistant still works.`
    : "EchoTune's research limit for today is reached; it resets at midnight UTC. Everything else in the assistant still works.";
const BUDGET_UNKNOWN = "Research is paused: today's research limits can't be checked right now. Try again in a few minutes.";

/** What the listener reads when Perplexity fails, by kind of failure. */
export function failureSentence(failure: PerplexityFailure): string {
  switch (failure.kind) {
    case "rate-limited":
      return failure.retryAfterSeconds !== null && failure.retryAfterSeconds > 0
        ? `The research service is busy right now. Try again in ${formatWait(failure.retryAfterSeconds)}.`
        : "The research service is busy right now. Try again in a minute.";
    case "unauthorized":
      return "Artist research isn't available right now: the research service refused EchoTune's key. Everything else in the assistant works as usual.";
    case "timeout":
      return "The research service took too long to answer. Try again in a moment.";
    case "unavailable":
    case "bad-response":
      return "The research service couldn't answer just now. Try again in a moment.";
  }
}

const formatWait = (seconds: number) =>
  seconds < 90 ? `${seconds} s` : seconds < 5400 ? `${Math.ceil(seconds / 60)} minutes` : `${Math.ceil(seconds / 3600)} hours`;

/** The question as the cache knows it: case, spacing, quotes and trailing punctuation don't make a new question. */
export function normaliseQuestion(question: string, subject?: string): string {
  const tidy = (text: string) =>
    text
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[‘’`]/g, "'")
      .replace(/[“”"]/g, "")
      .replace(/\s+/g, " ")
      .replace(/[\s?!.,;:]+$/, "")
      .trim();
  const about = subject ? tidy(subject) : "";
  const asked = tidy(question);
  return about && !asked.includes(about) ? `${about} | ${asked}` : asked;
}

/** `research:<hash>`: one key per normalised question, shared by every listener. */
export const researchCacheKey = (question: string, subject?: string) =>
  `research:${createHash("sha256").update(normaliseQuestion(question, subject)).digest("hex").slice(0, 40)}`;

type CachedAnswer = Pick<ResearchResult, "answer" | "citations" | "model">;

const result = (status: ResearchResult["status"], answer: string, rest: Partial<ResearchResult> = {}): ResearchResult => ({
  status,
  answer,
  citations: [],
  cached: false,
  model: null,
  ...rest,
});

/** The model id as `usage` records it: `perplexity/<model id>`. */
export const usageModelOf = (model: string) => (model.startsWith("perplexity/") ? model : `perplexity/${model}`);

export async function researchArtist(
  { userId, question, subject }: ResearchQuestion,
  { signal, timeoutMs }: { signal?: AbortSignal | undefined; timeoutMs?: number } = {},
): Promise<ResearchResult> {
  const apiKey = env.PERPLEXITY_API_KEY;
  if (!apiKey) return result("off", RESEARCH_OFF);
  const key = researchCacheKey(question, subject);
  const cache = getCache();
  const hit = await cache.get<CachedAnswer>(key);
  if (hit) return result("answered", hit.answer, { citations: hit.citations, model: hit.model, cached: true });

  const spent = await takeResearchRequest(userId);
  if (spent) {
    if (spent !== "unknown") logger.info({ userId, budget: spent }, "research: daily request budget reached");
    return result("budget", spent === "unknown" ? BUDGET_UNKNOWN : limitReached(spent));
  }

  const asked = subject && !normaliseQuestion(question).includes(normaliseQuestion(subject)) ? `${question} (about ${subject})` : question;
  const started = performance.now();
  try {
    const answer = await askPerplexity(perplexityClient(apiKey, timeoutMs ? { timeoutMs } : {}), asked, { signal });
    observeDuration("research.perplexity", performance.now() - started);
    const model = usageModelOf(answer.model);
    await recordResearchUsage(userId, model, answer.inputTokens, answer.outputTokens, answer.costUsd);
    const cached: CachedAnswer = { answer: answer.answer, citations: answer.citations, model };
    await cache.set(key, cached, { ttlSeconds: RESEARCH_LIMITS.answerCacheSeconds });
    return result("answered", answer.answer, { citations: answer.citations, model });
  } catch (error) {
    observeDuration("research.perplexity", performance.now() - started);
    const failure = error instanceof PerplexityFailure ? error : new PerplexityFailure("bad-response", String(error), null, null, error);
    const level = failure.kind === "unauthorized" || failure.kind === "bad-response" ? "error" : "warn";
    logger[level](
      { err: failure.cause ?? failure, userId, kind: failure.kind, status: failure.status, retryAfterSeconds: failure.retryAfterSeconds },
      `research: Perplexity failed (${failure.kind})`,
    );
    return result("error", failureSentence(failure));
  }
}

/** Perplexity's tokens and cost for one answer, per listener and day, in `usage`. Bookkeeping: a failure is logged. */
async function recordResearchUsage(userId: string, model: string, inputTokens: number, outputTokens: number, costUsd: number) {
  try {
    await usageRepository(await getStore()).record({ userId, day: utcDay(), model, inputTokens, outputTokens, costUsd });
  } catch (error) {
    logger.warn({ err: error, userId, model }, "research: usage not recorded");
  }
}
