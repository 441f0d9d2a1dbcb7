/** Which tracks a save-to-Spotify request would save, shown before the listener approves it. Client-safe. */
import type { ChatMessage, TrackCard } from "@/lib/assistant/client";
import { toolPartsOf } from "./tool-parts";

export interface PlaylistTrack {
  key: string;
  /** Null when no card in the conversation carries this key: the key is shown as it is. */
  track: TrackCard | null;
}

/** Track cards shown in the conversation, newest first: playlist drafts first, then any track list. */
function trackOutputs(messages: readonly ChatMessage[]): { drafts: TrackCard[][]; lists: TrackCard[][] } {
  const drafts: TrackCard[][] = [];
  const lists: TrackCard[][] = [];
  for (const message of [...messages].reverse()) {
    for (const part of toolPartsOf(message).reverse()) {
      if (part.state !== "output-available") continue;
      if (part.type === "tool-buildPlaylist" || part.type === "tool-discoverDraft") {
        drafts.push(part.output.tracks);
        lists.push(part.output.tracks);
      } else if (part.type === "tool-recommend" || part.type === "tool-searchCatalog") {
        lists.push(part.output.tracks);
      }
    }
  }
  return { drafts, lists };
}

/**
 * The tracks behind `trackKeys`, in the order they would be saved. The most recent playlist draft
 * holding every key wins; otherwise each key is looked up in the newest track list that shows it,
 * and a key nobody showed comes back with `track: null`.
 */
export function playlistTracksFor(messages: readonly ChatMessage[], trackKeys: readonly string[]): PlaylistTrack[] {
  const { drafts, lists } = trackOutputs(messages);
  const draft = drafts.find((tracks) => {
    const keys = new Set(tracks.map((track) => track.key));
    return trackKeys.every((key) => keys.has(key));
  });
  const sources = draft ? [draft] : lists;
  return trackKeys.map((key) => {
    for (const tracks of sources) {
      const track = tracks.find((candidate) => candidate.key === key);
      if (track) return { key, track };
    }
    return { key, track: null };
  });
}
