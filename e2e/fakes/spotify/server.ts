/**
 * A fake Spotify for tests and local development, on 127.0.0.1, speaking the real wire format:
 * the accounts service (authorize page, token endpoint for authorization_code and refresh_token in
 * both rotation modes, every OAuth error body Spotify documents) and the Web API endpoints EchoTune
 * uses (checked against the vendored OpenAPI description), with an admin API that scripts faults.
 *
 *   node --import ./scripts/register.ts e2e/fakes/spotify/server.ts --port 3901
 *
 * Admin (JSON): POST /__admin/reset | /__admin/fault {path,method,after,status,times,retryAfter,reason,message,delayMs}
 *   | /__admin/expire-access-tokens | /__admin/revoke-refresh-tokens | /__admin/config {rotation,accessTokenTtlSeconds,userId,email,previews}
 *   GET /__admin/log | /__admin/tokens
 *   Listener (admin.ts): POST /__admin/plays | /__admin/devices; GET /__admin/player | /__admin/playlists
 * Cover art: GET /image/<album|artist>/<id>.svg
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { FakeSpotifyState, randomToken, type Fault, type LoggedRequest } from "./state";
import { handleApi } from "./api";
import { adminDevices, adminPlayer, adminPlaylists, adminPlays } from "./admin";
import { handleImage, handlePreview } from "./images";
import { sendJson, type RequestContext } from "./http";

export interface FakeSpotify {
  url: string;
  accountsUrl: string;
  apiUrl: string;
  state: FakeSpotifyState;
  close(): Promise<void>;
}

export interface FakeSpotifyOptions {
  port?: number;
  clientId?: string;
  clientSecret?: string;
}

const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function sendHtml(context: RequestContext, status: number, html: string): void {
  context.entry.status = status;
  context.response.writeHead(status, { "content-type": "text/html; charset=utf-8" });
  context.response.end(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Fake Spotify</title></head><body>${html}</body></html>`,
  );
}

function redirect(context: RequestContext, location: string): void {
  context.entry.status = 302;
  context.response.writeHead(302, { location });
  context.response.end();
}

/** Spotify accepts loopback redirect URIs only as IP literals, never "localhost" (reference 1.7). */
function redirectUriProblem(uri: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(uri);
  } catch {
    return "INVALID_CLIENT: Invalid redirect URI";
  }
  if (parsed.hostname === "localhost") return "INVALID_CLIENT: Insecure redirect URI";
  if (parsed.protocol !== "https:" && !["127.0.0.1", "[::1]"].includes(parsed.hostname)) return "INVALID_CLIENT: Insecure redirect URI";
  return undefined;
}

function authorizePage(context: RequestContext): void {
  const { url, state } = context;
  const query = Object.fromEntries(url.searchParams);
  if (query.client_id !== state.clientId) return sendHtml(context, 400, "<h1>INVALID_CLIENT: Invalid client</h1>");
  const problem = redirectUriProblem(query.redirect_uri ?? "");
  if (problem) return sendHtml(context, 400, `<h1>${escapeHtml(problem)}</h1>`);
  if (query.response_type !== "code") return sendHtml(context, 400, "<h1>unsupported_response_type</h1>");
  const hidden = Object.entries(query)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("");
  sendHtml(
    context,
    200,
    `<main><h1>Connect EchoTune to your Spotify account?</h1>
<p>Signed in as <strong>${escapeHtml(state.user.display_name)}</strong>.</p>
<p>EchoTune asks for: ${escapeHtml((query.scope ?? "").split(" ").join(", "))}</p>
<form method="post" action="/authorize/decision">${hidden}<button name="decision" value="agree">Agree</button> <button name="decision" value="cancel">Cancel</button></form></main>`,
  );
}

