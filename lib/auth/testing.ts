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
