import { historyCandidate, type Candidate, type SourceInput } from "./candidate";

/** On repeat lately: tracks played at least twice in the last 90 days (only when recent plays are allowed back: recentDays 0). */
export function onRepeat({ index, profile, request }: SourceInput): Candidate[] {
  if (request.recentDays !== 0) return [];
  const candidates: Candidate[] = [];
  let maxRecent = 1;
  for (let id = 0; id < index.tracks.length; id++) maxRecent = Math.max(maxRecent, profile.recentListens[id]!);
  for (let id = 0; id < index.tracks.length; id++) {
    const recent = profile.recentListens[id]!;
    if (recent < 2) continue;
    candidates.push(
      historyCandidate(index, id, "rotation", Math.sqrt(recent / maxRecent), `On repeat lately: ${recent} plays in the last 90 days.`),
    );
  }
  return candidates;
}
