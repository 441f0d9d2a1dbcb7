/**
 * Where and on what the demo listener plays: a phone that changes make halfway through, a desktop
 * that changes too, the web player at work for a while, and trips abroad. Older export generations
 * spelled the platform out ("Android OS 9 API 28 (…)"), so the long form is derived here as well.
 */
import type { Random } from "./random";

export type DemoPlatform = "android" | "ios" | "windows" | "osx" | "web_player";

export interface DeviceTimeline {
  /** The phone and the computer in use at a point of the history (0 = first day, 1 = last). */
  phone(progress: number): DemoPlatform;
  desktop(progress: number, random: Random): DemoPlatform;
}

export function deviceTimeline(random: Random): DeviceTimeline {
  const phoneSwitch = random.float(0.35, 0.55);
  const desktopSwitch = random.float(0.6, 0.8);
  const [webFrom, webTo] = [random.float(0.15, 0.3), random.float(0.5, 0.7)];
  return {
    phone: (progress) => (progress < phoneSwitch ? "android" : "ios"),
    desktop: (progress, pick) => {
      if (progress >= webFrom && progress < webTo && pick.chance(0.3)) return "web_player";
      return progress < desktopSwitch ? "windows" : "osx";
    },
  };
}

export const isPhone = (platform: DemoPlatform): boolean => platform === "android" || platform === "ios";

/** The long platform strings of pre-2019 exports, as devices reported themselves in that year. */
export function legacyPlatformName(platform: DemoPlatform, year: number): string {
  switch (platform) {
    case "android":
      return year < 2018 ? "Android OS 7.0 API 24 (samsung, SM-G930F)" : "Android OS 9 API 28 (Google, Pixel 3)";
    case "ios":
      return year < 2018 ? "iOS 10.3.3 (iPhone9,3)" : "iOS 12.1.4 (iPhone10,4)";
    case "windows":
      return "Windows 10 (10.0.17134; x64)";
    case "osx":
      return "OS X 10.13.6 [x86 8]";
    case "web_player":
      return "WebPlayer (websocket RFC6455)";
  }
}

export function legacyUserAgent(platform: DemoPlatform, year: number): string {
  switch (platform) {
    case "android":
      return `Spotify/8.4.${year - 1950} Android/${year < 2018 ? 24 : 28}`;
    case "ios":
      return `Spotify/8.4.${year - 1950} iOS/${year < 2018 ? "10.3.3" : "12.1.4"}`;
    case "web_player":
      return "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36";
    default:
      return "unknown";
  }
}

/** Countries the listener travels to, with how often. */
export const TRAVEL_COUNTRIES = ["FR", "IT", "ES", "NL", "AT", "PT", "GB", "DK", "US", "JP"] as const;
export const TRAVEL_WEIGHTS = [5, 5, 5, 4, 3, 3, 3, 2, 1, 1] as const;
