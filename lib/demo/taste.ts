/**
 * The demo listener's taste and how it drifts: a run of phases, each with a few favourite genres,
 * a dozen favourite artists and a heavy rotation of songs. Consecutive phases share most of their
 * genres and some artists, so taste moves gradually; artists who fall out of favour can come back.
 */
import type { DemoArtist, DemoCatalog, DemoTrack } from "./catalog";
import { DEMO_GENRES, genresById, type GenreFamily } from "./genres";
import { weightedSampler, type Random } from "./random";
import { DAY_MS } from "./time";

export interface TastePhase {
  start: number;
  end: number;
  genres: string[];
  /** Favourite artists, most loved first. */
  favourites: DemoArtist[];
  pickFavourite: (random: Random) => DemoArtist;
  /** Songs on heavy rotation this phase. */
  pickRotation: (random: Random) => DemoTrack;
  /** Artists of the phase's genres the listener is only getting to know. */
  pickDiscovery: (random: Random) => DemoArtist;
  /** Favourites of earlier phases (two or more back) that are not favourites now. */
  formerFavourites: DemoArtist[];
}

/** A listener born around 1990: mostly music of their own time, with detours into the classics. */
const DECADE_AFFINITY: Record<number, number> = { 1960: 0.35, 1970: 0.5, 1980: 0.6, 1990: 0.9, 2000: 1.2, 2010: 1.5, 2020: 1.4 };

const FAVOURITES_PER_PHASE = 12;

/** Tracks of one artist in release order, with cumulative weights, so "released by then" is a prefix. */
interface ArtistTracks {
  tracks: DemoTrack[];
  releasedAt: Float64Array;
  cumulative: Float64Array;
}

export interface Taste {
  phases: TastePhase[];
  phaseAt(time: number): TastePhase;
  /** One of the artist's songs already out at `time`, popular and personal favourites more often. */
  trackBy(artist: DemoArtist, time: number, random: Random): DemoTrack | undefined;
  firstReleaseOf(artist: DemoArtist): number;
  releaseOf(albumId: string): number;
}

