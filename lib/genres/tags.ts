/**
 * Listener-applied tags (Last.fm style: "indie rock", "seen live", "female vocalists") read as
 * genres. Only tags that name a style of music count; places, decades, voices and opinions do not.
 * Each genre belongs to one of the families the recommender's contexts use. Pure and client-safe.
 */

export type GenreFamily = "rock" | "pop" | "soul" | "hiphop" | "electronic" | "folk" | "jazz" | "world";

/** Tags that are never a genre even though a rule below would take them. */
const NOT_GENRES = new Set([
  "seen live",
  "female vocalists",
  "male vocalists",
  "female vocalist",
  "male vocalist",
  "female fronted metal",
  "favorites",
  "favourites",
  "favorite",
  "favourite",
  "pop culture",
  "rock star",
  "guitar virtuoso",
  "christmas",
  "soundtrack",
  "cover",
  "covers",
  "remix",
  "live",
  "instrumental",
  "acoustic",
  "piano",
  "guitar",
  "vocal",
  "oldies",
  "classic",
  "legend",
  "diva",
  "american idol",
  "disney",
  "gossip girl",
  "the vampire diaries",
]);

/** Exact tags and their family, where the word rules below would be wrong or silent. */
const EXACT: Record<string, GenreFamily> = {
  alternative: "rock",
  indie: "rock",
  grunge: "rock",
  emo: "rock",
  screamo: "rock",
  emocore: "rock",
  hardcore: "rock",
  shoegaze: "rock",
  britpop: "pop",
  "new wave": "rock",
  "post-punk": "rock",
  "new romantic": "pop",
  psychedelic: "rock",
  progressive: "rock",
  gothic: "rock",
  goth: "rock",
  "visual kei": "rock",
  "singer-songwriter": "folk",
  country: "folk",
  americana: "folk",
  bluegrass: "folk",
  "easy listening": "jazz",
  lounge: "jazz",
  blues: "jazz",
  "bossa nova": "jazz",
  classical: "jazz",
  "new age": "electronic",
  ambient: "electronic",
  "dark ambient": "electronic",
  chillout: "electronic",
  electronic: "electronic",
  downtempo: "electronic",
  "trip-hop": "electronic",
  idm: "electronic",
  ebm: "electronic",
  industrial: "electronic",
  darkwave: "electronic",
  futurepop: "electronic",
  electroclash: "electronic",
  minimal: "electronic",
  drone: "electronic",
  noise: "electronic",
  experimental: "electronic",
  "avant-garde": "electronic",
  dance: "electronic",
  house: "electronic",
  techno: "electronic",
  trance: "electronic",
  psytrance: "electronic",
  "drum and bass": "electronic",
  dubstep: "electronic",
  club: "electronic",
  rnb: "soul",
  "r&b": "soul",
  funk: "soul",
  disco: "soul",
  gospel: "soul",
  motown: "soul",
  "neo-soul": "soul",
  rap: "hiphop",
  "hip-hop": "hiphop",
  grime: "hiphop",
  urban: "hiphop",
  reggae: "world",
  dub: "world",
  ska: "world",
  latin: "world",
  world: "world",
  mpb: "world",
  samba: "world",
  flamenco: "world",
  afrobeat: "world",
  "j-pop": "pop",
  "k-pop": "pop",
  "j-rock": "rock",
  "c-pop": "pop",
  "teen pop": "pop",
  "top 40": "pop",
  powerpop: "pop",
};

/** Word rules, tried in order on tags not listed above: the first that matches names the family. */
const RULES: ReadonlyArray<[RegExp, GenreFamily]> = [
  [/\b(hip[- ]?hop|rap)\b/, "hiphop"],
  [/\b(soul|funk|r&b|rnb)\b/, "soul"],
  [/\b(jazz|swing|bebop|blues)\b/, "jazz"],
  [/\b(folk|country|bluegrass|singer-songwriter)\b/, "folk"],
  [/\b(metal|metalcore|deathcore|grindcore|mathcore|rock|punk|grunge|hardcore|emo|shoegaze)\b/, "rock"],
  [
    /\b(electro\w*|techno|house|trance|synth\w*|dub ?step|drum (and|n) bass|dnb|ambient|idm|edm|industrial|dance|chill ?out|downtempo)\b/,
    "electronic",
  ],
  [/\b(pop)\b/, "pop"],
  [/\b(reggae|latin|salsa|afro\w*|bossa|world)\b/, "world"],
];

/** One spelling per genre: listeners write the same style several ways. */
const CANONICAL: Record<string, string> = {
  "hip hop": "hip-hop",
  hiphop: "hip-hop",
  rnb: "r&b",
  "synth pop": "synthpop",
  "synth-pop": "synthpop",
  "post rock": "post-rock",
  "post punk": "post-punk",
  "trip hop": "trip-hop",
  "drum n bass": "drum and bass",
  dnb: "drum and bass",
  "rock n roll": "rock and roll",
  "rock'n'roll": "rock and roll",
  "j pop": "j-pop",
  "k pop": "k-pop",
  electronica: "electronic",
  chill: "chillout",
  "chill out": "chillout",
  "power pop": "powerpop",
};

/** The genre a tag names, with its family; null for tags that are not a style of music. */
export function genreOfTag(raw: string): { genre: string; family: GenreFamily } | null {
  const spaced = raw.trim().toLowerCase().replace(/\s+/g, " ");
  const tag = CANONICAL[spaced] ?? spaced;
  if (tag.length < 2 || tag.length > 40 || NOT_GENRES.has(tag)) return null;
  const exact = EXACT[tag];
  if (exact) return { genre: tag, family: exact };
  for (const [rule, family] of RULES) if (rule.test(tag)) return { genre: tag, family };
  return null;
}

/**
 * An artist's genres from the tags listeners applied to it, most applied first: at most `limit`,
 * each applied by at least `minShare` of the artist's most applied genre tag (so one listener's
 * stray tag on a well-tagged artist does not count).
 */
export function genresFromTags(
  tagCounts: ReadonlyArray<readonly [string, number]>,
  options: { limit?: number; minShare?: number } = {},
): string[] {
  const limit = options.limit ?? 3;
  const minShare = options.minShare ?? 0.2;
  const genres = tagCounts
    .map(([tag, count]) => ({ found: genreOfTag(tag), count }))
    .filter((entry): entry is { found: { genre: string; family: GenreFamily }; count: number } => entry.found !== null && entry.count > 0)
    .sort((a, b) => b.count - a.count || a.found.genre.localeCompare(b.found.genre));
  const top = genres[0]?.count ?? 0;
  const chosen: string[] = [];
  for (const { found, count } of genres) {
    if (count < top * minShare) break;
    if (!chosen.includes(found.genre)) chosen.push(found.genre);
    if (chosen.length >= limit) break;
  }
  return chosen;
}

/** The families of a list of genres (unknown genres are left out), without repeats. */
export function familiesOf(genres: readonly string[]): GenreFamily[] {
  const families: GenreFamily[] = [];
  for (const genre of genres) {
    const family = genreOfTag(genre)?.family;
    if (family && !families.includes(family)) families.push(family);
  }
  return families;
}
