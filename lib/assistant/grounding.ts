import "server-only";
import { matchConfidence, MIN_CONFIDENCE } from "@/lib/ingest";
import type { SpotifyClient, Track } from "@/lib/spotify";
import type { TrackCard } from "./tool-outputs";

export function cardOf(track: Track, confidence: number, explanation?: string): TrackCard {
  return {
    key: track.uri,
    trackId: track.id,
    name: track.name,
    artist: track.artists.map((artist) => artist.name).join(", "),
    album: track.album?.name ?? null,
    imageUrl: track.album?.imageUrl ?? null,
    confidence: Math.round(confidence * 100) / 100,
    source: "catalog",
    ...(explanation ? { explanation } : {}),
  };
}

/** Search terms for a title and artist, without the quotes and brackets search engines choke on. */
function searchQuery(title: string, artist: string): string {
  const clean = (value: string) =>
    value
      .replace(/["'()[\]{}:]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  return `track:${clean(title)} artist:${clean(artist)}`;
}

/**
 * Resolves suggested songs (a model's, or the listener's words) to real catalogue tracks through
 * search: each keeps the best result when its title and artist match with confidence of at least
 * MIN_CONFIDENCE; anything else is dropped and counted, never shown as a track.
 */
export async function groundTracks(
  client: SpotifyClient,
  suggestions: Array<{ title: string; artist: string }>,
): Promise<{ tracks: TrackCard[]; dropped: number }> {
  const resolved = await Promise.all(
    suggestions.slice(0, 50).map(async ({ title, artist }) => {
      if (!title.trim() || !artist.trim()) return null;
      const results = await client
        .search(searchQuery(title, artist), { types: ["track"], limit: 10 })
        .catch(() => ({ tracks: [] as Track[] }));
      // The best match; between equal ones (a song and its remaster), the one titled exactly so.
      let best: { track: Track; confidence: number; exact: boolean } | null = null;
      for (const track of results.tracks ?? []) {
        const confidence = matchConfidence(title, artist, track);
        const exact = track.name.trim().toLowerCase() === title.trim().toLowerCase();
        if (!best || confidence > best.confidence || (confidence === best.confidence && exact && !best.exact))
          best = { track, confidence, exact };
      }
      return best && best.confidence >= MIN_CONFIDENCE ? cardOf(best.track, best.confidence) : null;
    }),
  );
  const seen = new Set<string>();
  const tracks: TrackCard[] = [];
  let dropped = 0;
  for (const card of resolved) {
    if (!card) dropped++;
    else if (!seen.has(card.key)) {
      // The same song suggested twice is shown once, and is not "left out".
      seen.add(card.key);
      tracks.push(card);
    }
  }
  return { tracks, dropped };
}

/** Free-text catalogue search ("calm piano", "Motel Wonders"): the results are real tracks by construction. */
export async function searchTracks(client: SpotifyClient, query: string, limit: number): Promise<TrackCard[]> {
  const results = await client.search(query, { types: ["track"], limit: Math.min(10, limit) });
  return (results.tracks ?? []).map((track) => cardOf(track, 1));
}
