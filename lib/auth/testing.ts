import "server-only";
import { encode } from "next-auth/jwt";
import { authSecret } from "@/lib/security";
import type { Listener } from "./session";

/**
 * For tests: the Cookie header a signed-in listener's browser sends, made the way Auth.js makes
 * it (an encrypted JWT under the session cookie's name), so requests go through the real sign-in
 * check. `secure` picks the name Auth.js uses on https.
 */
export async function sessionCookieFor(listener: Pick<Listener, "id" | "isDemo">, { secure = false } = {}): Promise<string> {
  const name = `${secure ? "__Secure-" : ""}authjs.session-token`;
  const value = await encode({
    token: { sub: listener.id, userId: listener.id, isDemo: listener.isDemo },
    secret: authSecret(),
    salt: name,
    maxAge: 60 * 60,
  });
  return `${name}=${value}`;
}

/**
 * For tests: clicks "Try the demo" the way a browser does, through Auth.js's own handlers (the CSRF
 * token, then the demo provider's callback), and returns the session cookie it set and who it names.
 */
export async function signInAsDemoVisitor(origin = "http://127.0.0.1:3000"): Promise<{ id: string; cookie: string }> {
  const { handlers } = await import("./config");
  const { sessionOf } = await import("./session");
  type Handler = (request: Request) => Promise<Response>;
  const csrfResponse = await (handlers.GET as unknown as Handler)(new Request(`${origin}/api/auth/csrf`));
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrfResponse);
  const callback = await (handlers.POST as unknown as Handler)(
    new Request(`${origin}/api/auth/callback/demo`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, callbackUrl: `${origin}/dashboard` }),
    }),
  );
  const cookie = cookiesOf(callback)
    .split("; ")
    .filter((pair) => pair.startsWith("authjs.session-token"))
    .join("; ");
  if (!cookie) throw new Error(`the demo sign-in set no session cookie (status ${callback.status}, ${callback.headers.get("location")})`);
  const listener = await sessionOf(new Request(`${origin}/api/me`, { headers: { cookie } }));
  if (!listener) throw new Error("the demo sign-in's session names nobody");
  return { id: listener.id, cookie };
}

/** The `name=value` pairs a response sets, as one Cookie header. */
function cookiesOf(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}
