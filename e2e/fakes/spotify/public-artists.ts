/**
 * Real artists in the fake's catalogue, for the specs of a Spotify listener whose history names
 * artists the pretrained public model knows (e2e/public-model.spec.ts). Spotify's real catalogue
 * has every artist; the fake's is the demo catalogue, so it adds these: the listener's artists and
 * the artists the public model recommends for them, each with one album of four tracks (made-up
 * titles, ids from the demo's id scheme). Appended after the demo catalogue's own objects, so
 * nothing the other specs rely on moves.
 */
import { readFileSync } from "node:fs";
import { base62Id, demoImageUrl, type DemoAlbum, type DemoArtist, type DemoCatalog, type DemoTrack } from "@/lib/demo";
import { collaborativeFor, decodeArtistModel, PRETRAINED_PATH, servedModel } from "@/lib/reco/testing";

/** The listener's artists: indie rock of the 2000s, all in the public data. */
export const PUBLIC_LISTENER_ARTISTS = [
  "Radiohead",
  "Muse",
  "Coldplay",
  "Arcade Fire",
  "The Killers",
  "Franz Ferdinand",
  "Interpol",
  "The Strokes",
  "Bloc Party",
  "Kings of Leon",
  "Arctic Monkeys",
  "Editors",
] as const;

/** Each listener artist's tracks in the fixture history, and the tracks of every added artist. */
const TITLES = ["Northern Lights", "Paper Houses", "Static", "Late Trains"];

/** The public model's picks for that listener (what Discover will look up), plus the listener's own. */
export function publicArtistNames(): string[] {
  const bytes = readFileSync(PRETRAINED_PATH);
  const { model, meta } = decodeArtistModel(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  const served = servedModel(model, meta, "public", meta.version);
  // The model's own keys for the listener's artists (found by display name: this file runs in
  // Playwright's loader too, where the app's server modules cannot be imported).
  const keys = PUBLIC_LISTENER_ARTISTS.map((name) => {
    const at = served.names.indexOf(name);
    if (at < 0) throw new Error(`The public model has no artist named ${name}`);
    return served.keys[at]!;
  });
  const signal = collaborativeFor(served, { keys, listens: keys.map(() => 20), recentListens: keys.map(() => 5) }, { limit: 60 });
  const picks = (signal?.artists ?? []).map((artist) => artist.name);
  return [...PUBLIC_LISTENER_ARTISTS, ...picks.filter((name) => !(PUBLIC_LISTENER_ARTISTS as readonly string[]).includes(name))];
}

/** `catalog` with the public artists appended (one album, four tracks each). */
export function withPublicArtists(catalog: DemoCatalog, names: readonly string[]): DemoCatalog {
  const artists: DemoArtist[] = [];
  const albums: DemoAlbum[] = [];
  const tracks: DemoTrack[] = [];
  const albumsByArtist = new Map(catalog.albumsByArtist);
  const tracksByAlbum = new Map(catalog.tracksByAlbum);
  names.forEach((name, at) => {
    const artist: DemoArtist = {
      id: base62Id(catalog.seed, "public-artist", at),
      name,
      genres: [],
      followers: 100_000,
      popularity: 60,
      imageUrl: "",
    };
    artist.imageUrl = demoImageUrl("artist", artist.id);
    const album: DemoAlbum = {
      id: base62Id(catalog.seed, "public-album", at),
      name: `${name} Sessions`,
      artistIds: [artist.id],
      albumType: "album",
      releaseDate: "2008-05-12",
      totalTracks: TITLES.length,
      imageUrl: "",
      genres: [],
    };
    album.imageUrl = demoImageUrl("album", album.id);
    const albumTracks = TITLES.map((title, number): DemoTrack => ({
      id: base62Id(catalog.seed, "public-track", at * TITLES.length + number),
      name: title,
      artistIds: [artist.id],
      albumId: album.id,
      durationMs: 200_000 + number * 17_000,
      explicit: false,
      trackNumber: number + 1,
      discNumber: 1,
      popularity: 70 - number * 5,
    }));
    artists.push(artist);
    albums.push(album);
    tracks.push(...albumTracks);
    albumsByArtist.set(artist.id, [album]);
    tracksByAlbum.set(album.id, albumTracks);
  });
  return {
    ...catalog,
    artists: [...catalog.artists, ...artists],
    albums: [...catalog.albums, ...albums],
    tracks: [...catalog.tracks, ...tracks],
    artistsById: new Map([...catalog.artistsById, ...artists.map((artist) => [artist.id, artist] as const)]),
    albumsById: new Map([...catalog.albumsById, ...albums.map((album) => [album.id, album] as const)]),
    tracksById: new Map([...catalog.tracksById, ...tracks.map((track) => [track.id, track] as const)]),
    albumsByArtist,
    tracksByAlbum,
  };
}

/** The listener's export rows: each artist's four tracks, played over the last year, heavier lately. */
export function publicListenerExport(end: number, catalogSeed: number): Array<Record<string, unknown>> {
  const rows: Array<Record<string, unknown>> = [];
  const day = 86_400_000;
  PUBLIC_LISTENER_ARTISTS.forEach((artist, a) => {
    TITLES.forEach((title, t) => {
      for (let play = 0; play < 6 + ((a + t) % 5); play++) {
        const ts = new Date(end - (3 + ((a * 31 + t * 7 + play * 41) % 360)) * day + a * 60_000 + t * 1_000);
        rows.push({
          ts: ts.toISOString().replace(/\.\d{3}Z$/, "Z"),
          platform: "android",
          ms_played: 180_000 + t * 1_000,
          conn_country: "DE",
          master_metadata_track_name: title,
          master_metadata_album_artist_name: artist,
          master_metadata_album_album_name: `${artist} Sessions`,
          // The listener's artists come first in `withPublicArtists`: artist a's track t has id a · 4 + t.
          spotify_track_uri: `spotify:track:${base62Id(catalogSeed, "public-track", a * TITLES.length + t)}`,
          episode_name: null,
          episode_show_name: null,
          spotify_episode_uri: null,
          reason_start: "clickrow",
          reason_end: "trackdone",
          shuffle: false,
          skipped: null,
          offline: false,
          incognito_mode: false,
        });
      }
    });
  });
  return rows.sort((x, y) => String(x.ts).localeCompare(String(y.ts)));
}
