import { ChartFigure, formatHours, ShareBar, shareTable } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { formatShare } from "../format";

const PLATFORM_NAMES: Record<string, string> = {
  android: "Android",
  ios: "iPhone and iPad",
  windows: "Windows",
  macos: "Mac",
  linux: "Linux",
  web: "Web player",
  cast: "Speakers and cast",
  tv: "TV",
  console: "Game console",
  car: "Car",
  other: "Other",
};

export function PlatformsWidget({ data }: { data: DashboardData }) {
  const items = data.platforms.map((platform) => ({
    label: PLATFORM_NAMES[platform.platform] ?? platform.platform,
    value: platform.msPlayed,
    display: `${formatShare(platform.share)} · ${formatHours(platform.msPlayed)}`,
  }));
  return (
    <ChartFigure
      title="Platforms"
      description="Share of minutes played"
      summary={items[0] ? `Mostly on ${items[0].label} (${items[0].display}).` : "Nothing played in this range."}
      table={shareTable(items, ["Platform", "Share"])}
    >
      {(summaryId) => <ShareBar labelledBy={summaryId} items={items} />}
    </ChartFigure>
  );
}
