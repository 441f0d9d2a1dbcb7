import "server-only";
import { z } from "zod";
import { normaliseName } from "@/lib/listening";
import { listenerIndex } from "@/lib/insights";
import type { ListeningIndex } from "@/lib/listening";
import type { ListenerProfile } from "@/lib/listener";
import { CONTEXT_IDS } from "@/lib/reco";
import type { SpotifyClient } from "@/lib/spotify";

/** What every tool of one chat turn works with. */
export interface ToolContext {
  listener: ListenerProfile;
  /** The listener's catalogue and player: Spotify's Web API, or the demo catalogue. */
  client: SpotifyClient;
}

export const contextSchema = z.enum(CONTEXT_IDS as [string, ...string[]]);

/** The history track that best matches a name ("Song", "Song by Artist", an artist): the most played match. */
export async function historyTrackFor(listener: ListenerProfile, text: string): Promise<{ index: ListeningIndex; id: number } | null> {
  const index = await listenerIndex(listener);
  const [titlePart, artistPart] = text.split(/\s+by\s+/i);
  const title = normaliseName(titlePart ?? "");
  const artist = artistPart ? normaliseName(artistPart) : null;
  if (!title) return null;
  const plays = new Int32Array(index.tracks.length);
  for (let row = 0; row < index.count; row++) plays[index.track[row]!]!++;
  let best = -1;
  index.tracks.forEach((track, id) => {
    const name = normaliseName(track.name);
    const artistName = index.artists[track.artist]?.key ?? "";
    const matches = artist ? name.includes(title) && artistName.includes(artist) : name.includes(title) || artistName === title;
    if (matches && (best < 0 || plays[id]! > plays[best]!)) best = id;
  });
  return best >= 0 ? { index, id: best } : null;
}
