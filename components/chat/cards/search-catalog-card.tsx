import type { ToolCardSpec } from "./shared";
import { TrackListCard } from "./track-list";

export const searchCatalogCard: ToolCardSpec<"searchCatalog"> = {
  working: "Searching the catalogue…",
  failed: "The catalogue could not be searched",
  Card: ({ output }) => <TrackListCard tool="searchCatalog" title="Found in the catalogue" {...output} />,
};
