"use client";

/**
 * A client component (it tracks the hovered column); what server components need beside it (the
 * point type, tick steps, the table) lives in time-series-data.ts.
 */
import { useState, type CSSProperties, type PointerEvent } from "react";
import { cn } from "@/lib/utils";
import { layoutAxis } from "./axis";
import { ChartEmpty } from "./chart-empty";
import { formatCompact } from "./format";
import { niceTicks, round } from "./scale";
import { chartStyles } from "./styles";
import type { TimePoint } from "./time-series-data";
import { imgLabelProps, type ChartLabel } from "./types";

export type TimeSeriesChartProps = ChartLabel & {
  points: TimePoint[];
  /** Y-axis tick labels, from the raw value (default compact counts: "1.2K"). */
  formatTick?: (value: number) => string;
  /** Roughly how many y-axis intervals (default 4). */
  yTicks?: number;
  /** Whole-number ticks only, for counts (no "0.5 plays" grid line). */
  integerTicks?: boolean;
  /** Allowed steps between x labels, ascending (months: 1, 3, 6, 12…); default any. See `TICK_STEPS`. */
  tickSteps?: readonly number[];
  emptyText?: string;
  className?: string;
};

/** viewBox size; the SVG is stretched (`preserveAspectRatio="none"`) over an aspect-ratio box. */
const WIDTH = 1000;
const HEIGHT = 100;
/** Fewer points than this are drawn at this slot width, centred, so 1 to 7 columns are not slabs. */
const MIN_SLOTS = 8;
/** Above this many points columns touch (at ~600 daily points a gap would be sub-pixel). */
const GAPLESS_ABOVE = 120;
/** The y-label gutter and its gap (2.5rem + 0.5rem, see `chartStyles.seriesGrid`), not part of the x axis. */
const GUTTER_PX = 48;
/** X labels are at least this far apart, so a wide chart is not a wall of dates. */
const X_LABEL_SPACING_PX = 72;

/**
 * Columns over time, rendered on the server as one SVG image.
 *
 * - No layout shift: a fixed viewBox stretched over a CSS aspect-ratio box; axis labels are HTML
 *   around it (SVG text would be distorted by the stretch), grid lines keep 1px via
 *   `vector-effect="non-scaling-stroke"`.
 * - Size: every column is one segment of a single `<path>` (about 25 bytes a column; a titled
 *   `<g>` per column was 170, and a dashboard sends hundreds of columns).
 * - Hover: the pointer's slot is highlighted over the full height and its value shown in a tooltip
 *   (state of this client component; nothing of it is in the HTML).
 * - Accessibility: the SVG is `role="img"` named by the summary sentence. Columns are deliberately
 *   not focusable: with up to ~600 points that would be hundreds of tab stops, and children of
 *   `role="img"` are presentational anyway. Keyboard and screen-reader users get every value from
 *   the data table (ChartFigure's "Show data as a table"), which is one tab stop away.
 */
