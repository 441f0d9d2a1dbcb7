/** The recommender's vocabulary, shared by the engine, its candidate sources and its ports. */
import type { ContextDefinition } from "./context";

/** What the catalogue knows of a track (the demo catalogue, or Spotify's Web API). */
export interface CatalogTrack {
  trackId: string;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
  releaseYear: number | null;
  durationMs: number | null;
  explicit: boolean | null;
  /** Genre families of the artist, when known. */
  families: readonly string[];
  /** 0-100, Spotify's popularity when known. */
  popularity: number | null;
  /** A 30-second clip to preview, when the catalogue has one (Spotify often has none; the demo catalogue never). */
  previewUrl: string | null;
}

export interface CatalogPort {
  /** Facts about tracks by id (unknown ids are left out). */
  tracks(trackIds: string[]): Promise<Map<string, CatalogTrack>>;
  /** An artist's tracks, most popular first (a few dozen at most). */
  artistTracks(artistName: string, knownTrackId: string | null): Promise<CatalogTrack[]>;
}

export type RecoSource = "rotation" | "forgotten" | "session" | "collaborative" | "catalogue";

export interface RecoRequest {
  /** At most one per kind (mood, activity, era, time); a track's fit is its fit to all of them. */
  contexts?: readonly ContextDefinition[];
  /** A track key to start from ("more like this"). */
  seed?: string;
  limit: number;
  /** 0 = only what the listener knows, 1 = only what is new to them. */
  novelty: number;
  /** Leave out tracks played in the last N days. */
  recentDays: number;
  allowExplicit: boolean;
  /** At most this many tracks per artist. */
  perArtist?: number;
}

/** Collaborative filtering's view: artists (normalised names) the model expects this listener to like, with the evidence. */
export interface CollaborativeSignal {
  artists: Array<{ key: string; name: string; score: number; because: string | null }>;
  /**
   * What the guess rests on: how many of the listener's artists the model knows (`matched` of
   * `played`), and which model ("public": pretrained on public co-listening data; "deployment":
   * this deployment's listeners).
   */
  basis?: { matched: number; played: number; origin: "public" | "deployment"; version: string };
}
