/**
 * The fake Spotify's catalogue and its listener's past: the demo catalog and a year of listening
 * history generated from it, built once per process on first use and never mutated. What the
 * listener changes (saved tracks, playlists, new plays, the player) lives in library.ts.
 */
import {
  generateListeningHistory,
  getDemoCatalog,
  hashString,
  type DemoAlbum,
  type DemoArtist,
  type DemoCatalog,
  type DemoTrack,
} from "@/lib/demo";
import { publicArtistNames, withPublicArtists } from "./public-artists";

/**
 * One seed for both: the history generator draws its tracks from `getDemoCatalog(seed)`, so a
 * history of another seed would name tracks this catalog does not have.
 */
export const FAKE_WORLD_SEED = 1;
export const FAKE_HISTORY_PLAYS = 3_000;

const DAY_MS = 86_400_000;

/** How far back each `time_range` of the top lists reaches (Spotify: ~4 weeks, ~6 months, ~1 year). */
export const TIME_RANGES = { short_term: 28 * DAY_MS, medium_term: 182 * DAY_MS, long_term: 365 * DAY_MS } as const;
export type TimeRange = keyof typeof TIME_RANGES;

/** One play of a track: when it ended (ms since the epoch) and how long it ran. */
export interface FakePlay {
  trackId: string;
  playedAt: number;
  msPlayed: number;
}

/** Spotify counts a play as a listen (and lists it in recently-played) from 30 seconds on. */
export const LISTEN_MS = 30_000;

interface Searchable {
  name: string;
  artists: string;
  album: string;
  year: number;
  genres: string;
}

export interface FakeWorld {
  catalog: DemoCatalog;
  /** Track plays, oldest first (podcast episodes left out: recently-played never lists them). */
  history: readonly FakePlay[];
  /** The history stops before this instant. */
  historyEnd: number;
  /** Releases by other artists that an artist is featured on (Spotify's `appears_on`). */
  appearsOn: ReadonlyMap<string, readonly DemoAlbum[]>;
  trackText: ReadonlyMap<string, Searchable>;
}

let built: FakeWorld | undefined;

/** The world, built on first use (about a second: the catalog and 3,000 plays). */
export function fakeWorld(): FakeWorld {
  if (built) return built;
  const catalog = withPublicArtists(getDemoCatalog(FAKE_WORLD_SEED), publicArtistNames());
  // The history ends at the start of today (UTC): "now" for a listener, stable for a whole day.
  const historyEnd = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const history = generateListeningHistory({ seed: FAKE_WORLD_SEED, plays: FAKE_HISTORY_PLAYS, years: 1, end: new Date(historyEnd) })
    .filter((stream) => stream.trackId !== null && catalog.tracksById.has(stream.trackId))
    .map((stream) => ({ trackId: stream.trackId as string, playedAt: stream.ts.getTime(), msPlayed: stream.msPlayed }))
    .sort((a, b) => a.playedAt - b.playedAt);

  const appearsOn = new Map<string, DemoAlbum[]>();
  for (const track of catalog.tracks) {
    const album = catalog.albumsById.get(track.albumId);
    if (!album) continue;
    for (const artistId of track.artistIds) {
      if (album.artistIds.includes(artistId)) continue;
      const list: DemoAlbum[] = appearsOn.get(artistId) ?? [];
      if (!list.includes(album)) list.push(album);
      appearsOn.set(artistId, list);
    }
  }

  const trackText = new Map<string, Searchable>();
  for (const track of catalog.tracks) {
    const album = catalog.albumsById.get(track.albumId);
    const artists = track.artistIds.map((id) => catalog.artistsById.get(id)).filter((artist): artist is DemoArtist => artist !== undefined);
    trackText.set(track.id, {
      name: track.name.toLowerCase(),
      artists: artists.map((artist) => artist.name.toLowerCase()).join("\u0000"),
      album: (album?.name ?? "").toLowerCase(),
      year: Number((album?.releaseDate ?? "0").slice(0, 4)),
      genres: artists.flatMap((artist) => artist.genres).join("\u0000"),
    });
  }

  built = { catalog, history, historyEnd, appearsOn, trackText };
  return built;
}

