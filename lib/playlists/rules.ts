/**
 * A playlist's limits and the rules for its name and description, in plain TypeScript: the editor
 * in the browser applies them without zod (which would add 32 kB to every page that can start a
 * playlist), and `limits.ts` builds the routes' zod schemas on the same numbers and messages.
 */

/** Most tracks a playlist holds here (Spotify allows more, but an editor of 500 rows is the useful size). */
export const PLAYLIST_MAX_TRACKS = 500;
/** Spotify's limit on a playlist's name, in characters. */
export const PLAYLIST_MAX_NAME = 100;
/** Spotify's limit on a playlist's description, in characters. */
export const PLAYLIST_MAX_DESCRIPTION = 300;

/** The message for a playlist that would pass the track limit. */
export const TOO_MANY_TRACKS = `A playlist holds at most ${PLAYLIST_MAX_TRACKS} tracks: remove some, or start a new playlist for the rest.`;
export const NAME_MISSING = "Give the playlist a name.";
export const NAME_TOO_LONG = `A playlist name has at most ${PLAYLIST_MAX_NAME} characters (Spotify's limit).`;
export const DESCRIPTION_TOO_LONG = `A description has at most ${PLAYLIST_MAX_DESCRIPTION} characters (Spotify's limit).`;

export type RuleResult = { ok: true; value: string } | { ok: false; message: string };

/** A name, trimmed: at least one character, at most Spotify's limit. */
export function checkPlaylistName(value: unknown): RuleResult {
  if (typeof value !== "string") return { ok: false, message: NAME_MISSING };
  const name = value.trim();
  if (name.length < 1) return { ok: false, message: NAME_MISSING };
  if (name.length > PLAYLIST_MAX_NAME) return { ok: false, message: NAME_TOO_LONG };
  return { ok: true, value: name };
}

/** A description, trimmed (empty removes it): at most Spotify's limit. */
export function checkPlaylistDescription(value: unknown): RuleResult {
  if (typeof value !== "string") return { ok: false, message: "Write the description as text." };
  const description = value.trim();
  if (description.length > PLAYLIST_MAX_DESCRIPTION) return { ok: false, message: DESCRIPTION_TOO_LONG };
  return { ok: true, value: description };
}
