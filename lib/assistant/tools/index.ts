import "server-only";
import { buildPlaylistTool } from "./build-playlist";
import { comparePeriodsTool } from "./compare-periods";
import type { ToolContext } from "./context";
import { discoverDraftTool } from "./discover-draft";
import { explainTasteTool } from "./explain-taste";
import { listeningHabitsTool } from "./listening-habits";
import { listeningStatsTool } from "./listening-stats";
import { onThisDayTool } from "./on-this-day";
import { playbackTool } from "./playback";
import { recommendTool } from "./recommend";
import { researchArtistTool } from "./research-artist";
import { savePlaylistTool } from "./save-playlist";
import { searchCatalogTool } from "./search-catalog";
import { searchHistoryTool } from "./search-history";

export type { ToolContext } from "./context";

/**
 * Every tool of the assistant, bound to one listener's turn. Each tool's input schema is made once
 * per process (`zodSchema` at module level) rather than in its factory: the AI SDK converts a
 * plain zod schema to JSON Schema at every model step, which cost about 4 ms of CPU per step for
 * the thirteen tools; a `zodSchema` keeps its JSON form once computed.
 */
export function assistantTools(ctx: ToolContext) {
  return {
    listeningStats: listeningStatsTool(ctx),
    searchHistory: searchHistoryTool(ctx),
    listeningHabits: listeningHabitsTool(ctx),
    comparePeriods: comparePeriodsTool(ctx),
    onThisDay: onThisDayTool(ctx),
    recommend: recommendTool(ctx),
    searchCatalog: searchCatalogTool(ctx),
    explainTaste: explainTasteTool(ctx),
    buildPlaylist: buildPlaylistTool(ctx),
    discoverDraft: discoverDraftTool(ctx),
    savePlaylist: savePlaylistTool(ctx),
    playback: playbackTool(ctx),
    researchArtist: researchArtistTool(ctx),
  };
}

export type AssistantTools = ReturnType<typeof assistantTools>;
