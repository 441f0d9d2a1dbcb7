import { cn } from "@/lib/utils";
import { layoutAxis } from "./axis";
import { ChartEmpty } from "./chart-empty";
import { formatCompact } from "./format";
import { niceTicks, round } from "./scale";
import { chartStyles } from "./styles";
import { imgLabelProps, type ChartLabel, type ChartTable } from "./types";

export interface TimePoint {
  /** Full label, used in the tooltip and the table: "Mar 2024", "Mon 3 Mar 2024". */
  label: string;
  value: number;
  /** The value as shown: "42 hours". */
  display: string;
  /** Shorter x-axis label if `label` is long ("Mar 3"); defaults to `label`. */
  tick?: string;
  /** An even shorter x-axis label for narrow charts ("Mar ’24" for "Mar 2024"). */
  shortTick?: string;
}

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

/** Steps between x labels that read well for each kind of period. */
export const TICK_STEPS = {
  day: [1, 2, 7, 14, 28, 56, 112],
  week: [1, 2, 4, 8, 13, 26, 52, 104],
  month: [1, 2, 3, 6, 12, 24, 36, 48, 60, 120],
  year: [1, 2, 5, 10, 20],
} as const;

/**
 * Columns over time, rendered on the server as one SVG image.
 *
 * - No layout shift: a fixed viewBox stretched over a CSS aspect-ratio box; axis labels are HTML
 *   around it (SVG text would be distorted by the stretch), grid lines keep 1px via
 *   `vector-effect="non-scaling-stroke"`.
 * - Accessibility: the SVG is `role="img"` named by the summary sentence; every column has an SVG
 *   `<title>` (hover tooltip) and a full-height hit area. Columns are deliberately not focusable:
 *   with up to ~600 points that would be hundreds of tab stops, and children of `role="img"` are
 *   presentational anyway. Keyboard and screen-reader users get every value from the data table
 *   (ChartFigure's "Show data as a table"), which is one tab stop away.
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
      <div aria-hidden="true" data-axis="y" className="relative text-xs leading-none text-muted-foreground tabular-nums">
        {ticks.map((tick) => (
          <span
            key={tick}
            data-tick=""
            className="absolute right-0 -translate-y-1/2 whitespace-nowrap"
            style={{ top: `${round(100 - (tick / top) * 100)}%` }}
          >
            {formatTick(tick)}
          </span>
        ))}
      </div>
      <div className={chartStyles.seriesPlot}>
        <svg
          role="img"
          {...imgLabelProps(name)}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          preserveAspectRatio="none"
          className="absolute inset-0 size-full overflow-visible"
        >
          <g aria-hidden="true" fill="none" strokeWidth={1}>
            {ticks.map((tick) => {
              const y = round(HEIGHT - (tick / top) * HEIGHT);
              return (
                <line
                  key={tick}
                  x1={0}
                  x2={WIDTH}
                  y1={y}
                  y2={y}
                  vectorEffect="non-scaling-stroke"
                  className={tick === 0 ? "stroke-muted-foreground/50" : "stroke-border"}
                />
              );
            })}
          </g>
          <g className={cn(chartStyles.dataFill, "[&>g:hover>.bar]:opacity-70 [&>g>rect:first-of-type]:fill-transparent")}>
            {points.map((point, index) => {
              const value = Number.isFinite(point.value) && point.value > 0 ? point.value : 0;
              const x = round((offset + index) * slot + inset);
              // Non-zero values get at least ~1px so they never read as zero.
              const height = value > 0 ? Math.max(round((value / top) * HEIGHT), 0.6) : 0;
              return (
                <g key={index}>
                  <title>{`${point.label}: ${point.display}`}</title>
                  {/* Full-height hit area, so short and zero columns still show their tooltip. */}
                  <rect x={round((offset + index) * slot)} width={round(slot)} height={HEIGHT} />
                  {height > 0 ? <rect className="bar" x={x} y={round(HEIGHT - height)} width={round(barWidth)} height={height} /> : null}
                </g>
              );
            })}
          </g>
        </svg>
      </div>
      <div />
      <div aria-hidden="true" data-axis="x" className={chartStyles.seriesTicks}>
        {xLabels.map((label) => (
          <span
            key={`${label.index}-${label.text}`}
            data-tick=""
            className={cn("absolute top-0 whitespace-nowrap", label.className)}
            style={{ left: `${label.at}%`, transform: `translateX(-${label.at}%)` }}
          >
            {label.text}
          </span>
        ))}
      </div>
    </div>
  );
}

/** The table alternative for a TimeSeriesChart: one row per point, label then display value. */
export function timeSeriesTable(points: TimePoint[], columns: [string, string] = ["Period", "Value"]): ChartTable {
  return { columns: [...columns], rows: points.map((point) => [point.label, point.display]) };
}
