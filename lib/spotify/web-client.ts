import type { Cache } from "@/lib/cache";
import { chunk, PLAYLIST_BATCH, type PageOptions, type SearchResults, type SpotifyClient } from "./client";
import { SpotifyRequestError } from "./errors";
import { callSpotify, type CallOptions, type SpotifyAccount, type TransportSettings } from "./http";
import {
  reshapeAlbum,
  reshapeArtist,
  reshapeDevice,
  reshapePage,
  reshapePlayback,
  reshapePlayed,
  reshapePlaylist,
  reshapeProfile,
  reshapeTrack,
} from "./reshape";
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

type Raw = Record<string, unknown>;

/** How long shared catalogue answers stay cached (they are the same for every listener). */
const CATALOG_TTL_SECONDS = 24 * 60 * 60;
const SEARCH_TTL_SECONDS = 60 * 60;

const clampLimit = (limit: number | undefined, max: number, fallback: number) => Math.min(max, Math.max(1, limit ?? fallback));

export class WebApiSpotifyClient implements SpotifyClient {
  readonly kind = "web" as const;
  private readonly account: SpotifyAccount;
  private readonly settings: TransportSettings;
  private readonly cache: Cache | undefined;

  constructor(account: SpotifyAccount, settings: TransportSettings, cache?: Cache) {
    this.account = account;
    this.settings = settings;
    this.cache = cache;
  }

  private call<T>(options: CallOptions): Promise<T | null> {
    return callSpotify<T>(this.account, options, this.settings);
  }

  private async required<T>(options: CallOptions): Promise<T> {
    const body = await this.call<T>(options);
    if (body === null) throw new SpotifyRequestError(502, `Spotify sent no body for ${options.endpoint}`);
    return body;
  }

  /** Shared across listeners: catalogue data does not depend on who asks. */
  private async cached<T>(key: string, ttlSeconds: number, load: () => Promise<T>): Promise<T> {
    const hit = await this.cache?.get<T>(key);
    if (hit !== undefined) return hit;
    const value = await load();
    if (value !== null) await this.cache?.set(key, value, { ttlSeconds });
    return value;
  }

  /** 404 means "no such item"; every other failure (429, 5xx) propagates and is never read as missing. */
  private async orNull<T>(load: () => Promise<T>): Promise<T | null> {
    try {
      return await load();
    } catch (error) {
      if (error instanceof SpotifyRequestError && (error.status === 404 || error.status === 400)) return null;
      throw error;
    }
  }

  async me(): Promise<SpotifyProfileSummary> {
    return reshapeProfile(await this.required<Raw>({ path: "/me", endpoint: "GET /me" }));
  }

  async topTracks(range: TimeRange, options: PageOptions = {}): Promise<Page<Track>> {
    const raw = await this.required<Raw>({
      path: "/me/top/tracks",
      query: { time_range: range, limit: clampLimit(options.limit, 50, 20), offset: options.offset ?? 0 },
      endpoint: "GET /me/top/tracks",
    });
    return reshapePage(raw, (item) => reshapeTrack(item));
  }

  async topArtists(range: TimeRange, options: PageOptions = {}): Promise<Page<Artist>> {
    const raw = await this.required<Raw>({
      path: "/me/top/artists",
      query: { time_range: range, limit: clampLimit(options.limit, 50, 20), offset: options.offset ?? 0 },
      endpoint: "GET /me/top/artists",
    });
    return reshapePage(raw, reshapeArtist);
  }

  async recentlyPlayed(options: { after?: number; limit?: number } = {}): Promise<RecentlyPlayedPage> {
    const raw = await this.required<Raw>({
      path: "/me/player/recently-played",
      query: { limit: clampLimit(options.limit, 50, 50), after: options.after },
      endpoint: "GET /me/player/recently-played",
    });
    const cursors = raw.cursors as { after?: string } | null | undefined;
    const items = (Array.isArray(raw.items) ? (raw.items as Raw[]) : []).map(reshapePlayed);
    return { items, after: cursors?.after ? Number(cursors.after) : null };
  }

