/**
 * What every statistic means, written once: the rules the insights engine computes with and the
 * sentences the UI shows beside the numbers, built from the same constants (and the listener's own
 * listen threshold), so a widget can never describe a rule the engine does not apply.
 * Client-safe and dependency-free.
 */

/** Silence longer than this ends a session: 30 minutes. */
export const SESSION_GAP_MS = 30 * 60_000;

/** A listen: a play of at least the listener's threshold. */
export function isListen(msPlayed: number, listenThresholdMs: number): boolean {
  return msPlayed >= listenThresholdMs;
}

/** A skip: a play shorter than the threshold, or one Spotify marked skipped. */
export function isSkip(msPlayed: number, markedSkipped: boolean, listenThresholdMs: number): boolean {
  return msPlayed < listenThresholdMs || markedSkipped;
}

/** The statistics the UI names, each with one definition. */
export type Statistic =
  | "play"
  | "listen"
  | "skip"
  | "minutes"
  | "session"
  | "sessionLength"
  | "streak"
  | "longestEver"
  | "longestInRange"
  | "currentStreak"
  | "newArtist"
  | "newTrack"
  | "newTrackShare"
  | "newInYear"
  | "newTrackShareInYear"
  | "firstListen";

/** Each statistic's name as the UI shows it. */
export const STATISTIC_NAMES: Record<Statistic, string> = {
  play: "Play",
  listen: "Listen",
  skip: "Skip",
  minutes: "Minutes",
  session: "Session",
  sessionLength: "Session length",
  streak: "Streak",
  longestEver: "Longest ever",
  longestInRange: "Longest in this range",
  currentStreak: "Current streak",
  newArtist: "New artist",
  newTrack: "New track",
  newTrackShare: "Listens to new tracks",
  newInYear: "New in a year",
  newTrackShareInYear: "A year's listens to new tracks",
  firstListen: "First listen",
};

/** The order of the glossary under the dashboard. */
export const GLOSSARY: readonly Statistic[] = [
  "play",
  "listen",
  "skip",
  "minutes",
  "session",
  "sessionLength",
  "streak",
  "longestEver",
  "longestInRange",
  "currentStreak",
  "newArtist",
  "newTrack",
  "newTrackShare",
  "newInYear",
  "newTrackShareInYear",
  "firstListen",
];

export type Definitions = Record<Statistic, string>;

/** "30 seconds", "1 minute", "90 seconds". */
function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 === 0 && seconds > 0) return seconds === 60 ? "1 minute" : `${seconds / 60} minutes`;
  return seconds === 1 ? "1 second" : `${seconds} seconds`;
}

/** Every definition for a listener's listen threshold (sentences without a final full stop). */
export function definitionsFor(listenThresholdMs: number): Definitions {
  const threshold = duration(listenThresholdMs);
  const gap = duration(SESSION_GAP_MS);
  return {
    play: "Any stream in your history, however short, skips included",
    listen: `A play of at least ${threshold}`,
    skip: `A play shorter than ${threshold}, or one Spotify marked skipped`,
    minutes: "The time of every play added up, skips included",
    session: `Plays without a silence of more than ${gap} between them; a session ends after ${gap} of silence`,
    sessionLength:
      "The median session: half of the sessions are shorter, half are longer; from the first play's start to the last one's end",
    streak: "Consecutive days (in your time zone) with at least one listen",
    longestEver: "The longest streak in your whole history",
    longestInRange:
      "The longest streak counting only the days inside the range: a streak that began before the range counts from its first day",
    currentStreak: "The streak running up to today, or up to yesterday while today has no listen yet",
    newArtist: "An artist whose first listen falls inside the range",
    newTrack: "A track whose first listen falls inside the range",
    newTrackShare: "The share of the range's listens that went to tracks first heard inside it",
    newInYear: "An artist or track whose first listen falls in that year (shown for all time, where everything is new to the range)",
    newTrackShareInYear: "The share of a year's listens that went to tracks first heard that year",
    firstListen: `The day (in your time zone) of the earliest play of at least ${threshold}`,
  };
}
