import { type BarListItem, ChartFigure, formatCount, formatMinutes } from "@/components/charts";
import type { DashboardData } from "@/lib/insights/client";
import { ParamToggle } from "../dashboard-controls";
import { formatInstant, itemHref } from "../format";
import { BarList, BarListTable } from "./chart-leaves";

const KINDS = [
  { kind: "artist", key: "artists", title: "Top artists" },
  { kind: "track", key: "tracks", title: "Top tracks" },
  { kind: "album", key: "albums", title: "Top albums" },
] as const;

export function TopWidget({ data }: { data: DashboardData }) {
  const byTime = data.by === "time";
  return (
    <section aria-labelledby="top-heading" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="top-heading" className="text-lg font-semibold">
          Top music
        </h2>
        <ParamToggle
          label="Rank by"
          param="by"
          value={data.by}
          options={[
            { value: "plays", label: "By listens" },
            { value: "time", label: "By minutes" },
          ]}
        />
      </div>
      <div className="grid gap-6 lg:grid-cols-3">
        {KINDS.map(({ kind, key, title }) => {
          const items: BarListItem[] = data.top[key].map((item) => ({
            label: item.name,
            sublabel: [item.artist, item.firstListenAt === null ? null : `first listen ${formatInstant(item.firstListenAt, data.timeZone)}`]
              .filter(Boolean)
              .join(" · "),
            value: byTime ? item.msPlayed : item.plays,
            display: byTime ? formatMinutes(item.msPlayed, "short") : formatCount(item.plays, "listen"),
            href: itemHref(kind, item.key),
          }));
          const first = data.top[key][0];
          return (
            <ChartFigure
              key={key}
              title={title}
              headingLevel={3}
              summary={first ? `Number one: ${first.name}${first.artist ? ` by ${first.artist}` : ""}.` : "Nothing played in this range."}
              summaryHidden
              table={<BarListTable items={items} columns={["Name", byTime ? "Minutes" : "Listens"]} caption={title} />}
              className="h-full"
            >
              <div data-testid={`top-${key}`}>
                <BarList items={items} aria-label={title} />
              </div>
            </ChartFigure>
          );
        })}
      </div>
    </section>
  );
}
