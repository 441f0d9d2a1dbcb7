/**
 * What each assistant tool returns, shared by the tools (server) and their cards (browser). Types
 * only. The chat's typed tool parts are inferred from the tool definitions (types.ts).
 */

/** A real catalogue track, resolved through search (`confidence` 0..1) or taken from the listener's history. */
export interface TrackCard {
  /** `spotify:track:<id>` or the normalised `artist|title` key. */
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
  /** How sure the match is (1 for tracks taken by id, 0 for history-only ones). */
  confidence: number;
  /**
   * "catalog": a Spotify track (by id, or matched through search). "history": a play from the
   * listener's own history that was never matched to a Spotify track (account-data rows): shown as
   * history, never as a catalogue match, and never saved to a playlist.
   */
  source: "catalog" | "history";
  /** Why it is here, from real evidence, when the engine chose it. */
  explanation?: string;
}

export interface RangeInfo {
  label: string;
  fromDate: string;
  toDate: string;
}

/** One item of a top list: the measures the dashboard shows for it in the range. */
export interface RankedItem {
  name: string;
  /** The artist, for tracks and albums. */
  artist?: string;
  /** Plays of at least the listen threshold in the range. */
  plays: number;
  /** Minutes played in the range, skips included. */
  minutes: number;
}

export interface ListeningStatsOutput {
  range: RangeInfo;
  /** What the lists are ranked by. */
  by: "plays" | "time";
  /** The list the question was about (null: artists and tracks). */
  kind: "artist" | "track" | "album" | "genre" | null;
  totals: { minutes: number; plays: number; artists: number; tracks: number };
  topArtists: RankedItem[];
  topTracks: RankedItem[];
  topAlbums: RankedItem[];
  /** Shares (0-1) of the time of artists with known genres; empty when none are known. */
  topGenres: Array<{ name: string; share: number }>;
  busiestHour: number | null;
  summary: string;
}

export interface SearchHistoryOutput {
  query: string;
  /** The range the plays and minutes are counted in (first and last listens are all time). */
  range: RangeInfo;
  matches: Array<{
    kind: "track" | "artist";
    name: string;
    artist: string | null;
    plays: number;
    minutes: number;
    /** First and last listen ever, "YYYY-MM-DD" (null: never played for the threshold). */
    firstPlayedAt: string | null;
    lastPlayedAt: string | null;
  }>;
  summary: string;
}

/** A fact card: a title, figures, and an optional ranked list (habits, comparisons, on this day). */
export interface FactsOutput {
  title: string;
  /** The dates the facts are about, when they are about a range. */
  range: RangeInfo | null;
  facts: Array<{ label: string; value: string }>;
  rows: Array<{ name: string; detail?: string; value: string }>;
  rowsTitle?: string;
  summary: string;
}

export interface TrackListOutput {
  tracks: TrackCard[];
  /** Suggestions that did not resolve to a real track and were left out. */
  dropped: number;
  summary: string;
}

export interface TasteOutput {
  summary: string;
  topArtists: Array<{ name: string; share: number }>;
  topGenres: Array<{ name: string; share: number }>;
  decades: Array<{ decade: string; share: number }>;
  habits: string[];
}

export interface PlaylistDraftOutput {
  name: string;
  description: string;
  tracks: TrackCard[];
  dropped: number;
  summary: string;
  /** The stored playlist this draft is (the Discover draft), to open in the editor. */
  playlistId?: string | null;
}

export interface SavePlaylistOutput {
  /** True once Spotify holds every track. */
  saved: boolean;
  /** The Spotify playlist's id, once created (also after a save that stopped midway). */
  playlistId: string | null;
  url: string | null;
  /** The stored playlist (its page is /playlists/<id>): kept even when Spotify failed, to finish with Retry. */
  storedPlaylistId: string | null;
  name: string;
  trackCount: number;
  summary: string;
}

export type PlaybackProblem = "no-active-device" | "premium-required" | "not-connected" | "not-found" | "unavailable";

export interface PlaybackOutput {
  ok: boolean;
  action: "play" | "queue";
  problem?: PlaybackProblem;
  summary: string;
}

/** A source a research answer cites, numbered in the order given. */
export interface ResearchCitationOutput {
  url: string;
  title: string;
}

/**
 * Artist research (Perplexity): the answer with its sources, or why there is none: "off" (no key),
 * "budget" (today's research limit), "error" (the service failed; `answer` says what to do).
 */
export interface ResearchOutput {
  status: "answered" | "off" | "budget" | "error";
  question: string;
  /** The artist, album or scene asked about, when named. */
  artist: string | null;
  answer: string;
  citations: ResearchCitationOutput[];
  /** Answered from the shared research cache. */
  cached: boolean;
  model: string | null;
  summary: string;
}
