import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";
import { env } from "@/lib/env";
import { errorResponse, KB, readBodyText, requestIdFor } from "@/lib/http";

/**
 * Auth.js's posts are small forms (a CSRF token, a callback URL): anything over this is refused
 * with 413 before the rest is read, as every other route's body is.
 */
const AUTH_BODY_LIMIT = 16 * KB;

/**
 * Auth.js builds the OAuth redirect_uri and every redirect from the request's URL. That URL must
 * be APP_URL's origin: not the Host or X-Forwarded-Host a request claims (forgeable, and a forged
 * one would send the listener elsewhere), and not what Next reports either (it rewrites loopback
 * hosts such as 127.0.0.1 to "localhost", which Spotify refuses as a redirect URI). So the request
 * is rebuilt on APP_URL, without the forwarding headers.
 */
async function onAppOrigin(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.url);
  const rebuilt = new URL(`${url.pathname}${url.search}`, new URL(env.APP_URL).origin);
  const headers = new Headers(request.headers);
  headers.set("host", rebuilt.host);
  headers.delete("x-forwarded-host");
  headers.delete("x-forwarded-proto");
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(rebuilt, {
    method: request.method,
    headers,
    body: hasBody ? await readBodyText(request, AUTH_BODY_LIMIT) : undefined,
    redirect: "manual",
  }) as NextRequest;
}

export async function GET(request: NextRequest) {
  const appRequest = await onAppOrigin(request);
  // A listener who declines on Spotify comes back with error=access_denied; Auth.js would call that
  // a configuration problem, so say what actually happened.
  const url = new URL(appRequest.url);
  if (url.pathname.endsWith("/callback/spotify") && url.searchParams.get("error") === "access_denied") {
    return Response.redirect(new URL("/sign-in?error=AccessDenied", url.origin), 302);
  }
  return handlers.GET(appRequest);
}

export async function POST(request: NextRequest) {
  let appRequest: NextRequest;
  try {
    appRequest = await onAppOrigin(request);
  } catch (error) {
    return errorResponse(error, request, requestIdFor(request));
  }
  return handlers.POST(appRequest);
}
