import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, NONCE_HEADER, pagePolicy } from "@/lib/security/headers";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * Every page gets a Content-Security-Policy with a fresh nonce: Next reads it from the request's
 * CSP header and puts it on its scripts; the root layout reads x-nonce for next-themes. Reading the
 * nonce makes every page render per request: no HTML page is prerendered (README, "Security").
 *
 * The app pages (the matcher's plain entries) also get an optimistic check: no session cookie, no
 * app page; the sign-in page comes back here afterwards. The real check (a valid, unexpired session)
 * happens in the app layout and in every route, which treat each request as public.
 */
export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (isAppPage(pathname) && !request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name))) {
    // On APP_URL, never on the Host or X-Forwarded-Host the request claims: a forged header must not
    // send a listener elsewhere. Next reports loopback hosts as "localhost", which Spotify refuses;
    // APP_URL (by default http://127.0.0.1:3000) keeps a listener on the origin sign-in works on.
    const target = new URL("/sign-in", env.APP_URL);
    target.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(target);
  }
  const nonce = createNonce();
  const policy = pagePolicy(nonce, env);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(NONCE_HEADER, nonce);
  requestHeaders.set("Content-Security-Policy", policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", policy);
  return response;
}

export const config = {
  matcher: [
    // Every page, for its CSP: not the APIs, Next's assets and image optimizer, the demo art, or
    // files with an extension (public/, icon.svg, robots.txt): they get next.config.ts's headers.
    // Link prefetches carry no HTML, so no nonce either.
    {
      source: "/((?!api/|_next/static/|_next/image|demo-art/|.*\\.[A-Za-z0-9]+$).*)",
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
    // The app pages, which need a session cookie (see isAppPage): "/<section>/:path*" each.
    "/dashboard/:path*",
    "/recap/:path*",
    "/discover/:path*",
    "/assistant/:path*",
    "/playlists/:path*",
    "/blend/:path*",
    "/import/:path*",
    "/settings/:path*",
    "/ops/:path*",
  ],
};

/** The sections the matcher's plain "/<section>/:path*" entries name, so a new one is added in one place. */
const APP_SECTIONS = config.matcher.flatMap((entry) => (typeof entry === "string" ? [entry.replace(/\/:path\*$/, "")] : []));

function isAppPage(pathname: string): boolean {
  return APP_SECTIONS.some((section) => pathname === section || pathname.startsWith(`${section}/`));
}
