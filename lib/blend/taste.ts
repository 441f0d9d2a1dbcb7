import "server-only";
import { DEMO_LISTENER, demoImageUrl, getDemoCatalog } from "@/lib/demo";
import { resolveRange, topItems, type ListeningIndex } from "@/lib/insights";
import type { BlendCandidate } from "./picks";
import { MATCH_TOP_ARTISTS, MATCH_TOP_TRACKS, type TasteItem } from "./match";

/** The ranges a Blend compares over, as Spotify's own: the last 4 weeks, 6 months, all time. */
export const BLEND_RANGES = ["4w", "6m", "all"] as const;
export type BlendRange = (typeof BLEND_RANGES)[number];

/** How a member's plays are read: their own zone and listen rule. */
export interface TasteRules {
  timeZone: string;
  listenThresholdMs: number;
  /** Their tracks are the demo catalogue's (a demo visitor or friend): covers and lengths come from it. */
  demoCatalogue: boolean;
}

/** One member's tops over a range: what the match and the playlist are computed from, never sent as is. */
export interface Taste {
  /** "Last 4 weeks", "Last 6 months", "All time". */
  label: string;
  /** Top artists by listening time. */
  artists: TasteItem[];
  /** Top tracks by listening time (only tracks with a Spotify id: a playlist can hold them). */
  tracks: Array<TasteItem & { candidate: BlendCandidate }>;
}

/** A member's top artists and tracks by listening time over a range, from their listening index. */
export function tasteOf(index: ListeningIndex, range: BlendRange, rules: TasteRules, now = Date.now()): Taste {
  const resolved = resolveRange({ preset: range }, rules.timeZone, now, index);
  const query = { from: resolved.from, to: resolved.to, timeZone: rules.timeZone, listenThresholdMs: rules.listenThresholdMs };
  const artists = topItems(index, query, { kind: "artist", by: "time", limit: MATCH_TOP_ARTISTS }).map((item) => ({
    key: item.key,
    name: item.name,
    msPlayed: item.msPlayed,
  }));
  const tracks = topItems(index, query, { kind: "track", by: "time", limit: MATCH_TOP_TRACKS }).flatMap((item) => {
    const entry = index.tracks[item.id];
    if (!entry?.trackId) return [];
    const candidate = candidateOf(index, item.id, rules.demoCatalogue);
    return candidate ? [{ key: item.key, name: item.name, artist: item.artist ?? "", msPlayed: item.msPlayed, candidate }] : [];
  });
  return { label: resolved.label, artists, tracks };
}

/**
 * A track of the index as a playlist candidate: its Spotify key, names and, for the demo
 * catalogue's tracks, the cover, length and explicit flag (a real listener's index has no such
 * details; the playlist shows what it has).
 */
export function candidateOf(index: ListeningIndex, trackId: number, demoCatalogue: boolean): BlendCandidate | null {
  const entry = index.tracks[trackId];
  if (!entry?.trackId) return null;
  const album = entry.album >= 0 ? (index.albums[entry.album]?.name ?? null) : null;
  const demo = demoCatalogue ? demoTrack(entry.trackId) : null;
  return {
    key: `spotify:track:${entry.trackId}`,
    name: entry.name,
    artistName: index.artists[entry.artist]?.name ?? "",
    albumName: album,
    imageUrl: demo?.imageUrl ?? null,
    durationMs: demo?.durationMs ?? null,
    explicit: demo?.explicit ?? null,
  };
}

/** The demo catalogue's details of a track, when it is one of the catalogue's. */
function demoTrack(trackId: string): { imageUrl: string; durationMs: number; explicit: boolean } | null {
  const catalog = getDemoCatalog(DEMO_LISTENER.seed);
  const track = catalog.tracksById.get(trackId);
  if (!track) return null;
  return { imageUrl: demoImageUrl("album", track.albumId), durationMs: track.durationMs, explicit: track.explicit };
}
