import "server-only";
import { currentSession, sessionOf, type Listener } from "@/lib/auth";
import { getStore, usersRepository } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

/**
 * Who is looking at the operations page. An operator sees the whole deployment and may retry jobs
 * and roll models back. In demo mode (no Spotify sign-in configured: the deployment is the demo)
 * each demo visitor sees a read-only view of their own instance (their jobs and AI usage, the
 * shared health and models), never another listener's data; where Spotify sign-in is configured,
 * a demo visitor is just another non-operator.
 */
export interface OpsViewer {
  id: string;
  role: "operator" | "visitor";
  /** Who acts, as the model events record it: `operator:<email>`. */
  by: string;
}

/** OPERATOR_EMAILS as a set of lower-case addresses. */
export function operatorEmails(source: string | undefined = env.OPERATOR_EMAILS): Set<string> {
  return new Set(
    (source ?? "")
      .split(",")
      .map((email) => email.trim().toLowerCase())
      .filter((email) => email.includes("@")),
  );
}

/**
 * The viewer a session names, or null for everyone the page must not exist for: nobody signed in,
 * Spotify listeners whose account's email (as Spotify gave it at sign-in) is not an operator's,
 * and demo visitors outside demo mode.
 */
export async function opsViewerOf(
  listener: Pick<Listener, "id" | "isDemo"> | null,
  { emails = operatorEmails(), demoMode = !env.AUTH_SPOTIFY_ID }: { emails?: Set<string>; demoMode?: boolean } = {},
): Promise<OpsViewer | null> {
  if (!listener) return null;
  if (listener.isDemo) return demoMode ? { id: listener.id, role: "visitor", by: `visitor:${listener.id}` } : null;
  if (emails.size === 0) return null;
  const user = await usersRepository(await getStore()).findById(listener.id);
  const email = user?.email?.trim().toLowerCase();
  if (!email || !emails.has(email)) return null;
  return { id: listener.id, role: "operator", by: `operator:${email}` };
}

/** The viewer of this request (the page), or null: the page then answers 404. */
export async function currentOpsViewer(): Promise<OpsViewer | null> {
  return opsViewerOf(await currentSession());
}

const hidden = () => new AppError("not_found", { detail: "There is nothing at this address." });
const signedOut = () => new AppError("unauthorized");

/** The session's viewer; nobody signed in is told to sign in (401), like every other API. */
async function viewerOf(request: Request): Promise<OpsViewer | null> {
  const session = await sessionOf(request);
  if (!session) throw signedOut();
  return opsViewerOf(session);
}

/**
 * The operations API's gates for lib/http's route(): `view` admits operators and demo visitors,
 * `act` (retry, rollback) operators only. Nobody signed in gets 401, as from every API; any other
 * listener gets the 404 any unknown address gets, before the request's body is read: the page is
 * not advertised to those who may not open it.
 */
export const opsGates = {
  view: {
    name: "ops:view",
    async caller(request: Request): Promise<OpsViewer> {
      const viewer = await viewerOf(request);
      if (!viewer) throw hidden();
      return viewer;
    },
  },
  act: {
    name: "ops:act",
    async caller(request: Request): Promise<OpsViewer> {
      const viewer = await viewerOf(request);
      if (viewer?.role !== "operator") throw hidden();
      return viewer;
    },
  },
} as const;
