/**
 * Every environment variable the app reads, validated once. Nothing else reads `process.env`.
 *
 * An unset optional service means "use the embedded default": no variable at all gives the
 * complete demo. A malformed value throws at import time with the
 * variable's name, and `next.config.ts` imports this file so a bad environment fails the build.
 *
 * No relative imports here: `next.config.ts` loads this file through Node's own TypeScript
 * support, which resolves nothing but packages and explicit file paths.
 */
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const optionalUrl = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional())
  .optional();

const urlWithDefault = (fallback: string) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? fallback : value))
    .pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }))
    .default(fallback);

const flag = z
  .enum(["true", "false", "1", "0", ""])
  .optional()
  .transform((value) => value === "true" || value === "1");

const tokenCount = (fallback: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === "") return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < 0) {
        ctx.addIssue({ code: "custom", message: "must be a whole number, 0 or more" });
        return z.NEVER;
      }
      return parsed;
    });

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    APP_URL: urlWithDefault("http://127.0.0.1:3000"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    LOG_DESTINATION: z.enum(["stdout", "stderr"]).default("stdout"),

    DATA_DIR: z.string().trim().min(1).default(".data"),
    DATA_SYNC: z.enum(["none", "fsync"]).default("none"),
    MONGODB_URI: optionalString.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, "must start with mongodb:// or mongodb+srv://")
        .optional(),
    ),
    MONGODB_DB: z.string().trim().min(1).default("echotune"),

    UPSTASH_REDIS_REST_URL: optionalUrl,
    UPSTASH_REDIS_REST_TOKEN: optionalString,

    AUTH_SECRET: optionalString.pipe(z.string().min(32, "must be at least 32 characters (openssl rand -base64 32)").optional()),
    AUTH_SPOTIFY_ID: optionalString,
    /** Offer "Try the demo" even when Spotify sign-in is configured. */
    DEMO: flag,
    AUTH_SPOTIFY_SECRET: optionalString,
    SPOTIFY_API_URL: urlWithDefault("https://api.spotify.com/v1"),
    SPOTIFY_ACCOUNTS_URL: urlWithDefault("https://accounts.spotify.com"),

    GOOGLE_GENERATIVE_AI_API_KEY: optionalString,
    GEMINI_MODEL: z.string().trim().min(1).default("gemini-2.5-flash-lite"),
    GEMINI_BASE_URL: optionalUrl,
    /** Gemini tokens per listener per UTC day, and for everyone together; then the offline model answers. */
    ASSISTANT_LISTENER_DAILY_TOKENS: tokenCount(200_000),
    ASSISTANT_GLOBAL_DAILY_TOKENS: tokenCount(5_000_000),
    /** Chat turns per listener per minute. */
    ASSISTANT_TURNS_PER_MINUTE: tokenCount(12),

    /**
     * The pretrained public artist model and its listener tags as genres (HetRec 2011 Last.fm, research
     * data for non-commercial use): "on" serves them to Spotify listeners; "off" for deployments that
     * may not use that data.
     */
    RECO_PUBLIC_MODEL: z.enum(["on", "off"]).default("on"),

    /** Artist research through Perplexity; unset = research is off (the rest of the assistant works). */
    PERPLEXITY_API_KEY: optionalString,
    PERPLEXITY_BASE_URL: optionalUrl,
    /** Perplexity requests per listener per UTC day, and for everyone together; then research says it is paused. */
    RESEARCH_LISTENER_DAILY_REQUESTS: tokenCount(20),
    RESEARCH_GLOBAL_DAILY_REQUESTS: tokenCount(1_000),

    /** Background jobs go through Upstash QStash when its token is set; otherwise the runner polls the store. */
    QSTASH_TOKEN: optionalString,
    QSTASH_URL: urlWithDefault("https://qstash.upstash.io"),
    QSTASH_CURRENT_SIGNING_KEY: optionalString,
    QSTASH_NEXT_SIGNING_KEY: optionalString,

    /** Comma-separated emails of the Spotify accounts that may open the operations page. */
    OPERATOR_EMAILS: optionalString,
    /** Where alert rules post when they fire (JSON); unset = alerts only on the operations page. */
    ALERT_WEBHOOK_URL: optionalUrl,

    CRON_SECRET: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
    /** Bearer token that unlocks the details of `/api/health?ready=1` (hosts, errors, latency); without it, booleans only. */
    HEALTH_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),

    OTEL_EXPORTER_OTLP_ENDPOINT: optionalUrl,
    OTEL_SERVICE_NAME: z.string().trim().min(1).default("echotune"),

    /** Set to 1 by Vercel, whose proxy sets X-Forwarded-For: rate limits may key anonymous callers by it. */
    VERCEL: flag,
    /** Behind another proxy that sets X-Forwarded-For / X-Real-IP itself (never pass a client's own through). */
    TRUST_PROXY: flag,
    /** Set by AWS Lambda (where Vercel's functions run too): the embedded store refuses to start there. */
    AWS_LAMBDA_FUNCTION_NAME: optionalString,
    VERCEL_ENV: optionalString.pipe(z.enum(["production", "preview", "development"]).optional()),
    VERCEL_GIT_COMMIT_SHA: optionalString,
    /** Set by Vercel: this deployment's own host; a preview without APP_URL is served at https://VERCEL_URL. */
    VERCEL_URL: optionalString,
  })
  .superRefine((env, ctx) => {
    const pairs: Array<[keyof typeof env, keyof typeof env]> = [
      ["UPSTASH_REDIS_REST_URL", "UPSTASH_REDIS_REST_TOKEN"],
      ["AUTH_SPOTIFY_ID", "AUTH_SPOTIFY_SECRET"],
    ];
    if (env.VERCEL_ENV && !env.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required on Vercel, where instances share no disk to keep a generated one (openssl rand -base64 32)",
      });
    }
    for (const [a, b] of pairs) {
      if (Boolean(env[a]) !== Boolean(env[b])) {
        const missing = env[a] ? b : a;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is required when ${missing === a ? b : a} is set (set both, or neither for the built-in default)`,
        });
      }
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Every variable the schema knows, in schema order: `.env.example` and the README's table list exactly these (lib/env-docs.test.ts). */
export const ENV_KEYS = Object.keys(envSchema.shape) as ReadonlyArray<keyof Env>;

export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(
      `Invalid environment configuration:\n${problems.map((problem) => `  - ${problem}`).join("\n")}\n` +
        "Fix these variables (see .env.example), or unset them to use the built-in demo defaults.",
    );
    this.name = "EnvError";
    this.problems = problems;
  }
}

/**
 * A Vercel preview has a new URL on every push, so it cannot be given APP_URL in advance: unless
 * APP_URL is set, it is the deployment's own https://VERCEL_URL (redirects and callbacks land there).
 */
export function withPreviewAppUrl(source: Record<string, string | undefined>): Record<string, string | undefined> {
  const host = source.VERCEL_URL?.trim();
  if (source.APP_URL?.trim() || source.VERCEL_ENV?.trim() !== "preview" || !host) return source;
  return { ...source, APP_URL: `https://${host}` };
}

/** Parses an environment record; throws EnvError naming each bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(withPreviewAppUrl(source));
  if (!result.success) {
    throw new EnvError(result.error.issues.map((issue) => `${issue.path.join(".") || "(environment)"} ${issue.message}`));
  }
  return result.data;
}

export const env: Env = parseEnv(process.env);

export type BackendMode = "embedded" | "demo" | "configured";

/** Whether "Try the demo" is offered: always without Spotify, and on request (DEMO=1) with it. */
export function demoEnabled(source: Env = env): boolean {
  return !source.AUTH_SPOTIFY_ID || source.DEMO;
}

/**
 * APP_URL when the environment sets it, or undefined when it only has its default: links a listener
 * copies and sends (share links) then name the origin their own request came to.
 */
export function configuredAppUrl(source: Record<string, string | undefined> = process.env, parsed: Env = env): string | undefined {
  return source.APP_URL?.trim() ? parsed.APP_URL : undefined;
}

/** Whether a proxy we trust sets X-Forwarded-For and X-Real-IP, so they name the client, not what it claims. */
export function trustProxy(source: Env = env): boolean {
  return source.VERCEL || source.TRUST_PROXY;
}

/** How each backend runs in this environment: the built-in default, or the configured service. */
export function backendModes(source: Env = env) {
  return {
    store: source.MONGODB_URI ? "configured" : "embedded",
    cache: source.UPSTASH_REDIS_REST_URL ? "configured" : "embedded",
    signIn: source.AUTH_SPOTIFY_ID ? "configured" : "demo",
    spotify: source.AUTH_SPOTIFY_ID ? "configured" : "demo",
    assistant: source.GOOGLE_GENERATIVE_AI_API_KEY ? "configured" : "embedded",
  } satisfies Record<string, BackendMode>;
}
