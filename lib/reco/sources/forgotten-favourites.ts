import { DAY_MS, historyCandidate, type Candidate, type SourceInput } from "./candidate";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const monthYear = (epochMs: number) => {
  const date = new Date(epochMs);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
};

/** Forgotten favourites: loved once (five listens or more), not played for four months or more. */
export function forgottenFavourites({ index, profile }: SourceInput): Candidate[] {
  const now = profile.now;
  const candidates: Candidate[] = [];
  let maxListens = 1;
  for (let id = 0; id < index.tracks.length; id++) maxListens = Math.max(maxListens, profile.listens[id]!);
  const forgottenBefore = now - 120 * DAY_MS;
  for (let id = 0; id < index.tracks.length; id++) {
    const listens = profile.listens[id]!;
    if (listens < 5 || profile.lastPlayed[id]! >= forgottenBefore) continue;
    const gapYears = (now - profile.lastPlayed[id]!) / (365 * DAY_MS);
    // At most 0.45: below every track on repeat now, which the listener is likelier to want back.
    const strength = 0.45 * (Math.log1p(listens) / Math.log1p(maxListens)) * (1 - Math.exp(-gapYears * 1.5));
    const evidence = `You played “${index.tracks[id]!.name}” ${profile.peakYearListens[id]} times in ${profile.peakYear[id]} and not since ${monthYear(profile.lastPlayed[id]!)}.`;
    candidates.push(historyCandidate(index, id, "forgotten", strength, evidence));
  }
  return candidates;
}
