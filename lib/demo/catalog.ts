/**
 * The demo catalog: invented artists, records, tracks and podcasts the demo listener has heard,
 * shaped like Spotify's own objects so the demo client can serve them through the same interface.
 * It is a pure function of the seed and built once per seed per process.
 *
 * One file: the catalogue is drawn from one seeded random stream (see history.ts).
 */
import { perProcess } from "@/lib/process-state";
import { DEMO_GENRES, type DemoGenre } from "./genres";
import { albumTitle, artistName, compilationTitle, episodeTitle, inventedWord, showName, trackTitle } from "./names";
import { base62Id, createRandom, type Random } from "./random";

export type DemoAlbumType = "album" | "single" | "compilation";

export interface DemoArtist {
  id: string;
  name: string;
  genres: string[];
  followers: number;
  popularity: number;
  imageUrl: string;
}

export interface DemoAlbum {
  id: string;
  name: string;
  artistIds: string[];
  albumType: DemoAlbumType;
  /** `YYYY-MM-DD`. */
  releaseDate: string;
  totalTracks: number;
  imageUrl: string;
  genres: string[];
}

export interface DemoTrack {
  id: string;
  name: string;
  /** The album artist first, then any featured artists. */
  artistIds: string[];
  albumId: string;
  durationMs: number;
  explicit: boolean;
  trackNumber: number;
  discNumber: number;
  popularity: number;
}

export interface DemoShow {
  id: string;
  name: string;
  publisher: string;
  description: string;
  imageUrl: string;
  totalEpisodes: number;
}

export interface DemoEpisode {
  id: string;
  name: string;
  showId: string;
  /** `YYYY-MM-DD`. */
  releaseDate: string;
  durationMs: number;
  explicit: boolean;
}

export interface DemoCatalog {
  seed: number;
  genres: readonly DemoGenre[];
  artists: readonly DemoArtist[];
  albums: readonly DemoAlbum[];
  tracks: readonly DemoTrack[];
  shows: readonly DemoShow[];
  episodes: readonly DemoEpisode[];
  artistsById: ReadonlyMap<string, DemoArtist>;
  albumsById: ReadonlyMap<string, DemoAlbum>;
  tracksById: ReadonlyMap<string, DemoTrack>;
  showsById: ReadonlyMap<string, DemoShow>;
  episodesById: ReadonlyMap<string, DemoEpisode>;
  /** An artist's releases, oldest first. */
  albumsByArtist: ReadonlyMap<string, readonly DemoAlbum[]>;
  /** An album's tracks in play order (disc, then track number). */
  tracksByAlbum: ReadonlyMap<string, readonly DemoTrack[]>;
  /** A show's episodes, oldest first. */
  episodesByShow: ReadonlyMap<string, readonly DemoEpisode[]>;
}

export const DEMO_CATALOG_SIZE = { artists: 600, albums: 1_800, shows: 8 } as const;

/**
 * Nothing in the catalog is released after this day (the generator's default end is the next one).
 * The demo listener's history runs up to yesterday, whatever the day: after it, they keep playing
 * what was out by then.
 */
export const DEMO_CATALOG_HORIZON = "2026-10-31";
const HORIZON_YEAR = 2026;

export const demoImageUrl = (kind: "album" | "artist" | "show", id: string): string => `/demo-art/${kind}/${id}.svg`;

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, value));
const pad = (value: number): string => String(value).padStart(2, "0");

function dateIn(random: Random, year: number, notAfter = DEMO_CATALOG_HORIZON): string {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const date = `${year}-${pad(month)}-${pad(day)}`;
  return date > notAfter ? notAfter : date;
}

interface ArtistPlan {
  artist: DemoArtist;
  genre: DemoGenre;
  from: number;
  to: number;
  explicitShare: number;
}

function planArtists(seed: number): ArtistPlan[] {
  const random = createRandom(`catalog:${seed}:artists`);
  // Long-lived genres hold more artists, but a short-lived one still gets a scene of its own.
  const genreWeights = DEMO_GENRES.map((genre) => Math.sqrt(genre.to - genre.from + 1));
  const names = new Set<string>();
  const plans: ArtistPlan[] = [];
  for (let index = 0; index < DEMO_CATALOG_SIZE.artists; index++) {
    const genre = random.weighted(DEMO_GENRES, genreWeights);
    const from = random.int(genre.from, Math.min(genre.to, HORIZON_YEAR - 1));
    const to = Math.min(HORIZON_YEAR, from + Math.round(clamp(random.logNormal(9, 0.7), 1, 40)));
    const neighbours = DEMO_GENRES.filter((other) => other !== genre && other.from <= to && other.to >= from);
    const sameFamily = neighbours.filter((other) => other.family === genre.family);
    const genres = [genre.id];
    const extra = random.weighted([0, 1, 2], [3, 4, 2]);
    for (let count = 0; count < extra; count++) {
      const pool = sameFamily.length > 0 && random.chance(0.7) ? sameFamily : neighbours;
      if (pool.length === 0) break;
      const candidate = random.pick(pool).id;
      if (!genres.includes(candidate)) genres.push(candidate);
    }
    let name = artistName(random, genre.family);
    for (let attempt = 0; names.has(name); attempt++) {
      name = attempt < 20 ? artistName(random, genre.family) : `${name} ${inventedWord(random, 2)}`;
    }
    names.add(name);
    const followers = Math.round(clamp(random.logNormal(35_000, 1.9), 40, 90_000_000));
    const popularity = Math.round(clamp((Math.log10(followers) - 1.6) * 16 + random.normal(0, 6), 0, 100));
    const id = base62Id(seed, "artist", index);
    plans.push({
      artist: { id, name, genres, followers, popularity, imageUrl: demoImageUrl("artist", id) },
      genre,
      from,
      to,
      explicitShare: clamp(genre.explicitShare * random.logNormal(1, 0.8), 0, 0.95),
    });
  }
  return plans;
}

