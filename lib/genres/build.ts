/**
 * Builds the public artist → genres table from the HetRec 2011 Last.fm files (artists.dat,
 * tags.dat, user_taggedartists.dat): every artist's listener-applied tags, read as genres by
 * `genresFromTags`. Run by `npm run reco:pretrain`; the app reads the result (`public-artist-genres.json`).
 */
import { normaliseName } from "@/lib/listening";
import { genresFromTags } from "./tags";

export interface PublicGenreTable {
  /** Where the tags come from, for the README and the UI's "genres from …" note. */
  source: string;
  /** Normalised artist name → genres, most applied first. */
  artists: Record<string, string[]>;
}

/** Tab-separated rows without the header line (CRLF tolerated). */
function rows(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .slice(1)
    .filter((line) => line.length > 0)
    .map((line) => line.split("\t"));
}

export function buildPublicGenres(files: { artists: string; tags: string; taggings: string }, source: string): PublicGenreTable {
  const names = new Map(rows(files.artists).map(([id, name]) => [id!, name ?? ""]));
  const tags = new Map(rows(files.tags).map(([id, value]) => [id!, value ?? ""]));
  const counts = new Map<string, Map<string, number>>();
  for (const [, artistId, tagId] of rows(files.taggings)) {
    const tag = tags.get(tagId!);
    if (!tag || !names.has(artistId!)) continue;
    let perArtist = counts.get(artistId!);
    if (!perArtist) counts.set(artistId!, (perArtist = new Map()));
    perArtist.set(tag, (perArtist.get(tag) ?? 0) + 1);
  }
  const artists: Record<string, string[]> = {};
  for (const [artistId, perArtist] of [...counts].sort((a, b) => Number(a[0]) - Number(b[0]))) {
    const key = normaliseName(names.get(artistId)!);
    if (!key || key in artists) continue;
    const genres = genresFromTags([...perArtist]);
    if (genres.length > 0) artists[key] = genres;
  }
  return { source, artists };
}
