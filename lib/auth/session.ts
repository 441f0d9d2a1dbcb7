import "server-only";
import { cache } from "react";
import { AppError } from "@/lib/errors";
import { auth } from "./config";

export interface ListenerSession {
  userId: string;
  isDemo: boolean;
  reconnectRequired: boolean;
}

/** The signed-in listener of this request, or null. Every data read starts here. */
export const currentSession = cache(async (): Promise<ListenerSession | null> => {
  const session = await auth();
  if (!session?.userId) return null;
  return { userId: session.userId, isDemo: session.isDemo, reconnectRequired: session.error === "reconnect" };
});

/** For routes and actions: the listener, or a 401 problem telling the caller to sign in. */
export async function requireListener(): Promise<ListenerSession> {
  const session = await currentSession();
  if (!session) throw new AppError("unauthorized", { detail: "Sign in with Spotify or start the demo, then try again." });
  return session;
}
