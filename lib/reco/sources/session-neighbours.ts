import { followers } from "../profile";
import { historyCandidate, type Candidate, type SourceInput } from "./candidate";

/** Session neighbours of the seed (or of this season's favourites): what the listener plays right after them. */
export function sessionNeighbours({ index, profile, request, heard }: SourceInput): Candidate[] {
  const candidates: Candidate[] = [];
  const seeds = new Set<number>();
  const seedId = request.seed ? heard.get(request.seed) : undefined;
  if (seedId !== undefined) seeds.add(seedId);
  else {
    const recent = [...profile.recentListens.keys()]
      .filter((id) => profile.recentListens[id]! > 0)
      .sort((a, b) => profile.recentListens[b]! - profile.recentListens[a]!);
    for (const id of recent.slice(0, 15)) seeds.add(id);
  }
  const next = followers(index, seeds, { now: profile.now });
  let maxFollows = 1;
  for (const counts of next.values()) for (const count of counts.values()) maxFollows = Math.max(maxFollows, count);
  for (const [seed, counts] of next) {
    for (const [id, count] of counts) {
      if (count < 2) continue;
      const strength = (count / maxFollows) * (seedId !== undefined ? 1.2 : 0.5);
      candidates.push(
        historyCandidate(index, id, "session", strength, `Often played right after “${index.tracks[seed]!.name}” (${count} times).`),
      );
    }
  }
  return candidates;
}
