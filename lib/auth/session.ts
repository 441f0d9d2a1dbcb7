import "server-only";
import type { Session } from "next-auth";
import { cache } from "react";
import { isDemoVisitorId } from "@/lib/db";
import { demoEnabled } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

/**
 * Who is signed in: what the session cookie says. `lib/listener` adds the profile fields
 * (`ListenerProfile`); both name the listener's id `id`.
 */
export interface Listener {
  id: string;
  isDemo: boolean;
  /** Spotify refused our refresh token: show the reconnect prompt. */
  reconnectRequired: boolean;
}

/**
 * The listener a session names, or null for nobody. A demo session counts only while the demo is
 * on (switching it off signs every demo visitor out) and only for a visitor's own id: a session
 * from before visitors had their own ids named the shared demo history, and is signed out too.
 */
function listenerOf(session: Session | null): Listener | null {
  if (!session?.userId) return null;
  if (session.isDemo && (!demoEnabled() || !isDemoVisitorId(session.userId))) return null;
  return { id: session.userId, isDemo: session.isDemo, reconnectRequired: session.error === "reconnect" };
}

/** The signed-in listener of this request (server components, actions), or null. Every data read starts here. */
export const currentSession = cache(async (): Promise<Listener | null> => listenerOf(await auth()));

/** Auth.js's "API route" form: reads the session from these headers rather than from Next's request scope. */
type SessionFromHeaders = (request: { headers: Headers }, response: { headers: Headers }) => Promise<Session | null>;

/**
 * The listener a route request's session cookie names, or null. It reads the request itself, so it
 * works wherever the request goes (route handlers, tests) and not only inside Next's request scope.
 */
export async function sessionOf(request: Request): Promise<Listener | null> {
  const headers = new Headers(request.headers);
  // Auth.js builds its own URL (and so the cookie's name) from these, which Next always sets; a
  // request made in a test may lack them.
  const url = new URL(request.url);
  if (!headers.has("host") && !headers.has("x-forwarded-host")) headers.set("host", url.host);
  if (!headers.has("x-forwarded-proto")) headers.set("x-forwarded-proto", url.protocol.replace(/:$/, ""));
  // Cookies Auth.js would refresh are dropped, as they are for auth() in a server component.
  return listenerOf(await (auth as unknown as SessionFromHeaders)({ headers }, { headers: new Headers() }));
}

export const signInRequired = () => new AppError("unauthorized", { detail: "Sign in with Spotify or start the demo, then try again." });

/** For server actions: the listener, or a 401 problem telling the caller to sign in. */
export async function requireListener(): Promise<Listener> {
  const listener = await currentSession();
  if (!listener) throw signInRequired();
  return listener;
}
