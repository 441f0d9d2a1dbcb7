import { NextResponse, type NextRequest } from "next/server";

const SESSION_COOKIE = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * An optimistic check only: no session cookie, no app page; the sign-in page comes back here
 * afterwards. The real check (a valid, unexpired session) happens in the app layout and in every
 * route, which treat each request as public.
 */
export function proxy(request: NextRequest) {
  if (request.cookies.getAll().some((cookie) => SESSION_COOKIE.test(cookie.name))) return;
  const callbackUrl = `${request.nextUrl.pathname}${request.nextUrl.search}`;
  // The origin the browser used (Host header): Next reports loopback hosts as "localhost", and
  // a listener on 127.0.0.1 must stay there (Spotify sign-in only works on 127.0.0.1).
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? request.nextUrl.host;
  const protocol = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  const target = new URL("/sign-in", `${protocol}://${host}`);
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
    "/import/:path*",
    "/settings/:path*",
  ],
};
