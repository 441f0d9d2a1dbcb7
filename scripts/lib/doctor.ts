/**
 * The checks of `npm run doctor`: given an environment (variables as a deployment would have
 * them), what is missing or wrong, each named with the variable to fix. Network checks (the store,
 * the cache) give up after `timeoutMs`.
 */
import { MongoClient } from "mongodb";
import { withPreviewAppUrl, type envSchema as EnvSchema } from "@/lib/env";

export type Verdict = "ok" | "problem" | "note";

export interface Finding {
  verdict: Verdict;
  check: string;
  message: string;
}

export interface DoctorOptions {
  /** lib/env.ts's schema (passed in: importing lib/env validates process.env and throws at once). */
  schema: typeof EnvSchema;
  /** Judge as a public deployment: the production services and secrets are required. */
  production: boolean;
  /** Where the embedded store would live is checked by this (lib/db's own check). */
  embeddedPlacement: (dataDir: string, platform: { vercel: boolean; lambdaFunction?: string }) => void;
  timeoutMs?: number;
}

type Source = Record<string, string | undefined>;

/** Spotify's client id and secret are 32 lowercase hex characters each. */
const SPOTIFY_CREDENTIAL = /^[0-9a-f]{32}$/;
const LOOPBACK = new Set(["127.0.0.1", "[::1]"]);

