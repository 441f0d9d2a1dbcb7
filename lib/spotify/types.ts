/** Our own shapes for Spotify data: the UI and the domain never see a raw Web API object. */
export interface ArtistRef {
  id: string;
  name: string;
}

export interface Artist extends ArtistRef {
  uri: string;
  imageUrl: string | null;
  /** Empty when Spotify has none (the field is deprecated for new apps). */
  genres: string[];
}

export interface Album {
  id: string;
  uri: string;
  name: string;
  albumType: string;
  artists: ArtistRef[];
  releaseDate: string;
  totalTracks: number;
  imageUrl: string | null;
}

export interface Track {
  id: string;
  uri: string;
  name: string;
  durationMs: number;
  explicit: boolean;
  artists: ArtistRef[];
  album: { id: string; name: string; imageUrl: string | null; releaseDate: string | null } | null;
  trackNumber: number;
  /** A 30-second MP3 clip, when Spotify still offers one (often null, and absent for apps in development mode). */
  previewUrl: string | null;
}

export interface SpotifyProfileSummary {
  id: string;
  displayName: string;
  email: string | null;
  imageUrl: string | null;
  country: string | null;
  product: string | null;
}

export interface PlayedTrack {
  track: Track;
  playedAt: Date;
}

export interface RecentlyPlayedPage {
  items: PlayedTrack[];
  /** Millisecond cursor to ask for plays after the newest one here. */
  after: number | null;
}

export interface Playlist {
  id: string;
  uri: string;
  name: string;
  description: string;
  public: boolean;
  ownerId: string;
  trackCount: number;
  imageUrl: string | null;
  url: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  limit: number;
  hasMore: boolean;
}

export interface Device {
  id: string | null;
  name: string;
  type: string;
  isActive: boolean;
  isRestricted: boolean;
  volumePercent: number | null;
}

export interface PlaybackState {
  device: Device | null;
  isPlaying: boolean;
  progressMs: number | null;
  track: Track | null;
  shuffle: boolean;
  repeat: string;
}

export type TimeRange = "short_term" | "medium_term" | "long_term";
