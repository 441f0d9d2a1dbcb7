import "server-only";
import { getCache } from "@/lib/cache";
import { getStore, usersRepository, type ListenerSettings } from "@/lib/db";

/** What the UI may know about the listener: no tokens, no internal fields. */
export interface ListenerProfile {
  id: string;
  displayName: string;
  imageUrl: string | null;
  isDemo: boolean;
  settings: ListenerSettings;
}

const PROFILE_TTL_SECONDS = 60;

/**
 * The listener this request acts for. Until Spotify sign-in lands every visitor is the demo
 * listener; callers already treat it as the one place that decides who is asking.
 */
export async function currentListener(): Promise<ListenerProfile> {
  const cacheKey = "listener:demo:profile";
  const cached = await getCache().get<ListenerProfile>(cacheKey);
  if (cached) return cached;
  const user = await usersRepository(await getStore()).ensureDemoUser();
  const profile: ListenerProfile = {
    id: user._id,
    displayName: user.displayName,
    imageUrl: user.imageUrl,
    isDemo: user._id === "demo",
    settings: user.settings,
  };
  await getCache().set(cacheKey, profile, { ttlSeconds: PROFILE_TTL_SECONDS });
  return profile;
}