/** Exactly `total` releases, at least one per artist; long careers put out more. */
function releasesPerArtist(random: Random, plans: readonly ArtistPlan[], total: number): number[] {
  const weights = plans.map((plan) => (plan.to - plan.from + 3) * random.logNormal(1, 0.6));
  const sum = weights.reduce((accumulated, weight) => accumulated + weight, 0);
  const spare = total - plans.length;
  let carried = 0;
  let given = 0;
  return weights.map((weight) => {
    carried += (spare * weight) / sum;
    const extra = Math.round(carried) - given;
    given += extra;
    return 1 + extra;
  });
}

function trackCount(random: Random, type: DemoAlbumType, genre: DemoGenre): number {
  if (type === "single") return random.weighted([1, 2, 3, 4, 5], [5, 3, 1, 1, 1]);
  if (type === "compilation") return random.int(12, 22);
  // Long-form genres fit fewer pieces on a record.
  if (genre.trackSeconds > 380) return random.int(4, 8);
  return random.int(8, 15);
}

export function buildDemoCatalog(seed: number): DemoCatalog {
  const plans = planArtists(seed);
  const random = createRandom(`catalog:${seed}:releases`);
  const releaseCounts = releasesPerArtist(random, plans, DEMO_CATALOG_SIZE.albums);
  const artistsByGenre = new Map<string, DemoArtist[]>();
  for (const plan of plans) {
    for (const genre of plan.artist.genres) {
      const list = artistsByGenre.get(genre) ?? [];
      list.push(plan.artist);
      artistsByGenre.set(genre, list);
    }
  }

  const albums: DemoAlbum[] = [];
  const tracks: DemoTrack[] = [];
  const albumsByArtist = new Map<string, DemoAlbum[]>();
  const tracksByAlbum = new Map<string, DemoTrack[]>();

  plans.forEach((plan, artistIndex) => {
    const { artist, genre } = plan;
    const releases = releaseCounts[artistIndex] ?? 1;
    const years = Array.from({ length: releases }, () => random.int(plan.from, plan.to)).sort((a, b) => a - b);
    const ownAlbums: DemoAlbum[] = [];
    const ownTracks: DemoTrack[] = [];
    const titles = new Set<string>();
    years.forEach((year, releaseIndex) => {
      const lastOfMany = releaseIndex === releases - 1 && releases >= 4;
      const type: DemoAlbumType = lastOfMany && random.chance(0.5) ? "compilation" : random.chance(0.3) ? "single" : "album";
      const albumIndex = albums.length;
      const id = base62Id(seed, "album", albumIndex);
      const firstYear = years[0] ?? year;
      const total = trackCount(random, type, genre);
      // A best-of gathers the earlier songs again, often remastered, under new track ids.
      const originals =
        type === "compilation" ? random.shuffle(ownTracks.filter((track) => !track.name.includes(" - Remastered"))).slice(0, total) : [];
      const album: DemoAlbum = {
        id,
        name: "",
        artistIds: [artist.id],
        albumType: type,
        releaseDate: type === "compilation" ? dateIn(random, Math.min(plan.to, year + random.int(0, 3))) : dateIn(random, year),
        totalTracks: total,
        imageUrl: demoImageUrl("album", id),
        genres: [...artist.genres],
      };
      const albumTracks: DemoTrack[] = [];
      const discs = type === "compilation" && total > 16 ? 2 : 1;
      const perDisc = Math.ceil(total / discs);
      const remasterYear = Number(album.releaseDate.slice(0, 4));
      for (let position = 0; position < total; position++) {
        const original = originals[position];
        let name = original?.name ?? trackTitle(random);
        if (!original) for (let attempt = 0; titles.has(name) && attempt < 10; attempt++) name = trackTitle(random);
        titles.add(name);
        if (original && remasterYear - firstYear >= 8 && random.chance(0.5)) name = `${name} - Remastered ${remasterYear}`;
        const artistIds = [artist.id];
        if (!original && random.chance(genre.featureShare)) {
          const peers = artistsByGenre.get(genre.id) ?? [];
          const guest = peers.length > 1 ? random.pick(peers) : undefined;
          if (guest && guest.id !== artist.id) {
            artistIds.push(guest.id);
            if (random.chance(0.6)) name = `${name} (feat. ${guest.name})`;
          }
        }
        const leadBonus = position < 3 ? 8 - position * 3 : 0;
        const track: DemoTrack = {
          id: base62Id(seed, "track", tracks.length + albumTracks.length),
          name,
          artistIds,
          albumId: id,
          durationMs:
            original?.durationMs ??
            Math.round(clamp(genre.trackSeconds * random.logNormal(1, 0.24), 45, 1_200) * 1000) + random.int(0, 999),
          explicit: original?.explicit ?? random.chance(plan.explicitShare),
          trackNumber: (position % perDisc) + 1,
          discNumber: Math.floor(position / perDisc) + 1,
          popularity: Math.round(clamp(artist.popularity * random.float(0.55, 1.02) + leadBonus + random.normal(0, 4), 0, 100)),
        };
        albumTracks.push(track);
      }
      album.name =
        type === "compilation"
          ? compilationTitle(random, artist.name, firstYear, year)
          : type === "single"
            ? total >= 4
              ? `${albumTracks[0]?.name ?? artist.name} EP`
              : (albumTracks[0]?.name ?? artist.name)
            : albumTitle(random, artist.name, ownAlbums.filter((own) => own.albumType === "album").length);
      albums.push(album);
      ownAlbums.push(album);
      ownTracks.push(...albumTracks);
      tracks.push(...albumTracks);
      tracksByAlbum.set(id, albumTracks);
    });
    ownAlbums.sort((a, b) => (a.releaseDate < b.releaseDate ? -1 : a.releaseDate > b.releaseDate ? 1 : 0));
    albumsByArtist.set(artist.id, ownAlbums);
  });

  const { shows, episodes, episodesByShow } = buildPodcasts(seed);
  const artists = plans.map((plan) => plan.artist);
  return {
    seed,
    genres: DEMO_GENRES,
    artists,
    albums,
    tracks,
    shows,
    episodes,
    artistsById: new Map(artists.map((artist) => [artist.id, artist])),
    albumsById: new Map(albums.map((album) => [album.id, album])),
    tracksById: new Map(tracks.map((track) => [track.id, track])),
    showsById: new Map(shows.map((show) => [show.id, show])),
    episodesById: new Map(episodes.map((episode) => [episode.id, episode])),
    albumsByArtist,
    tracksByAlbum,
    episodesByShow,
  };
}