export function albumOf(track: DemoTrack): DemoAlbum {
  const album = fakeWorld().catalog.albumsById.get(track.albumId);
  if (!album) throw new Error(`Demo catalog has no album ${track.albumId}`);
  return album;
}

export function artistsOf(ids: readonly string[]): DemoArtist[] {
  const { artistsById } = fakeWorld().catalog;
  return ids.map((id) => artistsById.get(id)).filter((artist): artist is DemoArtist => artist !== undefined);
}

/**
 * A stable, made-up ISRC (CC-XXX-YY-NNNNN). A compilation's copy of a song keeps the original's
 * code, as real remasters and re-releases do, so clients can de-duplicate versions by it.
 */
export function isrcOf(track: DemoTrack): string {
  const base = track.name.replace(/ - Remastered \d{4}$/, "");
  const hash = hashString(`${track.artistIds[0] ?? ""}:${base}:${track.durationMs}`);
  const year = String(2000 + (hash % 26)).slice(2);
  return `QZFKS${year}${String(hash % 100_000).padStart(5, "0")}`;
}

/** Tracks (or artists) ranked by listens since `since`: most listens first, then the latest heard. */
export function rankListens(plays: readonly FakePlay[], since: number, keysOf: (play: FakePlay) => readonly string[]): string[] {
  const counts = new Map<string, { listens: number; last: number }>();
  for (const play of plays) {
    if (play.playedAt < since || play.msPlayed < LISTEN_MS) continue;
    for (const key of keysOf(play)) {
      const entry = counts.get(key) ?? { listens: 0, last: 0 };
      entry.listens += 1;
      entry.last = Math.max(entry.last, play.playedAt);
      counts.set(key, entry);
    }
  }
  return [...counts.entries()]
    .sort(([keyA, a], [keyB, b]) => b.listens - a.listens || b.last - a.last || (keyA < keyB ? -1 : 1))
    .map(([key]) => key);
}

export interface SearchQuery {
  filters: Map<string, string>;
  words: string[];
}

const FILTER = /\b([a-z]+):(?:"([^"]*)"|'([^']*)'|(\S+))/gi;
const KNOWN_FILTERS = new Set(["track", "artist", "album", "year", "genre", "isrc"]);

/** `q` as Spotify reads it: field filters (`artist:"Some Name"`, `year:1990-1999`) and free words. */
export function parseSearchQuery(q: string): SearchQuery {
  const filters = new Map<string, string>();
  const rest = q.replace(FILTER, (whole, field: string, double?: string, single?: string, bare?: string) => {
    const name = field.toLowerCase();
    if (!KNOWN_FILTERS.has(name)) return whole;
    filters.set(name, (double ?? single ?? bare ?? "").toLowerCase());
    return " ";
  });
  return {
    filters,
    words: rest
      .toLowerCase()
      .split(/\s+/)
      .filter((word) => word.length > 0),
  };
}

function inYears(year: number, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  const [from, to] = filter.split("-").map(Number);
  if (from === undefined || !Number.isFinite(from)) return false;
  return year >= from && year <= (to !== undefined && Number.isFinite(to) ? to : from);
}

/** Which filters each result type understands; a filter a type cannot apply leaves it no results. */
const APPLICABLE = {
  track: ["track", "artist", "album", "year", "genre", "isrc"],
  artist: ["artist", "year", "genre"],
  album: ["artist", "album", "year"],
} as const;

const applicable = (type: keyof typeof APPLICABLE, query: SearchQuery) =>
  [...query.filters.keys()].every((name) => (APPLICABLE[type] as readonly string[]).includes(name));

/** How well a name answers the query: exact, prefix, contains, or only matched elsewhere. */
function closeness(name: string, phrase: string): number {
  if (!phrase) return 3;
  return name === phrase ? 0 : name.startsWith(phrase) ? 1 : name.includes(phrase) ? 2 : 3;
}

