import "server-only";
import { familiesOf, publicGenresOf } from "@/lib/genres";
import { normaliseName } from "@/lib/listening";
import { DEMO_LISTENER, genresById, getDemoCatalog, type DemoCatalog, type DemoTrack } from "@/lib/demo";
import type { SpotifyClient, Track } from "@/lib/spotify";
import type { CatalogPort, CatalogTrack } from "./engine";

/** The demo listener's catalogue, straight from the generated catalog (genres, eras, explicit). */
export function demoCatalogPort(catalog: DemoCatalog = getDemoCatalog(DEMO_LISTENER.seed)): CatalogPort {
  const byArtistName = new Map(catalog.artists.map((artist) => [normaliseName(artist.name), artist]));
  const facts = (track: DemoTrack): CatalogTrack => {
    const artist = catalog.artistsById.get(track.artistIds[0] ?? "");
    const album = catalog.albumsById.get(track.albumId);
    const families = [
      ...new Set(
        (artist?.genres ?? [])
          .map((genre) => genresById.get(genre)?.family)
          .filter((family): family is NonNullable<typeof family> => Boolean(family)),
      ),
    ];
    return {
      trackId: track.id,
      name: track.name,
      artist: artist?.name ?? "Unknown artist",
      album: album?.name ?? null,
      imageUrl: album?.imageUrl ?? null,
      releaseYear: album ? Number(album.releaseDate.slice(0, 4)) : null,
      durationMs: track.durationMs,
      explicit: track.explicit,
      families,
      popularity: track.popularity,
      // Generated tracks have no audio: no preview rather than a fake one.
      previewUrl: null,
    };
  };
  return {
    async tracks(trackIds) {
      const found = new Map<string, CatalogTrack>();
      for (const id of trackIds) {
        const track = catalog.tracksById.get(id);
        if (track) found.set(id, facts(track));
      }
      return found;
    },
    async artistTracks(artistName) {
      const artist = byArtistName.get(normaliseName(artistName));
      if (!artist) return [];
      const tracks = (catalog.albumsByArtist.get(artist.id) ?? [])
        .flatMap((album) => catalog.tracksByAlbum.get(album.id) ?? [])
        .filter((track) => track.artistIds[0] === artist.id);
      return tracks
        .sort((a, b) => b.popularity - a.popularity || a.id.localeCompare(b.id))
        .slice(0, 40)
        .map(facts);
    },
  };
}

type GenreLookup = (artistName: string) => readonly string[] | undefined;

function fromTrack(track: Track, genreOf: GenreLookup): CatalogTrack {
  const year = track.album?.releaseDate ? Number(track.album.releaseDate.slice(0, 4)) : null;
  return {
    trackId: track.id,
    name: track.name,
    artist: track.artists[0]?.name ?? "Unknown artist",
    album: track.album?.name ?? null,
    imageUrl: track.album?.imageUrl ?? null,
    releaseYear: Number.isFinite(year) ? year : null,
    durationMs: track.durationMs,
    explicit: track.explicit,
    // Spotify no longer gives new apps artist genres: the public listener tags stand in where they
    // know the artist; elsewhere unknown, so genre contexts stay neutral.
    families: familiesOf(genreOf(track.artists[0]?.name ?? "") ?? []),
    popularity: null,
    previewUrl: track.previewUrl,
  };
}

/**
 * A Spotify listener's catalogue through the Web API: track facts by id, and an artist's tracks
 * through search (the development-mode endpoints). Errors (rate limits, outages) leave the
 * source empty for this request rather than failing it.
 */
export function spotifyCatalogPort(client: SpotifyClient): CatalogPort {
  // Without the table (switched off, or unreadable) genres stay unknown rather than failing requests.
  const genres = publicGenresOf().catch((): GenreLookup => () => undefined);
  return {
    async tracks(trackIds) {
      const found = new Map<string, CatalogTrack>();
      // A handful at most: each is a request.
      for (const id of trackIds.slice(0, 25)) {
        const track = await client.track(id).catch(() => null);
        if (track) found.set(id, fromTrack(track, await genres));
      }
      return found;
    },
    async artistTracks(artistName) {
      const results = await client.search(`artist:${artistName}`, { types: ["track"], limit: 10 });
      const wanted = normaliseName(artistName);
      const genreOf = await genres;
      return results.tracks
        .filter((track) => normaliseName(track.artists[0]?.name ?? "") === wanted)
        .map((track) => fromTrack(track, genreOf));
    },
  };
}