export function buildTaste(catalog: DemoCatalog, random: Random, from: number, to: number): Taste {
  const releaseByAlbum = new Map<string, number>();
  for (const album of catalog.albums) releaseByAlbum.set(album.id, Date.parse(`${album.releaseDate}T00:00:00Z`));
  const releaseOf = (albumId: string): number => releaseByAlbum.get(albumId) ?? Number.POSITIVE_INFINITY;
  const firstRelease = new Map<string, number>();
  for (const artist of catalog.artists) {
    const first = catalog.albumsByArtist.get(artist.id)?.[0];
    firstRelease.set(artist.id, first ? releaseOf(first.id) : Number.POSITIVE_INFINITY);
  }
  const firstReleaseOf = (artist: DemoArtist): number => firstRelease.get(artist.id) ?? Number.POSITIVE_INFINITY;

  // The listener's own leanings: a liking for some families of genres over others.
  const familyRandom = random.fork("families");
  const familyTaste = new Map<GenreFamily, number>();
  for (const genre of DEMO_GENRES) if (!familyTaste.has(genre.family)) familyTaste.set(genre.family, familyRandom.logNormal(1, 0.7));
  const genreAffinity = (id: string): number => {
    const genre = genresById.get(id);
    if (!genre) return 0;
    const decade = Math.floor((genre.from + genre.to) / 20) * 10;
    return (DECADE_AFFINITY[Math.min(2020, Math.max(1960, decade))] ?? 1) * (familyTaste.get(genre.family) ?? 1);
  };

  const artistTracks = new Map<string, ArtistTracks>();
  const tracksOf = (artist: DemoArtist): ArtistTracks => {
    let entry = artistTracks.get(artist.id);
    if (entry) return entry;
    // Personal taste per song is drawn from the artist's own stream, so it never depends on call order.
    const personal = random.fork(`songs:${artist.id}`);
    const tracks = (catalog.albumsByArtist.get(artist.id) ?? []).flatMap((album) => [...(catalog.tracksByAlbum.get(album.id) ?? [])]);
    const releasedAt = new Float64Array(tracks.length);
    const cumulative = new Float64Array(tracks.length);
    let total = 0;
    tracks.forEach((track, index) => {
      releasedAt[index] = releaseOf(track.albumId);
      total += ((track.popularity + 5) / 50) ** 2 * personal.logNormal(1, 0.9);
      cumulative[index] = total;
    });
    entry = { tracks, releasedAt, cumulative };
    artistTracks.set(artist.id, entry);
    return entry;
  };

  const trackBy = (artist: DemoArtist, time: number, pick: Random): DemoTrack | undefined => {
    const { tracks, releasedAt, cumulative } = tracksOf(artist);
    let available = 0;
    let high = tracks.length;
    while (available < high) {
      const middle = (available + high) >>> 1;
      if ((releasedAt[middle] ?? Infinity) <= time) available = middle + 1;
      else high = middle;
    }
    if (available === 0) return undefined;
    const target = pick.next() * (cumulative[available - 1] ?? 0);
    let low = 0;
    high = available - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > target) high = middle;
      else low = middle + 1;
    }
    return tracks[low];
  };

  const artistsOfGenres = (genres: readonly string[], time: number): DemoArtist[] =>
    catalog.artists.filter((artist) => firstReleaseOf(artist) <= time && artist.genres.some((genre) => genres.includes(genre)));

  const phases: TastePhase[] = [];
  const allGenres = DEMO_GENRES.map((genre) => genre.id);
  let genres: string[] = [];
  for (let count = 0; count < 3; count++) {
    const candidates = allGenres.filter((genre) => !genres.includes(genre));
    genres.push(random.weighted(candidates, candidates.map(genreAffinity)));
  }
  let previous: DemoArtist[] = [];
  const everFavourite: DemoArtist[] = [];
  const lifelong: DemoArtist[] = [];

  for (let start = from; start < to;) {
    const end = Math.min(to, start + Math.round(random.float(120, 300)) * DAY_MS);
    if (phases.length > 0) {
      // Drift: keep two genres, swap one for a neighbour more often than for something new.
      random.shuffle(genres);
      const kept = genres.slice(0, 2);
      const families = new Set(kept.map((genre) => genresById.get(genre)?.family));
      const candidates = allGenres.filter((genre) => !kept.includes(genre));
      const weights = candidates.map((genre) => genreAffinity(genre) * (families.has(genresById.get(genre)?.family) ? 3 : 1));
      genres = [...kept, random.weighted(candidates, weights)];
    }
    const pool = artistsOfGenres(genres, start);
    const favourites: DemoArtist[] = [];
    if (lifelong.length === 0 && pool.length > 0) {
      const chosen = random.weighted(
        pool,
        pool.map((artist) => (artist.popularity + 10) ** 2),
      );
      lifelong.push(chosen);
    }
    for (const artist of random.shuffle([...previous]).slice(0, 4)) favourites.push(artist);
    const fresh = pool.filter((artist) => !favourites.includes(artist) && !lifelong.includes(artist) && !everFavourite.includes(artist));
    const freshWeights = fresh.map(
      (artist) => ((artist.popularity + 10) / 40) ** 2 * ((catalog.albumsByArtist.get(artist.id)?.length ?? 0) > 1 ? 1 : 0.3),
    );
    while (favourites.length < FAVOURITES_PER_PHASE - 1 && fresh.length > 0) {
      const chosen = random.weighted(fresh, freshWeights);
      const index = fresh.indexOf(chosen);
      fresh.splice(index, 1);
      freshWeights.splice(index, 1);
      favourites.push(chosen);
    }
    // New loves lead the phase; the lifelong favourite is always around but rarely on top.
    favourites.sort((a, b) => Number(previous.includes(a)) - Number(previous.includes(b)));
    const lifelongArtist = lifelong[0];
    if (lifelongArtist && !favourites.includes(lifelongArtist)) favourites.splice(Math.min(5, favourites.length), 0, lifelongArtist);
    const favouriteWeights = favourites.map((_, rank) => 1 / (rank + 1));
    const pickFavourite = weightedSampler(favourites, favouriteWeights);

    const rotation: DemoTrack[] = [];
    const rotationRandom = random.fork(`rotation:${phases.length}`);
    for (let attempt = 0; rotation.length < 15 && attempt < 60 && favourites.length > 0; attempt++) {
      const track = trackBy(pickFavourite(rotationRandom), start, rotationRandom);
      if (track && !rotation.includes(track)) rotation.push(track);
    }
    const discoveries = pool.filter((artist) => !favourites.includes(artist));
    const discoveryPool = discoveries.length > 0 ? discoveries : catalog.artists.filter((artist) => firstReleaseOf(artist) <= start);
    const formerFavourites =
      phases.length >= 2
        ? dedupe((phases[phases.length - 2]?.formerFavourites ?? []).concat(phases[phases.length - 2]?.favourites ?? []))
        : [];

    phases.push({
      start,
      end,
      genres: [...genres],
      favourites,
      pickFavourite,
      pickRotation:
        rotation.length > 0
          ? weightedSampler(
              rotation,
              rotation.map((_, rank) => 1 / (rank + 2) ** 0.8),
            )
          : () => {
              throw new Error("The demo catalog has no tracks for this listener's taste.");
            },
      pickDiscovery: weightedSampler(
        discoveryPool,
        discoveryPool.map((artist) => (artist.popularity + 15) ** 1.5),
      ),
      formerFavourites: formerFavourites.filter((artist) => !favourites.includes(artist)),
    });
    for (const artist of favourites) if (!everFavourite.includes(artist)) everFavourite.push(artist);
    previous = favourites.filter((artist) => artist !== lifelongArtist);
    start = end;
  }

  const phaseAt = (time: number): TastePhase => {
    let low = 0;
    let high = phases.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if ((phases[middle]?.start ?? Infinity) <= time) low = middle;
      else high = middle - 1;
    }
    const phase = phases[low];
    if (!phase) throw new Error("The listening history has no taste phases.");
    return phase;
  };

  return { phases, phaseAt, trackBy, firstReleaseOf, releaseOf };
}

function dedupe<T>(items: T[]): T[] {
  return [...new Set(items)];
}
