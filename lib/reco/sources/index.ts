/** The recommender's candidate sources, one per file; the engine merges, scores and re-ranks what they propose. */
export { hasHeard, historyCandidate, type Candidate, type SourceInput } from "./candidate";
export { collaborativeArtists } from "./collaborative-artists";
export { favouriteArtistsUnheard } from "./favourite-artists";
export { forgottenFavourites } from "./forgotten-favourites";
export { onRepeat } from "./on-repeat";
export { seedArtistNeighbours } from "./seed-neighbours";
export { sessionNeighbours } from "./session-neighbours";
