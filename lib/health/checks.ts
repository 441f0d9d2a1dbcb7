import "server-only";
import { getCache } from "@/lib/cache";
import { getStore } from "@/lib/db";
import { env, type Env } from "@/lib/env";

export interface CheckResult {
  name: string;
  ok: boolean;
  /** What was checked, or why it is down, in words an operator can act on. */
  detail: string;
  latencyMs: number;
}

type Check = () => Promise<string>;

const CHECK_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function storeCheck(source: Env): Check | undefined {
  if (!source.MONGODB_URI) return undefined;
  return async () => {
    const store = await getStore();
    await store.ping();
    return `${store.describe()} answered ping`;
  };
}

function cacheCheck(source: Env): Check | undefined {
  if (!source.UPSTASH_REDIS_REST_URL) return undefined;
  return async () => {
    await getCache().ping();
    return `Upstash at ${new URL(source.UPSTASH_REDIS_REST_URL as string).host} answered PING`;
  };
}

function spotifyCheck(source: Env): Check | undefined {
  if (!source.AUTH_SPOTIFY_ID) return undefined;
  return async () => {
    // Any HTTP answer proves the accounts service is reachable; only a 5xx means it is down.
    const response = await fetch(source.SPOTIFY_ACCOUNTS_URL, { method: "HEAD", redirect: "manual", cache: "no-store" });
    if (response.status >= 500) throw new Error(`Spotify accounts answered HTTP ${response.status}`);
    return `Spotify accounts at ${new URL(source.SPOTIFY_ACCOUNTS_URL).host} reachable`;
  };
}

function assistantCheck(source: Env): Check | undefined {
  const key = source.GOOGLE_GENERATIVE_AI_API_KEY;
  if (!key) return undefined;
  return async () => {
    // Reading the model's metadata is free and proves both the key and the model id.
    const base = source.GEMINI_BASE_URL ?? "https://generativelanguage.googleapis.com/v1beta";
    const response = await fetch(`${base.replace(/\/$/, "")}/models/${source.GEMINI_MODEL}`, {
      headers: { "x-goog-api-key": key },
      cache: "no-store",
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      throw new Error(`Gemini rejected the API key (HTTP ${response.status})`);
    }
    if (response.status === 404) throw new Error(`Gemini has no model ${source.GEMINI_MODEL} (GEMINI_MODEL)`);
    if (!response.ok) throw new Error(`Gemini answered HTTP ${response.status}`);
    return `Gemini model ${source.GEMINI_MODEL} available`;
  };
}

/** The readiness checks for the services this environment configures; built-in defaults need none. */
export function configuredChecks(source: Env = env): Record<string, Check> {
  const checks: Record<string, Check | undefined> = {
    store: storeCheck(source),
    cache: cacheCheck(source),
    spotify: spotifyCheck(source),
    assistant: assistantCheck(source),
  };
  return Object.fromEntries(Object.entries(checks).filter((entry): entry is [string, Check] => entry[1] !== undefined));
}

export async function runChecks(checks: Record<string, Check>, timeoutMs = CHECK_TIMEOUT_MS): Promise<CheckResult[]> {
  return Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const started = performance.now();
      try {
        const detail = await withTimeout(check(), timeoutMs, name);
        return { name, ok: true, detail, latencyMs: Math.round(performance.now() - started) };
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return { name, ok: false, detail: reason, latencyMs: Math.round(performance.now() - started) };
      }
    }),
  );
}
