/**
 * The listener's playlist draft from Discover, as the chat sends it with each question (the draft
 * lives in the browser for now). Client-safe, and imports nothing: the tools and the shared types
 * both read it.
 */

/** One track of the draft. Only `spotify:track:` keys can be saved. */
export interface DiscoverDraftTrack {
  key: string;
  name: string;
  artist: string;
}

/** The most draft tracks a question carries (a Spotify playlist takes 100 tracks a request). */
export const DISCOVER_DRAFT_MAX_TRACKS = 100;
/** Longest track or artist name a draft track carries, in characters. */
export const DISCOVER_DRAFT_MAX_NAME = 200;
