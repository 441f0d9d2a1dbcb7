/**
 * The listener's opinions as the browser holds them: what changes at once when they press a
 * button (before the server answers), so a like shows pressed and a hidden card goes without
 * waiting. The server's answer replaces it when it comes.
 */
import type { FeedbackEntry, FeedbackInput, ListenerFeedback } from "@/lib/reco/client";

export const NO_OPINIONS: ListenerFeedback = {
  likedTracks: [],
  dislikedTracks: [],
  likedArtists: [],
  blockedArtists: [],
  snoozedTracks: [],
};

const SNOOZE_MS = 7 * 86_400_000;

/** Artists are stored under a normalised name; near enough here, and the server's list follows. */
const itemKey = (input: Pick<FeedbackInput, "target" | "itemId">) =>
  input.target === "artist" ? input.itemId.trim().toLowerCase() : input.itemId;

/** The lists after one opinion is said (or taken back with kind null): one opinion per item. */
export function applyOpinion(feedback: ListenerFeedback, input: FeedbackInput, now = Date.now()): ListenerFeedback {
  const key = itemKey(input);
  const keep = <T extends FeedbackEntry>(entries: T[]) =>
    entries.filter((entry) => !(entry.target === input.target && itemKey(entry) === key));
  const next: ListenerFeedback = {
    likedTracks: keep(feedback.likedTracks),
    dislikedTracks: keep(feedback.dislikedTracks),
    likedArtists: keep(feedback.likedArtists),
    blockedArtists: keep(feedback.blockedArtists),
    snoozedTracks: keep(feedback.snoozedTracks),
  };
  if (input.kind === null) return next;
  const entry: FeedbackEntry = {
    target: input.target,
    itemId: key,
    name: input.name ?? input.itemId,
    artist: input.target === "track" ? (input.artist ?? null) : null,
    trackId: /^spotify:track:([A-Za-z0-9]{22})$/.exec(input.itemId)?.[1] ?? null,
    at: new Date(now).toISOString(),
  };
  if (input.target === "artist") {
    if (input.kind === "like") next.likedArtists.unshift(entry);
    else if (input.kind === "dislike") next.blockedArtists.unshift(entry);
  } else if (input.kind === "like") next.likedTracks.unshift(entry);
  else if (input.kind === "dislike") next.dislikedTracks.unshift(entry);
  else next.snoozedTracks.unshift({ ...entry, until: new Date(now + SNOOZE_MS).toISOString() });
  return next;
}

/** Whether an opinion takes the pick out of the list (a like keeps it). */
export function hides(input: FeedbackInput): boolean {
  return input.kind === "dislike" || input.kind === "not_now";
}

/** Track keys the listener likes, for the pressed state of Like. */
export function likedKeys(feedback: ListenerFeedback | undefined): ReadonlySet<string> {
  return new Set((feedback ?? NO_OPINIONS).likedTracks.map((entry) => entry.itemId));
}
