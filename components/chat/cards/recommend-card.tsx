import type { ToolCardSpec } from "./shared";
import { TrackListCard } from "./track-list";

export const recommendCard: ToolCardSpec<"recommend"> = {
  working: "Picking recommendations…",
  failed: "Recommendations could not be picked",
  Card: ({ output }) => <TrackListCard tool="recommend" title="Recommendations" {...output} />,
};
