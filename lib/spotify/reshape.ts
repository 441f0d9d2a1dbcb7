/** Raw Web API objects → our types, at the edge (the commerce pattern: reshape* helpers). */
import type { Album, Artist, ArtistRef, Device, Page, PlaybackState, PlayedTrack, Playlist, SpotifyProfileSummary, Track } from "./types";

type Raw = Record<string, unknown>;
const str = (value: unknown, fallback = ""): string => (typeof value === "string" ? value : fallback);
const num = (value: unknown, fallback = 0): number => (typeof value === "number" ? value : fallback);
const list = (value: unknown): Raw[] => (Array.isArray(value) ? (value as Raw[]) : []);
const firstImage = (value: unknown): string | null => str(list(value)[0]?.url) || null;

export function reshapeArtistRef(raw: Raw): ArtistRef {
  return { id: str(raw.id), name: str(raw.name) };
}

export function reshapeArtist(raw: Raw): Artist {
  return { ...reshapeArtistRef(raw), uri: str(raw.uri), imageUrl: firstImage(raw.images), genres: list(raw.genres).map(String) };
}

export function reshapeAlbum(raw: Raw): Album {
  return {
    id: str(raw.id),
    uri: str(raw.uri),
    name: str(raw.name),
    albumType: str(raw.album_type, "album"),
    artists: list(raw.artists).map(reshapeArtistRef),
    releaseDate: str(raw.release_date),
    totalTracks: num(raw.total_tracks),
    imageUrl: firstImage(raw.images),
  };
}

export function reshapeTrack(raw: Raw, album?: Raw): Track {
  const rawAlbum = (raw.album as Raw | undefined) ?? album;
  return {
    id: str(raw.id),
    uri: str(raw.uri),
    name: str(raw.name),
    durationMs: num(raw.duration_ms),
    explicit: raw.explicit === true,
    artists: list(raw.artists).map(reshapeArtistRef),
    album: rawAlbum
      ? {
          id: str(rawAlbum.id),
          name: str(rawAlbum.name),
          imageUrl: firstImage(rawAlbum.images),
          releaseDate: str(rawAlbum.release_date) || null,
        }
      : null,
    trackNumber: num(raw.track_number, 1),
    previewUrl: str(raw.preview_url) || null,
  };
}

export function reshapeProfile(raw: Raw): SpotifyProfileSummary {
  return {
    id: str(raw.id),
    displayName: str(raw.display_name) || str(raw.id),
    email: str(raw.email) || null,
    imageUrl: firstImage(raw.images),
    country: str(raw.country) || null,
    product: str(raw.product) || null,
  };
}

export function reshapePlayed(raw: Raw): PlayedTrack {
  return { track: reshapeTrack(raw.track as Raw), playedAt: new Date(str(raw.played_at)) };
}

export function reshapePlaylist(raw: Raw): Playlist {
  const owner = (raw.owner as Raw | undefined) ?? {};
  const items = ((raw.items ?? raw.tracks) as Raw | undefined) ?? {};
  return {
    id: str(raw.id),
    uri: str(raw.uri),
    name: str(raw.name),
    description: str(raw.description),
    public: raw.public === true,
    ownerId: str(owner.id),
    trackCount: num(items.total),
    imageUrl: firstImage(raw.images),
    url: str((raw.external_urls as Raw | undefined)?.spotify),
  };
}

export function reshapePage<T>(raw: Raw, item: (value: Raw) => T): Page<T> {
  const offset = num(raw.offset);
  const items = list(raw.items).map(item);
  return {
    items,
    total: num(raw.total, items.length),
    offset,
    limit: num(raw.limit, items.length),
    hasMore: raw.next !== null && raw.next !== undefined,
  };
}

export function reshapeDevice(raw: Raw): Device {
  return {
    id: typeof raw.id === "string" ? raw.id : null,
    name: str(raw.name),
    type: str(raw.type),
    isActive: raw.is_active === true,
    isRestricted: raw.is_restricted === true,
    volumePercent: typeof raw.volume_percent === "number" ? raw.volume_percent : null,
  };
}

export function reshapePlayback(raw: Raw): PlaybackState {
  const item = raw.item as Raw | null | undefined;
  return {
    device: raw.device ? reshapeDevice(raw.device as Raw) : null,
    isPlaying: raw.is_playing === true,
    progressMs: typeof raw.progress_ms === "number" ? raw.progress_ms : null,
    track: item && item.type === "track" ? reshapeTrack(item) : null,
    shuffle: raw.shuffle_state === true,
    repeat: str(raw.repeat_state, "off"),
  };
}
