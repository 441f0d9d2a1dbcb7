/**
 * The demo catalog's genres. Each has the years it flourished (an artist's career starts inside
 * them), a family (taste drifts to neighbours more often than across the map), and the shape of
 * its tracks, so a punk record is short and a progressive one is not.
 */

export type GenreFamily = "rock" | "pop" | "soul" | "hiphop" | "electronic" | "folk" | "jazz" | "world";

export interface DemoGenre {
  /** The lower-case name Spotify uses, e.g. "indie folk". */
  id: string;
  family: GenreFamily;
  /** First and last year an artist of this genre may start a career. */
  from: number;
  to: number;
  /** Typical track length in seconds. */
  trackSeconds: number;
  /** Share of tracks marked explicit. */
  explicitShare: number;
  /** Share of tracks with a featured second artist. */
  featureShare: number;
}

const genre = (
  id: string,
  family: GenreFamily,
  from: number,
  to: number,
  trackSeconds: number,
  explicitShare = 0.02,
  featureShare = 0.03,
): DemoGenre => ({ id, family, from, to, trackSeconds, explicitShare, featureShare });

export const DEMO_GENRES: readonly DemoGenre[] = [
  genre("surf rock", "rock", 1960, 1967, 145),
  genre("bossa nova", "jazz", 1960, 1972, 190),
  genre("folk revival", "folk", 1960, 1975, 200),
  genre("soul", "soul", 1960, 1979, 175),
  genre("modal jazz", "jazz", 1960, 1985, 420),
  genre("psychedelic rock", "rock", 1965, 1975, 270),
  genre("funk", "soul", 1967, 1982, 260),
  genre("singer-songwriter", "folk", 1968, 2026, 225),
  genre("hard rock", "rock", 1968, 1990, 250),
  genre("roots reggae", "world", 1968, 1990, 230),
  genre("progressive rock", "rock", 1969, 1980, 430),
  genre("disco", "pop", 1974, 1983, 330),
  genre("punk", "rock", 1975, 1985, 150, 0.15),
  genre("heavy metal", "rock", 1975, 2005, 300, 0.1),
  genre("ambient", "electronic", 1975, 2026, 390),
  genre("post-punk", "rock", 1978, 1988, 230),
  genre("new wave", "pop", 1978, 1988, 225),
  genre("synth-pop", "pop", 1980, 1990, 235),
  genre("hip hop", "hiphop", 1980, 2026, 235, 0.6, 0.3),
  genre("house", "electronic", 1985, 2026, 360, 0.02, 0.2),
  genre("alternative rock", "rock", 1985, 2010, 230, 0.08),
  genre("techno", "electronic", 1988, 2026, 400),
  genre("grunge", "rock", 1988, 1997, 245, 0.2),
  genre("r&b", "soul", 1988, 2026, 225, 0.3, 0.25),
  genre("trip hop", "electronic", 1992, 2002, 285),
  genre("drum and bass", "electronic", 1993, 2015, 330, 0.05, 0.15),
  genre("indie rock", "rock", 1995, 2026, 220, 0.1),
  genre("dance pop", "pop", 1995, 2026, 205, 0.1, 0.2),
  genre("neo-soul", "soul", 1996, 2026, 255, 0.15, 0.15),
  genre("indie folk", "folk", 2005, 2026, 235),
  genre("afrobeats", "world", 2010, 2026, 200, 0.1, 0.35),
  genre("trap", "hiphop", 2012, 2026, 185, 0.75, 0.35),
  genre("bedroom pop", "pop", 2015, 2026, 175, 0.08),
  genre("lo-fi beats", "electronic", 2016, 2026, 135),
  genre("hyperpop", "pop", 2019, 2026, 150, 0.3, 0.2),
];

export const genresById: ReadonlyMap<string, DemoGenre> = new Map(DEMO_GENRES.map((entry) => [entry.id, entry]));
