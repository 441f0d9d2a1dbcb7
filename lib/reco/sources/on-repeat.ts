import { historyCandidate, type Candidate, type SourceInput } from "./candidate";

/**
 * On repeat lately, the listener's current favourites: tracks listened to in the last 90 days,
 * strongest the more and the more recently they were played (only when recent plays are allowed
 * back: recentDays 0). Recent listens predict the next month's better than all-time counts do.
 */
export function onRepeat({ index, profile, request }: SourceInput): Candidate[] {
  if (request.recentDays !== 0) return [];
  const candidates: Candidate[] = [];
  let maxDecayed = 1e-9;
  for (let id = 0; id < index.tracks.length; id++) maxDecayed = Math.max(maxDecayed, profile.decayedListens[id]!);
  for (let id = 0; id < index.tracks.length; id++) {
    const recent = profile.recentListens[id]!;
    if (recent < 1) continue;
    candidates.push(
      historyCandidate(
        index,
        id,
        "rotation",
        0.45 + 0.55 * Math.sqrt(profile.decayedListens[id]! / maxDecayed),
        recent >= 2 ? `On repeat lately: ${recent} plays in the last 90 days.` : "Played lately: once in the last 90 days.",
      ),
    );
  }
  return candidates;
}
