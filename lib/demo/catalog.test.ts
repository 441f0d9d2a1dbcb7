import { describe, expect, it } from "vitest";
import { demoArtSvg, initials } from "./art";
import { buildDemoCatalog, DEMO_CATALOG_HORIZON, getDemoCatalog, type DemoCatalog } from "./catalog";
import { DEMO_GENRES } from "./genres";

const ID = /^[0-9A-Za-z]{22}$/;
const catalog = getDemoCatalog();

const snapshot = (built: DemoCatalog) =>
  JSON.stringify([built.genres, built.artists, built.albums, built.tracks, built.shows, built.episodes]);

describe("getDemoCatalog", () => {
  it("is the same for a seed, built once, and different for another seed", () => {
    expect(getDemoCatalog(1)).toBe(catalog);
    expect(snapshot(buildDemoCatalog(1))).toBe(snapshot(catalog));
    const other = getDemoCatalog(2);
    expect(other.artists[0]?.id).not.toBe(catalog.artists[0]?.id);
    expect(other.artists.map((artist) => artist.name)).not.toEqual(catalog.artists.map((artist) => artist.name));
  });

  it("has the planned size", () => {
    expect(catalog.genres.length).toBeGreaterThanOrEqual(28);
    expect(catalog.artists).toHaveLength(600);
    expect(catalog.albums).toHaveLength(1_800);
    expect(catalog.tracks.length).toBeGreaterThan(6_000);
    expect(catalog.shows.length).toBeGreaterThanOrEqual(5);
    expect(catalog.episodes.length).toBeGreaterThan(100);
  });

  it("uses unique Spotify-style ids everywhere", () => {
    const ids = [catalog.artists, catalog.albums, catalog.tracks, catalog.shows, catalog.episodes].flatMap((items) =>
      items.map((item) => item.id),
    );
    expect(ids.filter((id) => !ID.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps every reference pointing at something that exists", () => {
    expect(catalog.artistsById.size).toBe(catalog.artists.length);
    expect(catalog.tracksById.size).toBe(catalog.tracks.length);
    const orphanTracks = catalog.tracks.filter((track) => {
      const album = catalog.albumsById.get(track.albumId);
      return !album || track.artistIds[0] !== album.artistIds[0] || !track.artistIds.every((id) => catalog.artistsById.has(id));
    });
    expect(orphanTracks).toEqual([]);
    const orphanAlbums = catalog.albums.filter(
      (album) =>
        !album.artistIds.every((id) => catalog.artistsById.has(id)) || catalog.tracksByAlbum.get(album.id)?.length !== album.totalTracks,
    );
    expect(orphanAlbums).toEqual([]);
    expect(catalog.episodes.filter((episode) => !catalog.showsById.has(episode.showId))).toEqual([]);
    const albumsListed = [...catalog.albumsByArtist.values()].reduce((sum, albums) => sum + albums.length, 0);
    expect(albumsListed).toBe(catalog.albums.length);
  });

  it("gives artists one to three known genres and records released within the 1960s–2020s", () => {
    const known = new Set(DEMO_GENRES.map((genre) => genre.id));
    const oddArtists = catalog.artists.filter(
      (artist) =>
        artist.genres.length < 1 ||
        artist.genres.length > 3 ||
        !artist.genres.every((genre) => known.has(genre)) ||
        !(artist.popularity >= 0 && artist.popularity <= 100) ||
        !(artist.followers > 0) ||
        artist.imageUrl !== `/demo-art/artist/${artist.id}.svg`,
    );
    expect(oddArtists).toEqual([]);
    const decades = new Set(catalog.albums.map((album) => album.releaseDate.slice(0, 3)));
    expect([...decades].sort()).toEqual(["196", "197", "198", "199", "200", "201", "202"]);
    const oddAlbums = catalog.albums.filter(
      (album) =>
        !/^\d{4}-\d{2}-\d{2}$/.test(album.releaseDate) ||
        album.releaseDate > DEMO_CATALOG_HORIZON ||
        album.imageUrl !== `/demo-art/album/${album.id}.svg`,
    );
    expect(oddAlbums).toEqual([]);
    expect(new Set(catalog.albums.map((album) => album.albumType))).toEqual(new Set(["album", "single", "compilation"]));
  });

  it("gives an artist's records release dates inside one career", () => {
    const careers = [...catalog.albumsByArtist.values()].map((albums) => albums.map((album) => Number(album.releaseDate.slice(0, 4))));
    expect(careers.filter((years) => Math.max(...years) - Math.min(...years) > 40)).toEqual([]);
    expect(careers.filter((years) => years.some((year, index) => index > 0 && year < (years[index - 1] ?? 0)))).toEqual([]);
  });

  it("has unique artist names and plausible tracks", () => {
    expect(new Set(catalog.artists.map((artist) => artist.name)).size).toBe(catalog.artists.length);
    const oddTracks = catalog.tracks.filter(
      (track) =>
        track.name.length === 0 ||
        !(track.durationMs >= 45_000 && track.durationMs < 1_300_000) ||
        track.trackNumber < 1 ||
        track.discNumber < 1 ||
        !(track.popularity >= 0 && track.popularity <= 100),
    );
    expect(oddTracks).toEqual([]);
    expect(catalog.tracks.some((track) => track.explicit)).toBe(true);
    expect(catalog.tracks.some((track) => track.artistIds.length > 1)).toBe(true);
  });
});

describe("demoArtSvg", () => {
  it("draws an accessible, deterministic placeholder", () => {
    const album = catalog.albums[0];
    if (!album) throw new Error("The catalog has no albums.");
    const svg = demoArtSvg("album", album.id, album.name);
    expect(svg).toBe(demoArtSvg("album", album.id, album.name));
    expect(svg).not.toBe(demoArtSvg("album", catalog.albums[1]?.id ?? "", album.name));
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.endsWith("</svg>")).toBe(true);
    expect(svg).toContain('role="img"');
    expect(svg).toMatch(/<title id="t[0-9A-Za-z]+">Album cover: [^<]+<\/title>/);
    expect(svg).toMatch(/stop-color="#[0-9a-f]{6}"/);
    expect(demoArtSvg("artist", "x", "Y")).toContain("<circle");
  });

  it("escapes titles and takes initials from the meaningful words", () => {
    const svg = demoArtSvg("album", "abc", 'Salt & "Pepper" <Live>');
    expect(svg).not.toMatch(/<Live>|"Pepper"/);
    expect(svg).toContain("&#38;");
    expect(initials("The Velvet Owls")).toBe("VO");
    expect(initials("#12: Maps")).toBe("12M");
    expect(initials("Zoë")).toBe("Z");
    expect(initials("")).toBe("♪");
  });
});
