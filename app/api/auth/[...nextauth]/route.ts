import type { NextRequest } from "next/server";
import { handlers } from "@/lib/auth";

/**
 * Next rewrites every loopback host (127.0.0.1, [::1]) to "localhost" in the URL it hands route
 * handlers, and Auth.js builds the OAuth redirect_uri from that URL. Spotify refuses localhost, so
 * the request is rebuilt with the origin the browser actually used, from the Host header.
 */
async function withBrowserOrigin(request: NextRequest): Promise<NextRequest> {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  if (!host) return request;
  const url = new URL(request.url);
  const protocol = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(/:$/, "");
  const rebuilt = new URL(`${url.pathname}${url.search}`, `${protocol}://${host}`);
  if (rebuilt.origin === url.origin) return request;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(rebuilt, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: "manual",
  }) as NextRequest;
}

export async function GET(request: NextRequest) {
  const browserRequest = await withBrowserOrigin(request);
  // A listener who declines on Spotify comes back with error=access_denied; Auth.js would call that
  // a configuration problem, so say what actually happened.
  const url = new URL(browserRequest.url);
  if (url.pathname.endsWith("/callback/spotify") && url.searchParams.get("error") === "access_denied") {
    return Response.redirect(new URL("/sign-in?error=AccessDenied", url.origin), 302);
  }
  return handlers.GET(browserRequest);
}

export async function POST(request: NextRequest) {
  return handlers.POST(await withBrowserOrigin(request));
}
