import "server-only";
import { currentSession, sessionOf, type Listener } from "@/lib/auth";
import { getCache } from "@/lib/cache";
import { getStore, usersRepository, type ListenerSettings } from "@/lib/db";
import { profileCacheKey } from "./preferences";

export type { Listener } from "@/lib/auth";
export { settingsFingerprint } from "@/lib/db";
export { DEMO_IDLE_DAYS, removeIdleDemoListeners, SWEEP_AFTER_MS, sweepDeletedListeners } from "./cleanup";
export { deleteListener } from "./delete";
export {
  adoptBrowserTimeZone,
  disconnectSpotify,
  settingsViewOf,
  spotifyConnectionOf,
  updateListenerSettings,
  type SpotifyConnection,
} from "./preferences";
export {
  canonicalTimeZone,
  formatThreshold,
  RECENT_DAYS_CHOICES,
  RECENT_DAYS_MAX,
  THRESHOLD_BOUNDS_MS,
  THRESHOLD_CHOICES_S,
  type SettingsPatch,
  type SettingsView,
} from "./settings";

/** The listener with their profile: what the UI may know, no tokens, no internal fields. */
export interface ListenerProfile extends Listener {
  displayName: string;
  imageUrl: string | null;
  settings: ListenerSettings;
}

const PROFILE_TTL_SECONDS = 60;

/**
 * Adds the profile to a signed-in listener; null when their account no longer exists (a demo
 * visitor removed as idle signs in again). Keeps `lastSeenAt` current, at most once an hour.
 */
export async function profileOf(listener: Listener): Promise<ListenerProfile | null> {
  const cacheKey = profileCacheKey(listener.id);
  const cached = await getCache().get<Omit<ListenerProfile, "reconnectRequired">>(cacheKey);
  const base =
    cached ??
    (await (async () => {
      const users = usersRepository(await getStore());
      const user = await users.findById(listener.id);
      if (!user) return null;
      await users.touch(user);
      const profile = {
        id: user._id,
        displayName: user.displayName,
        imageUrl: user.imageUrl,
        isDemo: listener.isDemo,
        settings: user.settings,
      };
      await getCache().set(cacheKey, profile, { ttlSeconds: PROFILE_TTL_SECONDS });
      return profile;
    })());
  if (!base) return null;
  return { ...base, reconnectRequired: listener.reconnectRequired };
}

/** The signed-in listener's profile (server components), or null when nobody is signed in. */
export async function currentListener(): Promise<ListenerProfile | null> {
  const listener = await currentSession();
  return listener ? profileOf(listener) : null;
}

/** The profile of the listener a route request's session cookie names, or null. */
export async function listenerOf(request: Request): Promise<ListenerProfile | null> {
  const listener = await sessionOf(request);
  return listener ? profileOf(listener) : null;
}
