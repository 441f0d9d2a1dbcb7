/**
 * The playlist draft the listener builds on Discover, read for the chat: the assistant sees it with
 * each turn (the discoverDraft tool) and can save it. The draft lives in this browser's
 * localStorage for now (components/discover/discover-view.tsx writes it); whatever is stored there
 * is checked and bounded here before it is sent. Client-safe.
 */
import { DISCOVER_DRAFT_MAX_NAME, DISCOVER_DRAFT_MAX_TRACKS, type DiscoverDraftTrack } from "@/lib/assistant/client";

/** Where Discover keeps the draft (see discover-view.tsx). */
export const DISCOVER_DRAFT_STORAGE_KEY = "echotune.playlist-draft";

const text = (value: unknown, max: number): string | null => {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, max) : null;
};

/** The draft's tracks from what Discover stored: well-formed entries only, each key once, at most 100. */
export function draftFromStorage(raw: string | null): DiscoverDraftTrack[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw ?? "[]");
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const tracks: DiscoverDraftTrack[] = [];
  const seen = new Set<string>();
  for (const entry of parsed as unknown[]) {
    if (tracks.length === DISCOVER_DRAFT_MAX_TRACKS) break;
    if (!entry || typeof entry !== "object") continue;
    const { key: rawKey, name: rawName, artist: rawArtist } = entry as Record<string, unknown>;
    const key = text(rawKey, 300);
    const name = text(rawName, DISCOVER_DRAFT_MAX_NAME);
    const artist = text(rawArtist, DISCOVER_DRAFT_MAX_NAME);
    if (!key || !name || !artist || seen.has(key)) continue;
    seen.add(key);
    tracks.push({ key, name, artist });
  }
  return tracks;
}

/** The listener's current Discover draft in this browser (empty where storage is unavailable). */
export function readDiscoverDraft(): DiscoverDraftTrack[] {
  try {
    return draftFromStorage(window.localStorage.getItem(DISCOVER_DRAFT_STORAGE_KEY));
  } catch {
    // Storage blocked (privacy settings): the assistant sees an empty draft.
    return [];
  }
}
