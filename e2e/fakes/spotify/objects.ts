/**
 * Spotify's object shapes, built from the demo catalog as a development-mode app sees them in
 * 2026: fields dev mode removed are left out, except where the
 * OpenAPI description still requires them (each such field says why). Links are absolute URLs on
 * the fake's own base URL; images are served by the fake at /image/<kind>/<id>.svg.
 */
import type { DemoAlbum, DemoArtist, DemoTrack } from "@/lib/demo";
import type { RequestContext } from "./http";
import { albumOf, artistsOf, isrcOf } from "./world";

/** Where the fake is: `root` (for images) and `api` (`<root>/v1`, for hrefs). */
export interface Urls {
  root: string;
  api: string;
  /** Tracks carry a `preview_url` (extended quota; see FakeState.previews). */
  previews?: boolean;
}

export const urlsOf = (context: RequestContext): Urls => ({
  root: context.baseUrl,
  api: `${context.baseUrl}/v1`,
  previews: context.state.previews,
});

export type Json = Record<string, unknown>;

/** Drops the milliseconds, as Spotify's `added_at` does. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const openUrl = (type: string, id: string) => ({ spotify: `https://open.spotify.com/${type}/${id}` });

export function images(urls: Urls, kind: "album" | "artist", id: string): Array<{ url: string; height: number; width: number }> {
  return [{ url: `${urls.root}/image/${kind}/${id}.svg`, height: 300, width: 300 }];
}

export function simplifiedArtist(urls: Urls, artist: DemoArtist): Json {
  return {
    external_urls: openUrl("artist", artist.id),
    href: `${urls.api}/artists/${artist.id}`,
    id: artist.id,
    name: artist.name,
    type: "artist",
    uri: `spotify:artist:${artist.id}`,
  };
}

/** ArtistObject without `followers` and `popularity` (removed in dev mode); `genres` is deprecated but still sent. */
export function artistObject(urls: Urls, artist: DemoArtist): Json {
  return { ...simplifiedArtist(urls, artist), genres: [...artist.genres], images: images(urls, "artist", artist.id) };
}

export function simplifiedAlbum(urls: Urls, album: DemoAlbum): Json {
  return {
    album_type: album.albumType,
    total_tracks: album.totalTracks,
    // Dev mode removed `available_markets` (reference 1.5), but the spec's AlbumBase requires it:
    // sent empty, the closest a required array can come to "not there".
    available_markets: [],
    external_urls: openUrl("album", album.id),
    href: `${urls.api}/albums/${album.id}`,
    id: album.id,
    images: images(urls, "album", album.id),
    name: album.name,
    release_date: album.releaseDate,
    release_date_precision: "day",
    type: "album",
    uri: `spotify:album:${album.id}`,
    artists: artistsOf(album.artistIds).map((artist) => simplifiedArtist(urls, artist)),
  };
}

export type AlbumGroup = "album" | "single" | "compilation" | "appears_on";

export function discographyAlbum(urls: Urls, album: DemoAlbum, group: AlbumGroup): Json {
  // Dev mode removed `album_group` (reference 1.5 and 4.2), but the spec's
  // ArtistDiscographyAlbumObject requires it, so the fake keeps sending it.
  return { ...simplifiedAlbum(urls, album), album_group: group };
}

/** SimplifiedTrackObject: no `available_markets`, `linked_from`, `popularity` or `preview_url` (dev mode). */
export function simplifiedTrack(urls: Urls, track: DemoTrack): Json {
  return {
    artists: artistsOf(track.artistIds).map((artist) => simplifiedArtist(urls, artist)),
    disc_number: track.discNumber,
    duration_ms: track.durationMs,
    explicit: track.explicit,
    external_urls: openUrl("track", track.id),
    href: `${urls.api}/tracks/${track.id}`,
    id: track.id,
    is_playable: true,
    name: track.name,
    track_number: track.trackNumber,
    type: "track",
    uri: `spotify:track:${track.id}`,
    is_local: false,
    ...(urls.previews ? { preview_url: `${urls.root}/preview/${track.id}.wav` } : {}),
  };
}

export function trackObject(urls: Urls, track: DemoTrack): Json {
  return { album: simplifiedAlbum(urls, albumOf(track)), ...simplifiedTrack(urls, track), external_ids: { isrc: isrcOf(track) } };
}

export function userRef(urls: Urls, id: string): Json {
  return { external_urls: openUrl("user", id), href: `${urls.api}/users/${id}`, id, type: "user", uri: `spotify:user:${id}` };
}

export function ownerRef(urls: Urls, id: string, displayName: string): Json {
  return { ...userRef(urls, id), display_name: displayName };
}

/** The album a play or playback came from, as a ContextObject. */
export function albumContext(urls: Urls, album: DemoAlbum): Json {
  return {
    type: "album",
    href: `${urls.api}/albums/${album.id}`,
    external_urls: openUrl("album", album.id),
    uri: `spotify:album:${album.id}`,
  };
}

export function contextFor(urls: Urls, uri: string): Json {
  const [, type = "", id = ""] = uri.split(":");
  const path = type === "playlist" ? "playlists" : type === "artist" ? "artists" : "albums";
  return { type, href: `${urls.api}/${path}/${id}`, external_urls: openUrl(type, id), uri };
}

/** This request's URL on the fake with `offset` and `limit` set: Spotify's href/next/previous. */
export function pageUrl(context: RequestContext, offset: number, limit: number): string {
  const url = new URL(`${context.baseUrl}${context.url.pathname}`);
  for (const [key, value] of context.url.searchParams) if (key !== "offset" && key !== "limit") url.searchParams.set(key, value);
  url.searchParams.set("offset", String(offset));
  url.searchParams.set("limit", String(limit));
  return url.toString();
}

/** A PagingObject over `all` (already in order), with absolute href, next and previous. */
export function paging<T>(context: RequestContext, all: readonly T[], offset: number, limit: number, build: (item: T) => Json): Json {
  return {
    href: pageUrl(context, offset, limit),
    items: all.slice(offset, offset + limit).map(build),
    limit,
    next: offset + limit < all.length ? pageUrl(context, offset + limit, limit) : null,
    offset,
    previous: offset > 0 ? pageUrl(context, Math.max(0, offset - limit), limit) : null,
    total: all.length,
  };
}