function authorizeDecision(context: RequestContext): void {
  const form = Object.fromEntries(new URLSearchParams(context.body));
  const target = new URL(form.redirect_uri ?? "");
  if (form.state) target.searchParams.set("state", form.state);
  if (form.decision !== "agree") {
    target.searchParams.set("error", "access_denied");
    return redirect(context, target.toString());
  }
  const code = randomToken("fake-code-");
  context.state.codes.set(code, {
    code,
    clientId: form.client_id ?? "",
    redirectUri: form.redirect_uri ?? "",
    scope: form.scope ?? "",
    codeChallenge: form.code_challenge_method === "S256" ? (form.code_challenge ?? null) : null,
    used: false,
    userId: context.state.user.id,
  });
  target.searchParams.set("code", code);
  redirect(context, target.toString());
}

function clientCredentials(context: RequestContext, form: Record<string, string>): { id?: string; secret?: string } {
  const header = context.request.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const [id, secret] = Buffer.from(header.slice(6), "base64").toString("utf8").split(":");
    return { id, secret };
  }
  return { id: form.client_id, secret: form.client_secret };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const oauthError = (context: RequestContext, error: string, description: string, status = 400) =>
  sendJson(context, status, { error, error_description: description });

function tokenEndpoint(context: RequestContext): void {
  const { state } = context;
  if (!(context.request.headers["content-type"] ?? "").startsWith("application/x-www-form-urlencoded")) {
    return oauthError(context, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
  }
  const form = Object.fromEntries(new URLSearchParams(context.body));
  context.entry.form = Object.fromEntries(
    Object.entries(form).map(([key, value]) => [key, /token|secret|verifier|code$/.test(key) ? "[redacted]" : value]),
  );
  const credentials = clientCredentials(context, form);
  const pkce = !credentials.secret && Boolean(form.code_verifier || form.grant_type === "refresh_token");
  if (credentials.id !== state.clientId || (!pkce && !sameSecret(credentials.secret, state.clientSecret))) {
    return oauthError(context, "invalid_client", "Invalid client", 400);
  }

  if (form.grant_type === "authorization_code") {
    const issued = state.codes.get(form.code ?? "");
    if (!issued || issued.used) return oauthError(context, "invalid_grant", "Invalid authorization code");
    if (issued.redirectUri !== form.redirect_uri) return oauthError(context, "invalid_grant", "Invalid redirect URI");
    if (issued.codeChallenge) {
      const challenge = createHash("sha256")
        .update(form.code_verifier ?? "")
        .digest("base64url");
      if (challenge !== issued.codeChallenge) return oauthError(context, "invalid_grant", "code_verifier was incorrect");
    }
    issued.used = true;
    return sendJson(context, 200, state.issueTokens(issued.userId, issued.scope, true));
  }

  if (form.grant_type === "refresh_token") {
    const token = state.refreshTokens.get(form.refresh_token ?? "");
    if (!token || token.revoked) return oauthError(context, "invalid_grant", "Refresh token revoked");
    const fresh = state.issueTokens(token.userId, token.scope, state.rotation === "rotate");
    if (state.rotation === "rotate") token.revoked = true;
    return sendJson(context, 200, fresh);
  }

  return oauthError(context, "unsupported_grant_type", `grant_type must be authorization_code or refresh_token`);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function admin(context: RequestContext): void {
  const { state, url } = context;
  const body = context.body ? (JSON.parse(context.body) as Record<string, unknown>) : {};
  switch (`${context.request.method} ${url.pathname}`) {
    case "POST /__admin/reset":
      state.reset();
      return sendJson(context, 200, { ok: true });
    case "POST /__admin/fault":
      state.faults.push({
        ...(body as unknown as Fault),
        times: Number(body.times ?? Number.MAX_SAFE_INTEGER),
        ...(body.after !== undefined ? { after: Number(body.after) } : {}),
      });
      return sendJson(context, 200, { ok: true, faults: state.faults.length });
    case "POST /__admin/clear-faults":
      state.faults = [];
      return sendJson(context, 200, { ok: true });
    case "POST /__admin/expire-access-tokens":
      state.expireAccessTokens();
      return sendJson(context, 200, { ok: true });
    case "POST /__admin/revoke-refresh-tokens":
      state.revokeRefreshTokens();
      return sendJson(context, 200, { ok: true });
    case "POST /__admin/config":
      if (body.rotation === "keep" || body.rotation === "rotate") state.rotation = body.rotation;
      if (typeof body.accessTokenTtlSeconds === "number") state.accessTokenTtlSeconds = body.accessTokenTtlSeconds;
      if (typeof body.previews === "boolean") state.previews = body.previews;
      // Another Spotify account for the next sign-in (the same name, a new id): a listener with no data yet.
      if (typeof body.userId === "string" && body.userId) state.user = { ...state.user, id: body.userId };
      // The account's email, as /v1/me gives it (the operations page knows operators by it).
      if (typeof body.email === "string" && body.email) state.user = { ...state.user, email: body.email };
      return sendJson(context, 200, { ok: true });
    case "GET /__admin/log":
      return sendJson(context, 200, state.log);
    case "GET /__admin/stats":
      return sendJson(context, 200, { peakInFlight: state.peakInFlight });
    case "GET /__admin/tokens":
      return sendJson(context, 200, state.allIssuedTokens());
    case "POST /__admin/plays":
      return adminPlays(context, body);
    case "POST /__admin/devices":
      return adminDevices(context, body);
    case "GET /__admin/player":
      return adminPlayer(context);
    case "GET /__admin/playlists":
      return adminPlaylists(context);
    default:
      return sendJson(context, 404, { error: "unknown admin endpoint" });
  }
}

export async function startFakeSpotify(options: FakeSpotifyOptions = {}): Promise<FakeSpotify> {
  const state = new FakeSpotifyState(options.clientId ?? "fake-client-id", options.clientSecret ?? "fake-client-secret");
  let baseUrl = "";
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", baseUrl);
    const entry: LoggedRequest = {
      at: Date.now(),
      method: request.method ?? "GET",
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      authorization: request.headers.authorization ? request.headers.authorization.split(" ")[0] : undefined,
    };
    if (!url.pathname.startsWith("/__admin")) state.log.push(entry);
    const context: RequestContext = { request, response, url, state, body: await readBody(request), entry, baseUrl };
    try {
      if (url.pathname.startsWith("/__admin")) return admin(context);
      if (url.pathname === "/authorize" && request.method === "GET") return authorizePage(context);
      if (url.pathname.startsWith("/image/") && request.method === "GET") return handleImage(context);
      if (url.pathname.startsWith("/preview/") && request.method === "GET") return handlePreview(context);
      if (url.pathname === "/authorize/decision" && request.method === "POST") return authorizeDecision(context);
      if (url.pathname === "/api/token") {
        if (request.method !== "POST") return oauthError(context, "invalid_request", "POST required", 405);
        const fault = state.takeFault("/api/token");
        if (fault) return sendJson(context, fault.status, { error: "server_error", error_description: fault.message ?? "Injected fault" });
        return tokenEndpoint(context);
      }
      if (url.pathname.startsWith("/v1/")) {
        state.inFlight += 1;
        state.peakInFlight = Math.max(state.peakInFlight, state.inFlight);
        try {
          return await handleApi(context);
        } finally {
          state.inFlight -= 1;
        }
      }
      return sendJson(context, 404, { error: { status: 404, message: "Service not found" } });
    } catch (error) {
      return sendJson(context, 500, { error: { status: 500, message: `Fake Spotify failed: ${(error as Error).message}` } });
    }
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    accountsUrl: baseUrl,
    apiUrl: `${baseUrl}/v1`,
    state,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

if (import.meta.main) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({
    options: { port: { type: "string", default: "3901" }, "client-id": { type: "string" }, "client-secret": { type: "string" } },
  });
  const fake = await startFakeSpotify({ port: Number(values.port), clientId: values["client-id"], clientSecret: values["client-secret"] });
  console.log(
    `Fake Spotify on ${fake.url}\n  SPOTIFY_ACCOUNTS_URL=${fake.accountsUrl}\n  SPOTIFY_API_URL=${fake.apiUrl}\n  AUTH_SPOTIFY_ID=${fake.state.clientId}\n  AUTH_SPOTIFY_SECRET=${fake.state.clientSecret}`,
  );
  const stop = () => void fake.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
