/**
 * The demo listener's Spotify: the same client interface, answered from the invented catalog and
 * the generated history, so every feature works with no account and no network.
 */
import {
  DEMO_LISTENER,
  demoHistoryDay,
  demoListenerOptions,
  generateListeningHistory,
  getDemoCatalog,
  type DemoAlbum,
  type DemoArtist,
  type DemoStream,
  type DemoTrack,
} from "@/lib/demo";
import { perProcess } from "@/lib/process-state";
import { PLAYLIST_BATCH, type PageOptions, type SearchResults, type SpotifyClient } from "./client";
import { SpotifyRequestError } from "./errors";
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

const RANGE_DAYS: Record<TimeRange, number> = { short_term: 28, medium_term: 182, long_term: 365 };

/** The day's demo history this process generated last: one day's is kept, the next day's replaces it. */
const generated = perProcess("spotify.demoHistory", () => ({ day: "", streams: [] as DemoStream[] }));

/**
 * The demo listener's plays as of `now`: the history up to yesterday (lib/demo's
 * `demoListenerOptions`), generated once per process and day (about half a second).
 */
export function demoHistory(now: number = Date.now()): DemoStream[] {
  const day = demoHistoryDay(now);
  if (generated.day !== day) {
    generated.streams = generateListeningHistory(demoListenerOptions(now));
    generated.day = day;
  }
  return generated.streams;
}

function page<T>(items: T[], options: PageOptions = {}, max = 50, fallback = 20): Page<T> {
  const limit = Math.min(max, Math.max(1, options.limit ?? fallback));
  const offset = Math.max(0, options.offset ?? 0);
  return { items: items.slice(offset, offset + limit), total: items.length, offset, limit, hasMore: offset + limit < items.length };
}

interface DemoPlaylist extends Playlist {
  uris: string[];
}

interface DemoAccount {
  playlists: DemoPlaylist[];
  playback: { isPlaying: boolean; track: Track | null; upNext: string[]; queue: string[] };
}

/** A demo visitor keeps at most this many demo Spotify playlists; older ones make room. */
const MAX_DEMO_PLAYLISTS = 200;

// Each demo visitor has their own demo Spotify (playlists, player), kept in this process only:
// there is nothing real to save to, and a visitor's stored playlists re-create theirs when it is gone.
const accounts = perProcess("spotify.demoAccounts", () => new Map<string, DemoAccount>());

function accountOf(ownerId: string): DemoAccount {
  let account = accounts.get(ownerId);
  if (!account) {
    account = { playlists: [], playback: { isPlaying: false, track: null, upNext: [], queue: [] } };
    accounts.set(ownerId, account);
  }
  return account;
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A 22-character base62 id, the shape of Spotify's. */
function newPlaylistId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(22)), (byte) => BASE62[byte % 62]).join("");
}

const demoDevice: Device = {
  id: "demo-speaker",
  name: "Demo speaker",
  type: "Speaker",
  isActive: true,
  isRestricted: false,
  volumePercent: 60,
};

export class DemoSpotifyClient implements SpotifyClient {
  readonly kind = "demo" as const;
  private readonly catalog = getDemoCatalog(DEMO_LISTENER.seed);
  private readonly account: DemoAccount;

  /** `ownerId`: whose demo Spotify this is (each demo visitor has their own playlists and player). */
  constructor(ownerId = "demo") {
    this.account = accountOf(ownerId);
  }

  private playlist(id: string): DemoPlaylist {
    const playlist = this.account.playlists.find((candidate) => candidate.id === id);
    if (!playlist) throw new SpotifyRequestError(404, "Resource not found");
    return playlist;
  }

  private trackOfUri(uri: string): Track | null {
    const track = uri.startsWith("spotify:track:") ? this.catalog.tracksById.get(uri.slice("spotify:track:".length)) : undefined;
    return track ? this.trackOf(track) : null;
  }

  private assertTracks(uris: string[]): void {
    for (const uri of uris) if (!this.trackOfUri(uri)) throw new SpotifyRequestError(400, `Invalid track uri: ${uri}`);
  }

  private artistOf(artist: DemoArtist): Artist {
    return { id: artist.id, name: artist.name, uri: `spotify:artist:${artist.id}`, imageUrl: artist.imageUrl, genres: artist.genres };
  }

  private albumOf(album: DemoAlbum): Album {
    return {
      id: album.id,
      uri: `spotify:album:${album.id}`,
      name: album.name,
      albumType: album.albumType,
      artists: album.artistIds.map((id) => ({ id, name: this.catalog.artistsById.get(id)?.name ?? "Unknown artist" })),
      releaseDate: album.releaseDate,
      totalTracks: album.totalTracks,
      imageUrl: album.imageUrl,
    };
  }