function buildPodcasts(seed: number) {
  const random = createRandom(`catalog:${seed}:podcasts`);
  const shows: DemoShow[] = [];
  const episodes: DemoEpisode[] = [];
  const episodesByShow = new Map<string, DemoEpisode[]>();
  const horizon = Date.parse(`${DEMO_CATALOG_HORIZON}T00:00:00Z`);
  const names = new Set<string>();
  for (let index = 0; index < DEMO_CATALOG_SIZE.shows; index++) {
    let name = showName(random);
    while (names.has(name)) name = showName(random);
    names.add(name);
    const id = base62Id(seed, "show", index);
    const cadenceDays = random.pick([7, 7, 7, 14, 3.5]);
    const first = Date.UTC(random.int(2012, 2021), random.int(0, 11), random.int(1, 28));
    // Some shows stop: their last episode is years before the horizon.
    const last = random.chance(0.25) ? Math.min(horizon, first + random.int(2, 5) * 365 * 86_400_000) : horizon;
    const minutes = random.int(20, 75);
    const explicit = random.chance(0.25);
    const own: DemoEpisode[] = [];
    for (let at = first, number = 1; at <= last && own.length < 400; at += cadenceDays * 86_400_000, number++) {
      own.push({
        id: base62Id(seed, "episode", episodes.length + own.length),
        name: episodeTitle(random, number),
        showId: id,
        releaseDate: new Date(at).toISOString().slice(0, 10),
        durationMs: Math.round(clamp(random.logNormal(minutes, 0.3), 8, 180) * 60_000) + random.int(0, 59_999),
        explicit,
      });
    }
    shows.push({
      id,
      name,
      publisher: `${inventedWord(random, 2)} ${random.pick(["Audio", "Media", "Radio", "Studios"])}`,
      description: `A ${cadenceDays < 7 ? "twice-weekly" : cadenceDays === 7 ? "weekly" : "fortnightly"} show about ${name.toLowerCase()}.`,
      imageUrl: demoImageUrl("show", id),
      totalEpisodes: own.length,
    });
    episodes.push(...own);
    episodesByShow.set(id, own);
  }
  return { shows, episodes, episodesByShow };
}

const built = perProcess("demo.catalogs", () => new Map<number, DemoCatalog>());

/** The demo catalog for a seed, built on first use and shared afterwards (it is never mutated). */
export function getDemoCatalog(seed = 1): DemoCatalog {
  let catalog = built.get(seed);
  if (!catalog) {
    catalog = buildDemoCatalog(seed);
    built.set(seed, catalog);
  }
  return catalog;
}