export function searchTracks(query: SearchQuery): DemoTrack[] {
  if (!applicable("track", query)) return [];
  const { catalog, trackText } = fakeWorld();
  const { filters, words } = query;
  const matches = catalog.tracks.filter((track) => {
    const text = trackText.get(track.id);
    if (!text) return false;
    const title = filters.get("track");
    if (title !== undefined && !text.name.includes(title)) return false;
    const artist = filters.get("artist");
    if (artist !== undefined && !text.artists.includes(artist)) return false;
    const album = filters.get("album");
    if (album !== undefined && !text.album.includes(album)) return false;
    const genre = filters.get("genre");
    if (genre !== undefined && !text.genres.includes(genre)) return false;
    const isrc = filters.get("isrc");
    if (isrc !== undefined && isrcOf(track).toLowerCase() !== isrc) return false;
    if (!inYears(text.year, filters.get("year"))) return false;
    const haystack = `${text.name}\u0000${text.artists}\u0000${text.album}`;
    return words.every((word) => haystack.includes(word));
  });
  const phrase = filters.get("track") ?? words.join(" ");
  return matches
    .map((track) => ({ track, rank: closeness(trackText.get(track.id)?.name ?? "", phrase) }))
    .sort((a, b) => a.rank - b.rank || b.track.popularity - a.track.popularity || (a.track.id < b.track.id ? -1 : 1))
    .map(({ track }) => track);
}

export function searchArtists(query: SearchQuery): DemoArtist[] {
  if (!applicable("artist", query)) return [];
  const { catalog } = fakeWorld();
  const { filters, words } = query;
  const matches = catalog.artists.filter((artist) => {
    const name = artist.name.toLowerCase();
    const artistFilter = filters.get("artist");
    if (artistFilter !== undefined && !name.includes(artistFilter)) return false;
    const genre = filters.get("genre");
    if (genre !== undefined && !artist.genres.some((one) => one.includes(genre))) return false;
    const year = filters.get("year");
    if (
      year !== undefined &&
      !(catalog.albumsByArtist.get(artist.id) ?? []).some((album) => inYears(Number(album.releaseDate.slice(0, 4)), year))
    )
      return false;
    return words.every((word) => name.includes(word));
  });
  const phrase = filters.get("artist") ?? words.join(" ");
  return matches.sort(
    (a, b) =>
      closeness(a.name.toLowerCase(), phrase) - closeness(b.name.toLowerCase(), phrase) ||
      b.popularity - a.popularity ||
      (a.id < b.id ? -1 : 1),
  );
}

export function searchAlbums(query: SearchQuery): DemoAlbum[] {
  if (!applicable("album", query)) return [];
  const { catalog } = fakeWorld();
  const { filters, words } = query;
  const popularity = (album: DemoAlbum) => catalog.artistsById.get(album.artistIds[0] ?? "")?.popularity ?? 0;
  const matches = catalog.albums.filter((album) => {
    const name = album.name.toLowerCase();
    const artists = artistsOf(album.artistIds)
      .map((artist) => artist.name.toLowerCase())
      .join("\u0000");
    const albumFilter = filters.get("album");
    if (albumFilter !== undefined && !name.includes(albumFilter)) return false;
    const artistFilter = filters.get("artist");
    if (artistFilter !== undefined && !artists.includes(artistFilter)) return false;
    if (!inYears(Number(album.releaseDate.slice(0, 4)), filters.get("year"))) return false;
    const haystack = `${name}\u0000${artists}`;
    return words.every((word) => haystack.includes(word));
  });
  const phrase = filters.get("album") ?? words.join(" ");
  return matches.sort(
    (a, b) =>
      closeness(a.name.toLowerCase(), phrase) - closeness(b.name.toLowerCase(), phrase) ||
      popularity(b) - popularity(a) ||
      (a.id < b.id ? -1 : 1),
  );
}
