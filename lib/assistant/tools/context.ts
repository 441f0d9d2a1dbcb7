import "server-only";
import { z } from "zod";
import { normaliseName } from "@/lib/listening";
import { listenerIndex } from "@/lib/insights";
import type { ListeningIndex } from "@/lib/listening";
import type { ListenerProfile } from "@/lib/listener";
import { CONTEXT_IDS } from "@/lib/reco";
import type { SpotifyClient } from "@/lib/spotify";
import type { DiscoverDraftTrack } from "../draft-track";

/** What every tool of one chat turn works with. */
export interface ToolContext {
  listener: ListenerProfile;
  /** The listener's catalogue and player: Spotify's Web API, or the demo catalogue. */
  client: SpotifyClient;
  /** The listener's playlist draft from Discover, as their browser sent it with this turn. */
  draft?: readonly DiscoverDraftTrack[];
}

export const contextSchema = z.enum(CONTEXT_IDS as [string, ...string[]]);

/**
 * The history track that best matches a name ("Song", "Song by Artist", an artist): exact titles
 * before partial ones, then the listener's most played (listens, as every page counts them).
 */
export async function historyTrackFor(listener: ListenerProfile, text: string): Promise<{ index: ListeningIndex; id: number } | null> {
  const index = await listenerIndex(listener);
  const [titlePart, artistPart] = text.split(/\s+by\s+/i);
  const title = normaliseName(titlePart ?? "");
  const artist = artistPart ? normaliseName(artistPart) : null;
  if (!title) return null;
  const plays = new Int32Array(index.tracks.length);
  const threshold = listener.settings.listenThresholdMs;
  for (let row = 0; row < index.count; row++) if (index.msPlayed[row]! >= threshold) plays[index.track[row]!]!++;
  const closeness = (name: string) => (name === title ? 3 : name.startsWith(`${title} `) ? 2 : name.includes(title) ? 1 : 0);
  let best = -1;
  let bestScore = 0;
  index.tracks.forEach((track, id) => {
    const name = normaliseName(track.name);
    const artistName = index.artists[track.artist]?.key ?? "";
    let score: number;
    if (artist) score = artistName.includes(artist) ? closeness(name) : 0;
    else score = Math.max(closeness(name), artistName === title ? 1 : 0);
    if (score === 0) return;
    if (score > bestScore || (score === bestScore && plays[id]! > plays[best]!)) {
      best = id;
      bestScore = score;
    }
  });
  return best >= 0 ? { index, id: best } : null;
}
