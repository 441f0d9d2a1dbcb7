/** The card for one tool part: running, failed or declined states, else the tool's own card. */
import type { ToolName } from "@/lib/assistant/client";
import { toolNameOf, type ChatToolPart, type SavePlaylistPart } from "../tool-parts";
import { buildPlaylistCard } from "./build-playlist-card";
import { discoverDraftCard } from "./discover-draft-card";
import { explainTasteCard } from "./explain-taste-card";
import { comparePeriodsCard, listeningHabitsCard, onThisDayCard } from "./facts-card";
import { listeningStatsCard } from "./listening-stats-card";
import { playbackCard } from "./playback-card";
import { recommendCard } from "./recommend-card";
import { researchArtistCard } from "./research-artist-card";
import { searchCatalogCard } from "./search-catalog-card";
import { searchHistoryCard } from "./search-history-card";
import { ToolError, ToolLoading, type ToolCardSpec } from "./shared";

/** savePlaylist asks for approval first: it has its own card (save-playlist-card.tsx). */
type CardTool = Exclude<ToolName, "savePlaylist">;

// Keyed by the tools' own names: a tool without a card here fails to compile.
const CARDS: { [Name in CardTool]: ToolCardSpec<Name> } = {
  listeningStats: listeningStatsCard,
  searchHistory: searchHistoryCard,
  listeningHabits: listeningHabitsCard,
  comparePeriods: comparePeriodsCard,
  onThisDay: onThisDayCard,
  recommend: recommendCard,
  searchCatalog: searchCatalogCard,
  explainTaste: explainTasteCard,
  buildPlaylist: buildPlaylistCard,
  discoverDraft: discoverDraftCard,
  playback: playbackCard,
  researchArtist: researchArtistCard,
};

export function ToolCard({ part }: { part: Exclude<ChatToolPart, SavePlaylistPart> }) {
  // The part and its spec belong to the same tool; TypeScript cannot follow that through the union.
  const { working, failed, Card } = CARDS[toolNameOf(part) as CardTool] as ToolCardSpec<CardTool>;
  switch (part.state) {
    case "input-streaming":
    case "input-available":
    case "approval-requested":
    case "approval-responded":
      return <ToolLoading label={working} />;
    case "output-error":
      return <ToolError label={failed} errorText={part.errorText} />;
    case "output-denied":
      return <p className="text-sm text-muted-foreground">Not run: you declined it.</p>;
  }
  return <Card output={part.output} />;
}