  async savedTracks(options: PageOptions = {}): Promise<Page<{ addedAt: Date; track: Track }>> {
    const raw = await this.required<Raw>({
      path: "/me/tracks",
      query: { limit: clampLimit(options.limit, 50, 20), offset: options.offset ?? 0 },
      endpoint: "GET /me/tracks",
    });
    return reshapePage(raw, (item) => ({ addedAt: new Date(String(item.added_at)), track: reshapeTrack(item.track as Raw) }));
  }

  async search(query: string, options: { types?: Array<"track" | "artist" | "album">; limit?: number } = {}): Promise<SearchResults> {
    const types = options.types ?? ["track"];
    const limit = clampLimit(options.limit, 10, 5);
    const key = `spotify:search:${types.join(",")}:${limit}:${query.trim().toLowerCase()}`;
    return this.cached(key, SEARCH_TTL_SECONDS, async () => {
      const raw = await this.required<Raw>({ path: "/search", query: { q: query, type: types.join(","), limit }, endpoint: "GET /search" });
      const items = (name: string) => ((raw[name] as Raw | undefined)?.items as Raw[] | undefined) ?? [];
      return {
        tracks: items("tracks").map((item) => reshapeTrack(item)),
        artists: items("artists").map(reshapeArtist),
        albums: items("albums").map(reshapeAlbum),
      };
    });
  }

  track(id: string): Promise<Track | null> {
    return this.cached(`spotify:track:${id}`, CATALOG_TTL_SECONDS, () =>
      this.orNull(async () =>
        reshapeTrack(await this.required<Raw>({ path: `/tracks/${encodeURIComponent(id)}`, endpoint: "GET /tracks/{id}" })),
      ),
    );
  }

  artist(id: string): Promise<Artist | null> {
    return this.cached(`spotify:artist:${id}`, CATALOG_TTL_SECONDS, () =>
      this.orNull(async () =>
        reshapeArtist(await this.required<Raw>({ path: `/artists/${encodeURIComponent(id)}`, endpoint: "GET /artists/{id}" })),
      ),
    );
  }

  async artistAlbums(id: string, options: PageOptions = {}): Promise<Page<Album>> {
    const limit = clampLimit(options.limit, 10, 10);
    return this.cached(`spotify:artist-albums:${id}:${limit}:${options.offset ?? 0}`, CATALOG_TTL_SECONDS, async () =>
      reshapePage(
        await this.required<Raw>({
          path: `/artists/${encodeURIComponent(id)}/albums`,
          query: { include_groups: "album,single", limit, offset: options.offset ?? 0 },
          endpoint: "GET /artists/{id}/albums",
        }),
        reshapeAlbum,
      ),
    );
  }

  async albumTracks(id: string, options: PageOptions = {}): Promise<Page<Track>> {
    const limit = clampLimit(options.limit, 50, 50);
    return this.cached(`spotify:album-tracks:${id}:${limit}:${options.offset ?? 0}`, CATALOG_TTL_SECONDS, async () => {
      const raw = await this.required<Raw>({
        path: `/albums/${encodeURIComponent(id)}/tracks`,
        query: { limit, offset: options.offset ?? 0 },
        endpoint: "GET /albums/{id}/tracks",
      });
      return reshapePage(raw, (item) => reshapeTrack(item, { id }));
    });
  }

  async myPlaylists(options: PageOptions = {}): Promise<Page<Playlist>> {
    const raw = await this.required<Raw>({
      path: "/me/playlists",
      query: { limit: clampLimit(options.limit, 50, 20), offset: options.offset ?? 0 },
      endpoint: "GET /me/playlists",
    });
    return reshapePage(raw, reshapePlaylist);
  }

  async createPlaylist(input: { name: string; description?: string; public?: boolean }): Promise<Playlist> {
    const raw = await this.required<Raw>({
      method: "POST",
      path: "/me/playlists",
      body: { name: input.name, description: input.description ?? "", public: input.public ?? false },
      endpoint: "POST /me/playlists",
    });
    return reshapePlaylist(raw);
  }

