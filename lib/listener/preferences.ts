import "server-only";
import type { Listener } from "@/lib/auth";
import { getCache } from "@/lib/cache";
import {
  accountsRepository,
  getStore,
  recentDaysOf,
  timeZoneSourceOf,
  usersRepository,
  type AccountStatus,
  type ListenerSettings,
} from "@/lib/db";
import { AppError } from "@/lib/errors";
import { canonicalTimeZone, RECENT_DAYS_MAX, THRESHOLD_BOUNDS_MS, type SettingsPatch, type SettingsView } from "./settings";

/** Where a listener's profile is cached: a settings change deletes it, so the next request reads the new settings. */
export const profileCacheKey = (listenerId: string) => `listener:${listenerId}:profile`;

/** Every setting with its value, defaults filled in for accounts older than a setting. */
export function settingsViewOf(settings: ListenerSettings): SettingsView {
  return {
    timeZone: settings.timeZone,
    timeZoneSource: timeZoneSourceOf(settings),
    listenThresholdMs: settings.listenThresholdMs,
    allowExplicit: settings.allowExplicit,
    recentDays: recentDaysOf(settings),
  };
}

const invalid = (field: string, message: string) => new AppError("validation_failed", { errors: [{ field, message }] });

/** The stored form of a change, checked here too: the route validates first, any other caller gets the same answer. */
function storedChanges(patch: SettingsPatch): Partial<ListenerSettings> {
  const changes: Partial<ListenerSettings> = {};
  if (patch.timeZone !== undefined) {
    const zone = canonicalTimeZone(patch.timeZone);
    if (!zone) throw invalid("body.timeZone", `“${patch.timeZone}” is not a time zone: use an IANA name such as Europe/Berlin.`);
    changes.timeZone = zone;
    changes.timeZoneSource = "chosen";
  }
  if (patch.listenThresholdMs !== undefined) {
    const ms = patch.listenThresholdMs;
    if (!Number.isInteger(ms / 1000) || ms < THRESHOLD_BOUNDS_MS.min || ms > THRESHOLD_BOUNDS_MS.max)
      throw invalid("body.listenThresholdMs", "Use whole seconds from 5 s to 5 minutes, in milliseconds (30000 is 30 s).");
    changes.listenThresholdMs = ms;
  }
  if (patch.allowExplicit !== undefined) changes.allowExplicit = patch.allowExplicit;
  if (patch.recentDays !== undefined) {
    if (!Number.isInteger(patch.recentDays) || patch.recentDays < 0 || patch.recentDays > RECENT_DAYS_MAX)
      throw invalid("body.recentDays", `Use a whole number of days from 0 to ${RECENT_DAYS_MAX}.`);
    changes.recentDays = patch.recentDays;
  }
  return changes;
}

/**
 * Changes some of the listener's settings (the others stay) and returns them all. Idempotent: the
 * same change twice leaves the same settings. Every page, recommendation and answer computes
 * from the new ones from the next request: nothing is re-imported, since plays keep their
 * `ms_played` and the caches that depend on settings carry them in their keys. A
 * `browserTimeZone` is taken only while the zone is still the untouched default.
 */
export async function updateListenerSettings(
  listener: Pick<Listener, "id">,
  patch: SettingsPatch,
): Promise<{ settings: SettingsView; timeZoneAdopted: boolean }> {
  const users = usersRepository(await getStore());
  const changes = storedChanges(patch);
  let timeZoneAdopted = false;
  if (patch.browserTimeZone !== undefined && patch.timeZone === undefined) {
    const zone = canonicalTimeZone(patch.browserTimeZone);
    if (!zone) throw invalid("body.browserTimeZone", `“${patch.browserTimeZone}” is not a time zone.`);
    timeZoneAdopted = await users.adoptBrowserTimeZone(listener.id, zone);
  }
  if (Object.keys(changes).length > 0 && !(await users.updateSettings(listener.id, changes)))
    throw new AppError("not_found", { detail: "Your account no longer exists. Sign in again." });
  await getCache().delete(profileCacheKey(listener.id));
  const user = await users.findById(listener.id);
  if (!user) throw new AppError("not_found", { detail: "Your account no longer exists. Sign in again." });
  return { settings: settingsViewOf(user.settings), timeZoneAdopted };
}

/** The zone the browser reports at first sign-in, kept only while the listener never chose one. */
export async function adoptBrowserTimeZone(listener: Pick<Listener, "id">, timeZone: string): Promise<boolean> {
  return (await updateListenerSettings(listener, { browserTimeZone: timeZone })).timeZoneAdopted;
}

/** What Settings says about the listener's Spotify connection. */
export interface SpotifyConnection {
  /** `none` for demo visitors and after a disconnect; `reconnect_required` when Spotify refused our tokens. */
  status: AccountStatus | "none";
  /** The Spotify user id the tokens belong to. */
  spotifyId: string | null;
  lastSyncAt: string | null;
  /** Spotify asked us to slow down: no calls (sync, name lookups) before this instant. Null when not paused. */
  pausedUntil: string | null;
  /** The last sync found Spotify down; the next one retries. Null once a sync works. */
  syncFailedAt: string | null;
}

const notConnected: SpotifyConnection = { status: "none", spotifyId: null, lastSyncAt: null, pausedUntil: null, syncFailedAt: null };

export async function spotifyConnectionOf(listener: Pick<Listener, "id" | "isDemo">, now = new Date()): Promise<SpotifyConnection> {
  if (listener.isDemo) return notConnected;
  const account = await accountsRepository(await getStore()).find(listener.id);
  if (!account) return notConnected;
  return {
    status: account.status,
    spotifyId: account.spotifyId,
    lastSyncAt: account.lastSyncAt?.toISOString() ?? null,
    pausedUntil: account.pausedUntil && account.pausedUntil > now ? account.pausedUntil.toISOString() : null,
    syncFailedAt: account.syncFailedAt?.toISOString() ?? null,
  };
}

/**
 * "Disconnect Spotify": deletes the tokens we keep (so nothing can call Spotify for the listener)
 * and with them the sync of recent plays. Their imported history, likes and settings stay: signing
 * in with Spotify again reconnects and finds everything. Spotify has no endpoint to revoke an app's
 * grant; the listener removes it on their Spotify account page, which Settings links to.
 * Idempotent; returns whether there was a connection. A demo visitor has none to disconnect.
 */
export async function disconnectSpotify(listener: Pick<Listener, "id" | "isDemo">): Promise<boolean> {
  if (listener.isDemo)
    throw new AppError("conflict", { detail: "The demo has no Spotify account to disconnect. Sign in with Spotify to connect yours." });
  const removed = await accountsRepository(await getStore()).disconnect(listener.id);
  await getCache().delete(profileCacheKey(listener.id));
  return removed;
}
