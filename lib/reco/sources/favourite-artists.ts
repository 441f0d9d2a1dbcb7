import { hasHeard, type Candidate, type SourceInput } from "./candidate";

/** Favourite artists' tracks the listener has not heard (their eight favourites, six tracks each at most). */
export async function favouriteArtistsUnheard({
  index,
  profile,
  heard,
  knownTrackOfArtist,
  artistTracksOf,
}: SourceInput): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  const artistOrder = [...profile.artistListens.keys()].sort(
    (a, b) =>
      profile.artistRecentListens[b]! * 4 + profile.artistListens[b]! - (profile.artistRecentListens[a]! * 4 + profile.artistListens[a]!),
  );
  const favourites = artistOrder.slice(0, 8).filter((id) => profile.artistListens[id]! > 0);
  const maxArtist = Math.max(1, ...favourites.map((id) => profile.artistListens[id]!));
  const artistLists = await Promise.all(
    favourites.map((id) => artistTracksOf(index.artists[id]!.name, knownTrackOfArtist.get(id) ?? null)),
  );
  favourites.forEach((artistId, position) => {
    const artist = index.artists[artistId]!;
    let taken = 0;
    for (const track of artistLists[position] ?? []) {
      if (hasHeard(heard, track)) continue;
      const strength = 0.8 * (Math.log1p(profile.artistListens[artistId]!) / Math.log1p(maxArtist)) * (1 - taken * 0.08);
      candidates.push({
        key: `spotify:track:${track.trackId}`,
        trackId: track.trackId,
        name: track.name,
        artist: track.artist,
        album: track.album,
        source: "catalogue",
        strength,
        evidence: `New to you, by ${artist.name}, whom you've played ${profile.artistListens[artistId]} times.`,
        familiar: false,
        facts: track,
      });
      if (++taken >= 6) break;
    }
  });
  return candidates;
}
