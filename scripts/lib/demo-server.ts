/** For scripts that drive a running app as a visitor would: start it, wait for it, then sign in as the demo listener. */
import { spawn, type ChildProcess } from "node:child_process";

/** Resolves once `origin` answers its health check, or fails after 60 s. */
export async function waitForServer(origin: string, headers: Record<string, string> = {}): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${origin}/api/health`, { headers })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
  throw new Error("next start did not answer within 60 s");
}

function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((cookie) => cookie.split(";")[0]!);
}

/**
 * The demo listener's session cookie (`name=value`), through the same Auth.js endpoints the sign-in
 * form uses. `headers` go with every request (a deployment's protection-bypass header). Over HTTPS
 * Auth.js names the cookie `__Secure-authjs.session-token`.
 */
export async function demoSessionCookie(origin: string, headers: Record<string, string> = {}): Promise<string> {
  const csrf = await fetch(`${origin}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/demo`, {
    method: "POST",
    redirect: "manual",
    headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookiesOf(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, callbackUrl: `${origin}/dashboard` }),
  });
  const session = cookiesOf(response).find((cookie) => /^(__Secure-)?authjs\.session-token=/.test(cookie));
  if (!session) throw new Error(`demo sign-in failed (HTTP ${response.status}): no session cookie`);
  return session;
}

/**
 * `next start` on 127.0.0.1:`port` with zero configuration whatever this shell has set: demo mode,
 * the embedded store in `dataDir`, the memory cache and rate limiter, the offline assistant. What a
 * benchmark measures is then the app alone. The production build must exist.
 */
export function startZeroConfigServer(port: number, dataDir: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APP_URL: `http://127.0.0.1:${port}`,
    DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  for (const name of Object.keys(env)) {
    if (/^(MONGODB_|UPSTASH_|QSTASH_|GOOGLE_GENERATIVE_AI_|GEMINI_|PERPLEXITY_|AUTH_SPOTIFY_|OTEL_)/.test(name)) delete env[name];
  }
  return spawn("node_modules/.bin/next", ["start", "-H", "127.0.0.1", "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
}
