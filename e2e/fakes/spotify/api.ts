/**
 * The Web API half of the fake: bearer-token checks, scripted faults, and the endpoints a
 * development-mode app may call. Removed endpoints answer as Spotify does for new apps.
 */
import { sendApiError, sendJson, type RequestContext } from "./http";

const REMOVED_FOR_DEV_MODE = [/^\/v1\/recommendations/, /^\/v1\/audio-features/, /^\/v1\/audio-analysis/, /^\/v1\/artists\/[^/]+\/related-artists/, /^\/v1\/artists\/[^/]+\/top-tracks/];

function privateUser(context: RequestContext) {
  const { user } = context.state;
  const base = context.baseUrl;
  return {
    account_id: user.id,
    country: user.country,
    display_name: user.display_name,
    email: user.email,
    explicit_content: { filter_enabled: false, filter_locked: false },
    external_urls: { spotify: `https://open.spotify.com/user/${user.id}` },
    href: `${base}/v1/users/${user.id}`,
    id: user.id,
    images: [],
    product: user.product,
    type: "user",
    uri: `spotify:user:${user.id}`,
  };
}

export async function handleApi(context: RequestContext): Promise<void> {
  const { state, url, request } = context;
  const fault = state.takeFault(url.pathname) ?? state.takeFault("*");
  if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
  if (fault && fault.status >= 400) {
    const headers: Record<string, string> = fault.retryAfter !== undefined ? { "retry-after": String(fault.retryAfter) } : {};
    const message = fault.message ?? (fault.status === 429 ? (fault.reason === "QUOTA_EXCEEDED" ? "Too many requests" : "API rate limit exceeded") : "Server error");
    return sendApiError(context, fault.status, message, { reason: fault.reason, headers });
  }

  const header = request.headers.authorization;
  if (!header?.startsWith("Bearer ")) return sendApiError(context, 401, "No token provided");
  const token = state.accessTokens.get(header.slice(7));
  if (!token) return sendApiError(context, 401, "Invalid access token");
  if (token.expiresAt <= Date.now()) return sendApiError(context, 401, "The access token expired");

  if (REMOVED_FOR_DEV_MODE.some((pattern) => pattern.test(url.pathname))) {
    return sendApiError(context, url.pathname.startsWith("/v1/recommendations") ? 404 : 403, url.pathname.startsWith("/v1/recommendations") ? "Not found" : "Forbidden");
  }

  if (request.method === "GET" && url.pathname === "/v1/me") return sendJson(context, 200, privateUser(context));
  return sendApiError(context, 404, "Service not found");
}
