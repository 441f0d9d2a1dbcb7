"use client";

/**
 * A client component (it writes a cell's hover text when the pointer reaches it); the palette
 * levels, labels and the table, which server components need too, live in heatmap-data.ts.
 */
import type { CSSProperties, PointerEvent } from "react";
import { cn } from "@/lib/utils";
import { layoutAxis } from "./axis";
import { ChartEmpty } from "./chart-empty";
import { chartStyles } from "./styles";
import { cellAt, DAYS, HEAT_LEVELS, heatCellLabel, heatLevel, HOURS, WEEKDAYS } from "./heatmap-data";
import { imgLabelProps, type ChartLabel } from "./types";

const WEEKDAY_SHORT = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/** The day-label gutter and its gap (2rem + 0.5rem, see `chartStyles.heatGrid`), not part of the hour axis. */
const GUTTER_PX = 40;

/** Hour labels: every hour, or every 3rd, 6th or 12th, from 00, as many as fit the chart's width. */
const HOUR_LABELS = layoutAxis({
  labels: Array.from({ length: HOURS }, (_, h) => String(h).padStart(2, "0")),
  centers: Array.from({ length: HOURS }, (_, h) => (h + 0.5) / HOURS),
  gutterPx: GUTTER_PX,
  anchor: "start",
  steps: [1, 3, 6, 12],
  minSpacingPx: 36,
});

/**
 * Sequential palette, monotonic in lightness so it reads without hue (colour-blind safe) and in
 * greyscale; hue runs viridis-like (purple → blue → teal → green → yellow). More listening always
 * means more contrast with the card: dark → light in dark mode, light → dark in light mode.
 * Defined as custom properties on the chart so `.dark` switches them; zero is `--muted`.
 */
const PALETTE =
  "[--heat-0:var(--muted)] " +
  "[--heat-1:oklch(0.88_0.1_120)] [--heat-2:oklch(0.78_0.13_150)] [--heat-3:oklch(0.64_0.12_175)] [--heat-4:oklch(0.5_0.1_230)] [--heat-5:oklch(0.38_0.12_285)] " +
  "dark:[--heat-1:oklch(0.36_0.1_285)] dark:[--heat-2:oklch(0.48_0.1_240)] dark:[--heat-3:oklch(0.62_0.11_185)] dark:[--heat-4:oklch(0.76_0.15_145)] dark:[--heat-5:oklch(0.9_0.16_110)]";

export type HeatmapProps = ChartLabel & {
  /** `cells[day][hour]`: 7 rows Monday..Sunday, 24 columns 00..23. Missing cells count as 0. */
  cells: number[][];
  /** Formats a cell value for tooltips, the legend and the table: `(v) => formatCount(v, "play")`. */
  format: (value: number) => string;
  /** Visible row labels (default Mon..Sun). */
  rowLabels?: string[];
  /** Row names in tooltips and the table (default Monday..Sunday). */
  rowNames?: string[];
  emptyText?: string;
  className?: string;
};

/**
 * Day-of-week × hour-of-day grid (7 × 24). One `role="img"` named by the summary, its 168 cells
 * plain `<i>` elements in a CSS grid (`heat-cells`, globals.css) coloured by level: the whole grid
 * is a few kilobytes of HTML, where an SVG of titled rects was 26 kB. A cell gets its hover text
 * (`title`) when the pointer first reaches it. The data table carries every value for keyboard
 * and screen-reader users. Labels are HTML so they are never stretched.
 */
export function Heatmap({
  cells,
  format,
  rowLabels = WEEKDAY_SHORT,
  rowNames = [...WEEKDAYS],
  emptyText,
  className,
  ...name
}: HeatmapProps) {
  let max = 0;
  for (let day = 0; day < DAYS; day++) for (let h = 0; h < HOURS; h++) max = Math.max(max, cellAt(cells, day, h));
  if (max <= 0) return <ChartEmpty className={cn(chartStyles.heatPlot, "py-0", className)}>{emptyText}</ChartEmpty>;

  // Titles are written on first hover rather than rendered: React never sets `title` on the
  // cells, so it leaves the attribute alone on later renders.
  const titleCell = (event: PointerEvent<HTMLDivElement>) => {
    const cell = event.target as HTMLElement;
    if (cell.parentElement !== event.currentTarget || cell.title) return;
    cell.title = heatCellLabel(cells, Array.prototype.indexOf.call(event.currentTarget.children, cell), format, rowNames);
  };

  return (
    <div data-chart="heatmap" className={cn(PALETTE, className)}>
      <div className={chartStyles.heatGrid}>
        <div aria-hidden="true" data-axis="y" className="grid grid-rows-7 text-xs text-muted-foreground">
          {Array.from({ length: DAYS }, (_, day) => (
            <span key={day} className="flex items-center leading-none">
              <span data-tick="">{rowLabels[day] ?? ""}</span>
            </span>
          ))}
        </div>
        <div className={chartStyles.heatPlot}>
          <div role="img" {...imgLabelProps(name)} className="heat-cells absolute inset-0" onPointerOver={titleCell}>
            {Array.from({ length: DAYS * HOURS }, (_, index) => (
              <i key={index} className={`l${heatLevel(cellAt(cells, Math.floor(index / HOURS), index % HOURS), max)}`} />
            ))}
          </div>
        </div>
        <div />
        <div aria-hidden="true" data-axis="x" className={chartStyles.heatTicks}>
          {HOUR_LABELS.map((label) => (
            <span
              key={label.index}
              data-tick=""
              className={label.className || undefined}
              style={{ "--x": `${label.at}%` } as CSSProperties}
            >
              {label.text}
            </span>
          ))}
        </div>
      </div>
      <div aria-hidden="true" className={cn(chartStyles.legend, "justify-end")}>
        <span>{format(0)}</span>
        {Array.from({ length: HEAT_LEVELS + 1 }, (_, level) => (
          <span
            key={level}
            className="size-3.5 rounded-[3px]"
            style={{ backgroundColor: `var(--heat-${level})` }}
            title={level === 0 ? format(0) : `${format((max * (level - 1)) / HEAT_LEVELS)}–${format((max * level) / HEAT_LEVELS)}`}
          />
        ))}
        <span>{format(max)}</span>
      </div>
    </div>
  );
}
