/**
 * The assistant's shared vocabulary, safe for the browser: chat messages (AI SDK UI messages with
 * our metadata and typed tool parts), and what each tool returns. Tool cards render these shapes.
 */
import type { UIDataTypes, UIMessage } from "ai";

/** Why an answer came from the offline model rather than Gemini. */
export type OfflineReason = "not-configured" | "over-budget" | "model-error";

export interface ChatMetadata {
  /** The model that answered: a Gemini id, or "echotune-offline". */
  model?: string;
  offline?: boolean;
  offlineReason?: OfflineReason;
  /** The same question within a few minutes was answered from the cache. */
  cached?: boolean;
  createdAt?: number;
  totalTokens?: number;
}

/** A real catalogue track, resolved through search (`confidence` 0..1) or taken from the listener's history. */
export interface TrackCard {
  /** `spotify:track:<id>` or the normalised `artist|title` key. */
  key: string;
  trackId: string | null;
  name: string;
  artist: string;
  album: string | null;
  imageUrl: string | null;
  /** How sure the match is (1 for tracks taken by id). */
  confidence: number;
  /** Why it is here, from real evidence, when the engine chose it. */
  explanation?: string;
}

export interface RangeInfo {
  label: string;
  fromDate: string;
  toDate: string;
}

export interface ListeningStatsOutput {
  range: RangeInfo;
  totals: { minutes: number; plays: number; artists: number; tracks: number };
  topArtists: Array<{ name: string; plays: number; minutes: number }>;
  topTracks: Array<{ name: string; artist: string; plays: number; minutes: number }>;
  busiestHour: number | null;
  summary: string;
}

export interface SearchHistoryOutput {
  query: string;
  matches: Array<{ kind: "track" | "artist"; name: string; artist: string | null; plays: number; minutes: number; firstPlayedAt: string; lastPlayedAt: string }>;
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
}

export interface SavePlaylistOutput {
  saved: boolean;
  playlistId: string | null;
  url: string | null;
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

export type ChatTools = {
  listeningStats: { input: { range: string; from?: string; to?: string; by?: "plays" | "time" }; output: ListeningStatsOutput };
  searchHistory: { input: { query: string }; output: SearchHistoryOutput };
  recommend: { input: { context?: string; seed?: string; novelty?: number; limit?: number }; output: TrackListOutput };
  searchCatalog: { input: { query?: string; tracks?: Array<{ title: string; artist: string }> }; output: TrackListOutput };
  explainTaste: { input: Record<string, never>; output: TasteOutput };
  buildPlaylist: { input: { name: string; description?: string; context?: string; seed?: string; tracks?: Array<{ title: string; artist: string }>; limit?: number }; output: PlaylistDraftOutput };
  savePlaylist: { input: { name: string; description?: string; trackKeys: string[] }; output: SavePlaylistOutput };
  playback: { input: { action: "play" | "queue"; trackKeys?: string[]; query?: string }; output: PlaybackOutput };
};

export type ChatMessage = UIMessage<ChatMetadata, UIDataTypes, ChatTools>;

export interface ChatSummary {
  id: string;
  title: string;
  updatedAt: string;
}

export const OFFLINE_MODEL_ID = "echotune-offline";

/** Longest message the assistant accepts, in characters (the composer counts down to it). */
export const MESSAGE_MAX_CHARS = 2_000;

/** Prompts offered on an empty chat. */
export const SUGGESTED_PROMPTS = [
  "What did I play most last winter?",
  "Recommend something for focus",
  "Build a playlist for a workout",
  "Explain my taste",
] as const;
