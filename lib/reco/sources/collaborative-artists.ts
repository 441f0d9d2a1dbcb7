import { hasHeard, type Candidate, type SourceInput } from "./candidate";

/**
 * Collaborative filtering: tracks of artists listeners with a similar taste play, new to this one:
 * every artist of the signal, two tracks each, so a list asked for new music reaches many artists.
 */
export async function collaborativeArtists({ collaborative, heard, artistTracksOf }: SourceInput): Promise<Candidate[]> {
  if (!collaborative || collaborative.artists.length === 0) return [];
  const candidates: Candidate[] = [];
  const top = collaborative.artists.slice(0, 20);
  const maxScore = Math.max(...top.map((artist) => artist.score), 1e-9);
  // Where the public model's match of the listener's artists is partial, say what the guess rests on.
  const basis =
    collaborative.basis?.origin === "public"
      ? ` (based on ${collaborative.basis.matched.toLocaleString("en")} of your ${collaborative.basis.played.toLocaleString("en")} artists that other listeners share)`
      : "";
  const lists = await Promise.all(top.map((artist) => artistTracksOf(artist.name, null)));
  top.forEach((artist, position) => {
    let taken = 0;
    for (const track of lists[position] ?? []) {
      if (hasHeard(heard, track)) continue;
      const because = artist.because
        ? `Listeners who play ${artist.because} also play ${artist.name}${basis}.`
        : `Listeners with a taste like yours play ${artist.name}${basis}.`;
      candidates.push({
        key: `spotify:track:${track.trackId}`,
        trackId: track.trackId,
        name: track.name,
        artist: track.artist,
        album: track.album,
        source: "collaborative",
        strength: 0.9 * (artist.score / maxScore) * (1 - taken * 0.1),
        evidence: because,
        familiar: false,
        facts: track,
      });
      if (++taken >= 2) break;
    }
  });
  return candidates;
}