export function TimeSeriesChart({
  points,
  formatTick = formatCompact,
  yTicks = 4,
  integerTicks = false,
  tickSteps,
  emptyText,
  className,
  ...name
}: TimeSeriesChartProps) {
  const [hovered, setHovered] = useState<number | null>(null);
  const max = Math.max(0, ...points.map((point) => (Number.isFinite(point.value) ? point.value : 0)));
  if (points.length === 0 || max <= 0) {
    return <ChartEmpty className={cn(chartStyles.seriesPlot, "py-0", className)}>{emptyText}</ChartEmpty>;
  }

  const ticks = niceTicks(max, yTicks, integerTicks);
  const top = ticks[ticks.length - 1] ?? max;
  const count = points.length;
  const slots = Math.max(count, MIN_SLOTS);
  const offset = (slots - count) / 2;
  const slot = WIDTH / slots;
  const gapless = count > GAPLESS_ABOVE;
  // Gapless columns overlap a hair so anti-aliasing leaves no seams between them.
  const barWidth = gapless ? slot + 0.4 : slot * 0.75;
  const inset = gapless ? 0 : (slot - barWidth) / 2;
  // Labels anchored at the latest point (the most recent period is always labelled), thinned
  // for each chart width by their estimated length (see axis.ts).
  const xLabels = layoutAxis({
    labels: points.map((point) => point.tick ?? point.label),
    shortLabels: points.map((point) => point.shortTick),
    centers: points.map((_, index) => (offset + index + 0.5) / slots),
    gutterPx: GUTTER_PX,
    minSpacingPx: X_LABEL_SPACING_PX,
    ...(tickSteps ? { steps: tickSteps } : {}),
  });

  return (
    <div data-chart="time-series" className={cn(chartStyles.seriesGrid, className)}>
      <div aria-hidden="true" data-axis="y" className="y-ticks">
        {ticks.map((tick) => (
          <span key={tick} data-tick="" style={{ top: `${round(100 - (tick / top) * 100)}%` }}>
            {formatTick(tick)}
          </span>
        ))}
      </div>
      <div
        className={chartStyles.seriesPlot}
        onPointerMove={(event: PointerEvent<HTMLDivElement>) => {
          const box = event.currentTarget.getBoundingClientRect();
          setHovered(pointIndexAt((event.clientX - box.left) / box.width, count));
        }}
        onPointerLeave={() => setHovered(null)}
      >
        <svg
          role="img"
          {...imgLabelProps(name)}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full overflow-visible"
        >
          {/* The gridlines as one path (the baseline darker): a chart's worth of <line>s was 650 bytes. */}
          {/* vector-effect is not inherited: each path keeps 1px strokes however the plot stretches. */}
          <g aria-hidden="true" fill="none" strokeWidth={1}>
            <path className="stroke-muted-foreground/50" vectorEffect="non-scaling-stroke" d={`M0 ${HEIGHT}H${WIDTH}`} />
            <path
              className="stroke-border"
              vectorEffect="non-scaling-stroke"
              d={ticks
                .filter((tick) => tick > 0)
                .map((tick) => `M0 ${round(HEIGHT - (tick / top) * HEIGHT)}H${WIDTH}`)
                .join("")}
            />
          </g>
          <path className={chartStyles.dataFill} d={columnsPath(points, { top, offset, slot, barWidth, inset })} />
          {hovered !== null ? (
            <rect
              aria-hidden="true"
              className="fill-foreground/10"
              x={round((offset + hovered) * slot)}
              width={round(slot)}
              height={HEIGHT}
            />
          ) : null}
        </svg>
        {hovered !== null && points[hovered] ? (
          <span
            aria-hidden="true"
            data-testid="chart-tooltip"
            className="pointer-events-none absolute -top-2 z-10 rounded-md border bg-popover px-2 py-1 text-xs whitespace-nowrap text-popover-foreground shadow-sm"
            style={tooltipPosition((offset + hovered + 0.5) / slots)}
          >
            {`${points[hovered].label}: ${points[hovered].display}`}
          </span>
        ) : null}
      </div>
      <div />
      <div aria-hidden="true" data-axis="x" className={chartStyles.seriesTicks}>
        {xLabels.map((label) => (
          <span
            key={`${label.index}-${label.text}`}
            data-tick=""
            className={label.className || undefined}
            style={{ "--x": `${label.at}%` } as CSSProperties}
          >
            {label.text}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The point under a horizontal position (0..1 across the plot), or null between or beside the columns. */
export function pointIndexAt(fraction: number, count: number): number | null {
  if (!(fraction >= 0 && fraction < 1) || count <= 0) return null;
  const slots = Math.max(count, MIN_SLOTS);
  const index = Math.floor(fraction * slots - (slots - count) / 2);
  return index >= 0 && index < count ? index : null;
}

/** A tooltip over a column, kept inside the plot near its edges. */
function tooltipPosition(center: number): CSSProperties {
  const percent = round(center * 100);
  if (center < 0.2) return { left: `${percent}%`, transform: "translate(-10%, -100%)" };
  if (center > 0.8) return { left: `${percent}%`, transform: "translate(-90%, -100%)" };
  return { left: `${percent}%`, transform: "translate(-50%, -100%)" };
}

interface ColumnLayout {
  top: number;
  offset: number;
  slot: number;
  barWidth: number;
  inset: number;
}

/** Every non-zero column as one subpath (`M x y h w V 100 h -w z`); zero columns draw nothing. */
export function columnsPath(points: TimePoint[], { top, offset, slot, barWidth, inset }: ColumnLayout): string {
  const width = round(barWidth);
  let d = "";
  points.forEach((point, index) => {
    const value = Number.isFinite(point.value) && point.value > 0 ? point.value : 0;
    if (value <= 0) return;
    // Non-zero values get at least ~1px so they never read as zero.
    const height = Math.max(round((value / top) * HEIGHT), 0.6);
    d += `M${round((offset + index) * slot + inset)} ${round(HEIGHT - height)}h${width}V${HEIGHT}h-${width}z`;
  });
  return d;
}
