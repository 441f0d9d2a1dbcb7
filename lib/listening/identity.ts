/**
 * The identity rules of a play: which plays are the same track, the same artist, the same play.
 * Every layer that matches plays (import, sync, the index, the recommender) uses these.
 */
import { perProcess } from "@/lib/process-state";

// Histories repeat their names thousands of times: remember recent answers (bounded).
const normalisedNames = perProcess("listening.normalisedNames", () => new Map<string, string>());

/** Lower-case, accents and punctuation folded, spaces collapsed: "Beyoncé – Halo!" → "beyonce halo". */
export function normaliseName(value: string): string {
  const known = normalisedNames.get(value);
  if (known !== undefined) return known;
  const normalised = foldName(value);
  if (normalisedNames.size >= 50_000) normalisedNames.clear();
  normalisedNames.set(value, normalised);
  return normalised;
}

function foldName(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Normalised `artist|title`: matches rows that carry no track id. */
export function nameKeyFor(play: { artistName: string; trackName: string }): string {
  return `${normaliseName(play.artistName)}|${normaliseName(play.trackName)}`;
}

/** The identity of a track across sources: its Spotify id when known, else artist and title. */
export function trackKeyFor(play: { trackId: string | null; artistName: string; trackName: string }): string {
  return play.trackId ? `spotify:track:${play.trackId}` : nameKeyFor(play);
}

/** A play's key in `removed` segments and in the index: `<playedAt ms>|<trackKey>`. */
export const removalKey = (playedAt: number, trackKey: string) => `${playedAt}|${trackKey}`;
