import "server-only";
import { currentSession } from "@/lib/auth";
import { getCache } from "@/lib/cache";
import { getStore, usersRepository, type ListenerSettings } from "@/lib/db";
import { AppError } from "@/lib/errors";

/** What the UI may know about the listener: no tokens, no internal fields. */
export interface ListenerProfile {
  id: string;
  displayName: string;
  imageUrl: string | null;
  isDemo: boolean;
  /** Spotify refused our refresh token: show the reconnect prompt. */
  reconnectRequired: boolean;
  settings: ListenerSettings;
}

const PROFILE_TTL_SECONDS = 60;

/** The signed-in listener's profile, or null when nobody is signed in. */
export async function currentListener(): Promise<ListenerProfile | null> {
  const session = await currentSession();
  if (!session) return null;
  const cacheKey = `listener:${session.userId}:profile`;
  const cached = await getCache().get<Omit<ListenerProfile, "reconnectRequired">>(cacheKey);
  const base =
    cached ??
    (await (async () => {
      const users = usersRepository(await getStore());
      const user = session.isDemo ? await users.ensureDemoUser() : await users.findById(session.userId);
      if (!user) return null;
      const profile = { id: user._id, displayName: user.displayName, imageUrl: user.imageUrl, isDemo: session.isDemo, settings: user.settings };
      await getCache().set(cacheKey, profile, { ttlSeconds: PROFILE_TTL_SECONDS });
      return profile;
    })());
  if (!base) return null;
  return { ...base, reconnectRequired: session.reconnectRequired };
}

/** For routes: the listener, or a 401 problem. */
export async function requireCurrentListener(): Promise<ListenerProfile> {
  const listener = await currentListener();
  if (!listener) throw new AppError("unauthorized", { detail: "Sign in with Spotify or start the demo, then try again." });
  return listener;
}