  private trackOf(track: DemoTrack): Track {
    const album = this.catalog.albumsById.get(track.albumId);
    return {
      id: track.id,
      uri: `spotify:track:${track.id}`,
      name: track.name,
      durationMs: track.durationMs,
      explicit: track.explicit,
      artists: track.artistIds.map((id) => ({ id, name: this.catalog.artistsById.get(id)?.name ?? "Unknown artist" })),
      album: album ? { id: album.id, name: album.name, imageUrl: album.imageUrl, releaseDate: album.releaseDate } : null,
      trackNumber: track.trackNumber,
      // The generated catalogue has no audio.
      previewUrl: null,
    };
  }

  private ranked(range: TimeRange): Array<[string, number]> {
    const plays = demoHistory();
    const end = plays.at(-1)?.ts.getTime() ?? Date.now();
    const from = end - RANGE_DAYS[range] * 86_400_000;
    const counts = new Map<string, number>();
    for (const play of plays) {
      if (play.trackId && play.ts.getTime() >= from && play.msPlayed >= 30_000)
        counts.set(play.trackId, (counts.get(play.trackId) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  }

  async me(): Promise<SpotifyProfileSummary> {
    return {
      id: "demo",
      displayName: "Demo listener",
      email: null,
      imageUrl: null,
      country: DEMO_LISTENER.homeCountry,
      product: "premium",
    };
  }

  async topTracks(range: TimeRange, options?: PageOptions): Promise<Page<Track>> {
    const tracks = this.ranked(range).flatMap(([id]) => {
      const track = this.catalog.tracksById.get(id);
      return track ? [this.trackOf(track)] : [];
    });
    return page(tracks, options);
  }

  async topArtists(range: TimeRange, options?: PageOptions): Promise<Page<Artist>> {
    const byArtist = new Map<string, number>();
    for (const [id, count] of this.ranked(range)) {
      const artistId = this.catalog.tracksById.get(id)?.artistIds[0];
      if (artistId) byArtist.set(artistId, (byArtist.get(artistId) ?? 0) + count);
    }
    const artists = [...byArtist]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .flatMap(([id]) => {
        const artist = this.catalog.artistsById.get(id);
        return artist ? [this.artistOf(artist)] : [];
      });
    return page(artists, options);
  }

  async recentlyPlayed(options: { after?: number; limit?: number } = {}): Promise<RecentlyPlayedPage> {
    const limit = Math.min(50, Math.max(1, options.limit ?? 50));
    const eligible = demoHistory().filter(
      (play) => play.trackId && play.msPlayed >= 30_000 && (options.after === undefined || play.ts.getTime() > options.after),
    );
    const newest = eligible.slice(-limit).reverse();
    const items = newest.flatMap((play) => {
      const track = play.trackId ? this.catalog.tracksById.get(play.trackId) : undefined;
      return track ? [{ track: this.trackOf(track), playedAt: play.ts }] : [];
    });
    return { items, after: items[0]?.playedAt.getTime() ?? options.after ?? null };
  }

  async savedTracks(options?: PageOptions): Promise<Page<{ addedAt: Date; track: Track }>> {
    const top = this.ranked("long_term").slice(0, 120);
    const end = demoHistory().at(-1)?.ts.getTime() ?? Date.now();
    const saved = top.flatMap(([id], index) => {
      const track = this.catalog.tracksById.get(id);
      return track ? [{ addedAt: new Date(end - index * 3 * 86_400_000), track: this.trackOf(track) }] : [];
    });
    return page(saved, options);
  }

  async search(query: string, options: { types?: Array<"track" | "artist" | "album">; limit?: number } = {}): Promise<SearchResults> {
    const types = options.types ?? ["track"];
    const limit = Math.min(10, Math.max(1, options.limit ?? 5));
    const terms = query
      .toLowerCase()
      .replace(/\b(track|artist|album|year):/g, " ")
      .split(/\s+/)
      .filter(Boolean);
    const matches = (text: string) => terms.every((term) => text.toLowerCase().includes(term));
    const artistName = (ids: string[]) => ids.map((id) => this.catalog.artistsById.get(id)?.name ?? "").join(" ");
    return {
      tracks: types.includes("track")
        ? this.catalog.tracks
            .filter((track) => matches(`${track.name} ${artistName(track.artistIds)}`))
            .slice(0, limit)
            .map((track) => this.trackOf(track))
        : [],
      artists: types.includes("artist")
        ? this.catalog.artists
            .filter((artist) => matches(artist.name))
            .slice(0, limit)
            .map((artist) => this.artistOf(artist))
        : [],
      albums: types.includes("album")
        ? this.catalog.albums
            .filter((album) => matches(`${album.name} ${artistName(album.artistIds)}`))
            .slice(0, limit)
            .map((album) => this.albumOf(album))
        : [],
    };
  }

  async track(id: string): Promise<Track | null> {
    const track = this.catalog.tracksById.get(id);
    return track ? this.trackOf(track) : null;
  }

  async artist(id: string): Promise<Artist | null> {
    const artist = this.catalog.artistsById.get(id);
    return artist ? this.artistOf(artist) : null;
  }

  async artistAlbums(id: string, options?: PageOptions): Promise<Page<Album>> {
    return page(
      (this.catalog.albumsByArtist.get(id) ?? []).map((album) => this.albumOf(album)),
      options,
      10,
      10,
    );
  }

  async albumTracks(id: string, options?: PageOptions): Promise<Page<Track>> {
    return page(
      (this.catalog.tracksByAlbum.get(id) ?? []).map((track) => this.trackOf(track)),
      options,
      50,
      50,
    );
  }

  async myPlaylists(options?: PageOptions): Promise<Page<Playlist>> {
    return page(
      this.account.playlists.map(({ uris: _uris, ...playlist }) => playlist),
      options,
    );
  }

  async createPlaylist(input: { name: string; description?: string; public?: boolean }): Promise<Playlist> {
    const id = newPlaylistId();
    const playlist: DemoPlaylist = {
      id,
      uri: `spotify:playlist:${id}`,
      name: input.name,
      description: input.description ?? "",
      public: input.public ?? false,
      ownerId: "demo",
      trackCount: 0,
      imageUrl: null,
      // Nothing to open: the demo Spotify lives inside EchoTune.
      url: "",
      uris: [],
    };
    this.account.playlists.unshift(playlist);
    this.account.playlists.length = Math.min(this.account.playlists.length, MAX_DEMO_PLAYLISTS);
    const { uris: _uris, ...created } = playlist;
    return created;
  }

  async playlistItems(id: string, options?: PageOptions): Promise<Page<Track>> {
    const tracks = this.playlist(id).uris.flatMap((uri) => this.trackOfUri(uri) ?? []);
    return page(tracks, options, 50, 50);
  }

  async addToPlaylist(id: string, uris: string[]): Promise<{ snapshotId: string }> {
    const playlist = this.playlist(id);
    this.assertTracks(uris);
    playlist.uris.push(...uris);
    playlist.trackCount = playlist.uris.length;
    return { snapshotId: `demo-${playlist.uris.length}` };
  }

  async replacePlaylistItems(id: string, uris: string[]): Promise<{ snapshotId: string }> {
    const playlist = this.playlist(id);
    if (uris.length > PLAYLIST_BATCH) throw new SpotifyRequestError(400, "Too many items requested: the maximum is 100");
    this.assertTracks(uris);
    playlist.uris = [...uris];
    playlist.trackCount = playlist.uris.length;
    return { snapshotId: `demo-${playlist.uris.length}` };
  }

  async changePlaylistDetails(id: string, details: { name?: string; description?: string; public?: boolean }): Promise<void> {
    const playlist = this.playlist(id);
    if (details.name !== undefined) playlist.name = details.name;
    if (details.description !== undefined) playlist.description = details.description;
    if (details.public !== undefined) playlist.public = details.public;
  }

  async saveToLibrary(): Promise<void> {}

  async removeFromLibrary(): Promise<void> {}

  async playback(): Promise<PlaybackState | null> {
    const { playback } = this.account;
    if (!playback.track) return null;
    return { device: demoDevice, isPlaying: playback.isPlaying, progressMs: 0, track: playback.track, shuffle: false, repeat: "off" };
  }

  async devices(): Promise<Device[]> {
    return [demoDevice];
  }

  /** Plays a list of tracks or a demo playlist on the demo speaker; with neither, resumes. */
  async play(input: { uris?: string[]; contextUri?: string; deviceId?: string }): Promise<void> {
    const { playback } = this.account;
    if (input.deviceId && input.deviceId !== demoDevice.id) throw new SpotifyRequestError(404, "Device not found");
    let uris = input.uris;
    if (input.contextUri) {
      const id = input.contextUri.startsWith("spotify:playlist:") ? input.contextUri.slice("spotify:playlist:".length) : "";
      const playlist = this.account.playlists.find((candidate) => candidate.id === id);
      if (!playlist || playlist.uris.length === 0) throw new SpotifyRequestError(404, "Context not found");
      uris = playlist.uris;
    }
    if (uris?.length) {
      this.assertTracks(uris);
      playback.track = this.trackOfUri(uris[0]!);
      playback.upNext = uris.slice(1);
    }
    playback.isPlaying = playback.track !== null;
  }

  async pause(): Promise<void> {
    this.account.playback.isPlaying = false;
  }

  async next(): Promise<void> {
    const { playback } = this.account;
    const next = playback.queue.shift() ?? playback.upNext.shift();
    if (next) {
      playback.track = this.trackOfUri(next);
      playback.isPlaying = true;
    }
  }

  async queue(uri: string): Promise<void> {
    this.assertTracks([uri]);
    this.account.playback.queue.push(uri);
  }
}
