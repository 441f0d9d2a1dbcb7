/**
 * The listener's settings as Settings shows and edits them: the choices offered, the bounds the
 * server accepts, and the time zone check. Pure and dependency-free, so the browser shares it
 * with the route that validates a change.
 */
import type { ListenerSettings, TimeZoneSource } from "@/lib/db";

export type { TimeZoneSource } from "@/lib/db";

/** Every setting with its value: what `GET /api/me/settings` returns and the Settings page edits. */
export interface SettingsView {
  timeZone: string;
  timeZoneSource: TimeZoneSource;
  listenThresholdMs: number;
  allowExplicit: boolean;
  recentDays: number;
}

/** A change: any of the settings; `browserTimeZone` only fills a zone the listener never chose. */
export type SettingsPatch = Partial<Pick<ListenerSettings, "timeZone" | "listenThresholdMs" | "allowExplicit" | "recentDays">> & {
  browserTimeZone?: string;
};

/** The listen thresholds offered, in seconds (30 is Spotify's own rule). */
export const THRESHOLD_CHOICES_S = [10, 20, 30, 45, 60, 90, 120] as const;

/** What the API accepts for `listenThresholdMs`: whole seconds from 5 s to 5 minutes. */
export const THRESHOLD_BOUNDS_MS = { min: 5_000, max: 300_000 } as const;

/** How many days of recent plays Discover may leave out (0: none). */
export const RECENT_DAYS_CHOICES = [0, 7, 14, 30, 60, 90] as const;

/** What the API accepts for `recentDays`. */
export const RECENT_DAYS_MAX = 365;

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;

/**
 * The zone as we store it, or null when the runtime does not know it: IANA names only (no
 * offsets such as "+02:00"), case fixed ("asia/tokyo" → "Asia/Tokyo"). An alias stays as written
 * ("Asia/Kolkata" is not turned into ICU's "Asia/Calcutta"), since both work everywhere.
 */
export function canonicalTimeZone(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > 64 || !ZONE_NAME.test(trimmed)) return null;
  try {
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: trimmed }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === trimmed.toLowerCase() ? resolved : trimmed;
  } catch {
    return null;
  }
}

/**
 * The zones a listener can pick from: the runtime's IANA list (which leaves out "UTC" itself),
 * UTC first, and `current` too when the list spells it differently (an alias from another browser).
 */
export function timeZoneChoices(current?: string): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  const all = new Set(["UTC", ...zones]);
  if (current) all.add(current);
  return ["UTC", ...[...all].filter((zone) => zone !== "UTC").sort()];
}

/** "30 s", "2 min": a threshold as the listener reads it. */
export function formatThreshold(ms: number): string {
  const seconds = Math.round(ms / 1000);
  return seconds >= 60 && seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}

/** A zone with its current offset, for the list: "Asia/Tokyo (UTC+9)". */
export function describeTimeZone(zone: string, at = new Date()): string {
  try {
    const offset = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((part) => part.type === "timeZoneName")?.value;
    return offset ? `${zone} (${offset.replace("GMT", "UTC")})` : zone;
  } catch {
    return zone;
  }
}
