/**
 * Genres for artists Spotify gives us none for. Spotify no longer returns reliable artist genres
 * to new apps, so real listeners' artists take the genres listeners applied as tags in a public
 * research data set (HetRec 2011 Last.fm 2K, see lib/reco/pretrained/README.md), matched by
 * normalised name. The table is built by `npm run reco:pretrain` (`./build.ts`) and loaded on
 * first use.
 */
import "server-only";
import { env } from "@/lib/env";
import { normaliseName } from "@/lib/listening";
import { perProcess } from "@/lib/process-state";
import type { PublicGenreTable } from "./build";

export { buildPublicGenres, type PublicGenreTable } from "./build";
export { familiesOf, genreOfTag, genresFromTags, type GenreFamily } from "./tags";

const loaded = perProcess("genres.public", () => ({
  table: undefined as Promise<PublicGenreTable> | undefined,
  byName: undefined as Promise<Map<string, readonly string[]>> | undefined,
}));

/** The public artist → genres table (loaded once per process). */
export function publicGenreTable(): Promise<PublicGenreTable> {
  loaded.table ??= import("./public-artist-genres.json", { with: { type: "json" } }).then((module) => module.default as PublicGenreTable);
  return loaded.table;
}

/** The table as a map (a plain object would answer "constructor" with a function). */
function publicGenreMap(): Promise<Map<string, readonly string[]>> {
  loaded.byName ??= publicGenreTable().then((table) => new Map(Object.entries(table.artists)));
  return loaded.byName;
}

/** A lookup of an artist's genres by its name as the listener's history spells it; undefined when unknown. */
export async function publicGenresOf(): Promise<(artistName: string) => readonly string[] | undefined> {
  // The same research data as the public artist model: off together (RECO_PUBLIC_MODEL=off).
  if (env.RECO_PUBLIC_MODEL === "off") return () => undefined;
  const byName = await publicGenreMap();
  return (artistName) => byName.get(normaliseName(artistName));
}
