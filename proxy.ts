import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * An optimistic check only: no session cookie, no app page; the sign-in page comes back here
 * afterwards. The real check (a valid, unexpired session) happens in the app layout and in every
 * route, which treat each request as public.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name))) return;
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  // On APP_URL, never on the Host or X-Forwarded-Host the request claims: a forged header must not
  // send a listener elsewhere. Next reports loopback hosts as "localhost", which Spotify refuses;
  // APP_URL (by default http://127.0.0.1:3000) keeps a listener on the origin sign-in works on.
  const target = new URL("/sign-in", env.APP_URL);
  target.searchParams.set("callbackUrl", callbackUrl);
  return NextResponse.redirect(target);
}

export const config = {
  matcher: [
    "/dashboard/:path*",
    "/recap/:path*",
    "/discover/:path*",
    "/assistant/:path*",
    "/playlists/:path*",
    "/blend/:path*",
    "/import/:path*",
    "/settings/:path*",
  ],
};