export async function diagnose(given: Source, options: DoctorOptions): Promise<Finding[]> {
  const source = withPreviewAppUrl(given);
  const findings: Finding[] = [];
  const ok = (check: string, message: string) => findings.push({ verdict: "ok", check, message });
  const problem = (check: string, message: string) => findings.push({ verdict: "problem", check, message });
  const note = (check: string, message: string) => findings.push({ verdict: "note", check, message });
  const timeoutMs = options.timeoutMs ?? 5_000;

  // 1. Every variable lib/env.ts reads, as the app itself would judge it.
  const parsed = options.schema.safeParse(source);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problem("environment", `${issue.path.join(".") || "(environment)"} ${issue.message}`);
  } else ok("environment", "every variable lib/env.ts reads is well formed");
  // The rest judges what the app would run with; a malformed variable counts as unset.
  const env = parsed.success ? parsed.data : undefined;
  const value = (key: string) => source[key]?.trim() || undefined;
  const serverless = Boolean(value("VERCEL")) || Boolean(value("AWS_LAMBDA_FUNCTION_NAME"));
  const production = options.production || serverless;

  // 2. The store.
  const mongoUri = env?.MONGODB_URI ?? (parsed.success ? undefined : value("MONGODB_URI"));
  if (mongoUri && /^mongodb(\+srv)?:\/\//.test(mongoUri)) {
    const client = new MongoClient(mongoUri, { serverSelectionTimeoutMS: timeoutMs, connectTimeoutMS: timeoutMs });
    try {
      await client.connect();
      await client.db(env?.MONGODB_DB ?? "echotune").command({ ping: 1 });
      ok("store", `MongoDB answers at ${redact(mongoUri)}`);
    } catch (error) {
      problem(
        "store",
        `MONGODB_URI: cannot reach MongoDB at ${redact(mongoUri)} (${(error as Error).message.split("\n")[0]}). On Atlas, allow this host in Network Access.`,
      );
    } finally {
      await client.close().catch(() => {});
    }
  } else if (!mongoUri) {
    try {
      options.embeddedPlacement(value("DATA_DIR") ?? ".data", {
        vercel: Boolean(value("VERCEL")),
        lambdaFunction: value("AWS_LAMBDA_FUNCTION_NAME"),
      });
      if (production)
        problem("store", "MONGODB_URI is missing: the embedded store is for one machine; a deployment needs MongoDB (Atlas).");
      else note("store", "embedded store in DATA_DIR (one machine only; set MONGODB_URI for a deployment)");
    } catch (error) {
      problem("store", (error as Error).message);
    }
  }

  // 3. The cache.
  const cacheUrl = value("UPSTASH_REDIS_REST_URL");
  const cacheToken = value("UPSTASH_REDIS_REST_TOKEN");
  if (cacheUrl && cacheToken && /^https?:\/\//.test(cacheUrl)) {
    try {
      const response = await fetch(cacheUrl, {
        method: "POST",
        headers: { authorization: `Bearer ${cacheToken}`, "content-type": "application/json" },
        body: JSON.stringify(["PING"]),
        signal: AbortSignal.timeout(timeoutMs),
      });
      const body = (await response.json().catch(() => ({}))) as { result?: unknown; error?: unknown };
      if (response.ok && body.result === "PONG") ok("cache", `Upstash Redis answers at ${new URL(cacheUrl).host}`);
      else if (response.status === 401 || response.status === 403)
        problem("cache", `UPSTASH_REDIS_REST_TOKEN is refused by ${new URL(cacheUrl).host} (HTTP ${response.status}).`);
      else problem("cache", `UPSTASH_REDIS_REST_URL: ${new URL(cacheUrl).host} answered HTTP ${response.status}, not PONG.`);
    } catch (error) {
      problem("cache", `UPSTASH_REDIS_REST_URL: cannot reach ${cacheUrl} (${(error as Error).message}).`);
    }
  } else if (!cacheUrl && !cacheToken) {
    if (production)
      problem(
        "cache",
        "UPSTASH_REDIS_REST_URL and UPSTASH_REDIS_REST_TOKEN are missing: each instance would keep its own cache and rate limits.",
      );
    else note("cache", "in-memory cache (one process; set UPSTASH_REDIS_REST_URL and _TOKEN for a deployment)");
  }

  // 4. Spotify: the credentials' shape and the redirect URI to register.
  const spotifyId = value("AUTH_SPOTIFY_ID");
  const spotifySecret = value("AUTH_SPOTIFY_SECRET");
  if (spotifyId || spotifySecret) {
    if (spotifyId && !SPOTIFY_CREDENTIAL.test(spotifyId))
      problem("spotify", "AUTH_SPOTIFY_ID is not a Spotify client id (32 hex characters, from the app's dashboard page).");
    if (spotifySecret && !SPOTIFY_CREDENTIAL.test(spotifySecret))
      problem("spotify", "AUTH_SPOTIFY_SECRET is not a Spotify client secret (32 hex characters, View client secret in the dashboard).");
    if (spotifyId && spotifySecret && SPOTIFY_CREDENTIAL.test(spotifyId) && SPOTIFY_CREDENTIAL.test(spotifySecret))
      ok("spotify", "client id and secret have Spotify's shape");
  } else if (production) note("spotify", "Spotify sign-in is off (AUTH_SPOTIFY_ID unset): visitors get the demo only.");
  else note("spotify", "Spotify sign-in is off: the demo listener only");

  const appUrl = value("APP_URL");
  if (appUrl && /^https?:\/\//.test(appUrl)) {
    const url = new URL(appUrl);
    const redirect = `${url.origin}/api/auth/callback/spotify`;
    if (url.hostname === "localhost")
      problem("redirect URI", `APP_URL uses localhost, which Spotify refuses as a redirect URI: use http://127.0.0.1:${url.port || 80}.`);
    else if (url.protocol === "http:" && !LOOPBACK.has(url.hostname))
      problem("redirect URI", `APP_URL must be https (Spotify accepts plain http only on 127.0.0.1): ${redirect}`);
    else if (production && LOOPBACK.has(url.hostname))
      problem("redirect URI", "APP_URL is a loopback address: set it to the deployment's public https URL.");
    else if (spotifyId) ok("redirect URI", `register ${redirect} in the Spotify app's Redirect URIs`);
    if (url.pathname !== "/" || url.search) problem("redirect URI", "APP_URL must be an origin only (no path or query).");
  } else if (!appUrl) {
    if (production)
      problem("redirect URI", "APP_URL is missing: set the public https URL (redirects and OAuth callbacks are built from it).");
    else if (spotifyId)
      ok("redirect URI", "register http://127.0.0.1:3000/api/auth/callback/spotify in the Spotify app (APP_URL's default)");
  }

  // 5. Secrets: present where a deployment needs them, and long enough (lib/env.ts says how long).
  const secrets: Array<[string, number, string]> = [
    ["AUTH_SECRET", 32, "signs sessions and encrypts stored Spotify tokens; instances share no disk to keep a generated one"],
    ["CRON_SECRET", 16, "Vercel Cron sends it; without it the cron routes refuse every call"],
  ];
  for (const [key, length, why] of secrets) {
    const secret = value(key);
    if (!secret) {
      if (production) problem("secrets", `${key} is missing (${why}): openssl rand -base64 32`);
    } else if (secret.length >= length) ok("secrets", `${key} is set (${secret.length} characters)`);
  }
  const qstash = value("QSTASH_TOKEN");
  if (qstash && (!value("QSTASH_CURRENT_SIGNING_KEY") || !value("QSTASH_NEXT_SIGNING_KEY")))
    problem(
      "secrets",
      "QSTASH_TOKEN is set but QSTASH_CURRENT_SIGNING_KEY or QSTASH_NEXT_SIGNING_KEY is not: deliveries could not be verified.",
    );

  return findings;
}

function redact(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/, "//***@");
}

export function formatFindings(findings: Finding[]): string {
  const mark: Record<Verdict, string> = { ok: "✓", problem: "✗", note: "·" };
  const problems = findings.filter((finding) => finding.verdict === "problem").length;
  return [
    ...findings.map((finding) => `${mark[finding.verdict]} ${finding.check.padEnd(13)} ${finding.message}`),
    "",
    problems === 0 ? "No problems found." : `${problems} problem${problems === 1 ? "" : "s"} to fix (✗ above).`,
  ].join("\n");
}
