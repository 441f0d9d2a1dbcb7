/**
 * The Spotify client the app uses, one interface with two implementations: the Web API (for
 * listeners signed in with Spotify) and the demo catalog (for the demo listener). Endpoints are
 * the ones a development-mode app may call in 2026 (the Web API's February 2026 development-mode rules).
 */
import type {
  Album,
  Artist,
  Device,
  Page,
  PlaybackState,
  Playlist,
  RecentlyPlayedPage,
  SpotifyProfileSummary,
  TimeRange,
  Track,
} from "./types";

export interface PageOptions {
  limit?: number;
  offset?: number;
}

export interface SearchResults {
  tracks: Track[];
  artists: Artist[];
  albums: Album[];
}

export interface SpotifyClient {
  readonly kind: "web" | "demo";
  me(): Promise<SpotifyProfileSummary>;
  topTracks(range: TimeRange, options?: PageOptions): Promise<Page<Track>>;
  topArtists(range: TimeRange, options?: PageOptions): Promise<Page<Artist>>;
  /** Plays after a millisecond cursor (the last 50 at most: Spotify keeps no more). */
  recentlyPlayed(options?: { after?: number; limit?: number }): Promise<RecentlyPlayedPage>;
  savedTracks(options?: PageOptions): Promise<Page<{ addedAt: Date; track: Track }>>;
  /** At most 10 results per type: the development-mode cap. */
  search(query: string, options?: { types?: Array<"track" | "artist" | "album">; limit?: number }): Promise<SearchResults>;
  /** null when Spotify has no such item (404); rate limits and outages throw instead. */
  track(id: string): Promise<Track | null>;
  artist(id: string): Promise<Artist | null>;
  artistAlbums(id: string, options?: PageOptions): Promise<Page<Album>>;
  albumTracks(id: string, options?: PageOptions): Promise<Page<Track>>;
  myPlaylists(options?: PageOptions): Promise<Page<Playlist>>;
  createPlaylist(input: { name: string; description?: string; public?: boolean }): Promise<Playlist>;
  playlistItems(id: string, options?: PageOptions): Promise<Page<Track>>;
  /**
   * Appends in order, 100 per request. A 5xx or a network error is not retried here: Spotify may
   * have added the tracks anyway, so the caller reads the playlist back before adding more.
   */
  addToPlaylist(id: string, uris: string[]): Promise<{ snapshotId: string }>;
  /** Replaces every item with at most 100 URIs (an empty list clears it); append the rest with addToPlaylist. */
  replacePlaylistItems(id: string, uris: string[]): Promise<{ snapshotId: string }>;
  /** Renames or redescribes a playlist the listener owns. */
  changePlaylistDetails(id: string, details: { name?: string; description?: string; public?: boolean }): Promise<void>;
  saveToLibrary(uris: string[]): Promise<void>;
  removeFromLibrary(uris: string[]): Promise<void>;
  playback(): Promise<PlaybackState | null>;
  devices(): Promise<Device[]>;
  play(input: { uris?: string[]; contextUri?: string; deviceId?: string }): Promise<void>;
  pause(deviceId?: string): Promise<void>;
  next(deviceId?: string): Promise<void>;
  queue(uri: string, deviceId?: string): Promise<void>;
}

/** Spotify's limit of URIs in one add or replace request. */
export const PLAYLIST_BATCH = 100;

export function chunk<T>(items: T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
  return chunks;
}