  async playlistItems(id: string, options: PageOptions = {}): Promise<Page<Track>> {
    const raw = await this.required<Raw>({
      path: `/playlists/${encodeURIComponent(id)}/items`,
      query: { limit: clampLimit(options.limit, 50, 50), offset: options.offset ?? 0, additional_types: "track" },
      endpoint: "GET /playlists/{id}/items",
    });
    return reshapePage(raw, (item) => reshapeTrack(((item.item ?? item.track) as Raw | undefined) ?? {}));
  }

  async addToPlaylist(id: string, uris: string[]): Promise<{ snapshotId: string }> {
    let snapshotId = "";
    for (const part of chunk(uris, PLAYLIST_BATCH)) {
      const raw = await this.required<{ snapshot_id: string }>({
        method: "POST",
        path: `/playlists/${encodeURIComponent(id)}/items`,
        body: { uris: part },
        endpoint: "POST /playlists/{id}/items",
        idempotent: false,
      });
      snapshotId = raw.snapshot_id;
    }
    return { snapshotId };
  }

  async replacePlaylistItems(id: string, uris: string[]): Promise<{ snapshotId: string }> {
    if (uris.length > PLAYLIST_BATCH) throw new RangeError(`Spotify replaces at most ${PLAYLIST_BATCH} items at once`);
    const raw = await this.required<{ snapshot_id: string }>({
      method: "PUT",
      path: `/playlists/${encodeURIComponent(id)}/items`,
      body: { uris },
      endpoint: "PUT /playlists/{id}/items",
    });
    return { snapshotId: raw.snapshot_id };
  }

  async changePlaylistDetails(id: string, details: { name?: string; description?: string; public?: boolean }): Promise<void> {
    await this.call({ method: "PUT", path: `/playlists/${encodeURIComponent(id)}`, body: details, endpoint: "PUT /playlists/{id}" });
  }

  async saveToLibrary(uris: string[]): Promise<void> {
    for (const part of chunk(uris, 40))
      await this.call({ method: "PUT", path: "/me/library", query: { uris: part.join(",") }, endpoint: "PUT /me/library" });
  }

  async removeFromLibrary(uris: string[]): Promise<void> {
    for (const part of chunk(uris, 40))
      await this.call({ method: "DELETE", path: "/me/library", query: { uris: part.join(",") }, endpoint: "DELETE /me/library" });
  }

  async playback(): Promise<PlaybackState | null> {
    const raw = await this.call<Raw>({ path: "/me/player", endpoint: "GET /me/player" });
    return raw ? reshapePlayback(raw) : null;
  }

  async devices(): Promise<Device[]> {
    const raw = await this.required<{ devices: Raw[] }>({ path: "/me/player/devices", endpoint: "GET /me/player/devices" });
    return raw.devices.map(reshapeDevice);
  }

  async play(input: { uris?: string[]; contextUri?: string; deviceId?: string }): Promise<void> {
    await this.call({
      method: "PUT",
      path: "/me/player/play",
      query: { device_id: input.deviceId },
      // Neither: resume what was playing, which Spotify expects as a request without a body.
      body: input.contextUri ? { context_uri: input.contextUri } : input.uris?.length ? { uris: input.uris } : undefined,
      endpoint: "PUT /me/player/play",
    });
  }

  async pause(deviceId?: string): Promise<void> {
    await this.call({ method: "PUT", path: "/me/player/pause", query: { device_id: deviceId }, endpoint: "PUT /me/player/pause" });
  }

  async next(deviceId?: string): Promise<void> {
    await this.call({ method: "POST", path: "/me/player/next", query: { device_id: deviceId }, endpoint: "POST /me/player/next" });
  }

  async queue(uri: string, deviceId?: string): Promise<void> {
    await this.call({ method: "POST", path: "/me/player/queue", query: { uri, device_id: deviceId }, endpoint: "POST /me/player/queue" });
  }
}

export type { Album, Artist };
