import { cn } from "@/lib/utils";
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
}

export type TimeSeriesChartProps = ChartLabel & {
  points: TimePoint[];
  /** Y-axis tick labels, from the raw value (default compact counts: "1.2K"). */
  formatTick?: (value: number) => string;
  /** Roughly how many y-axis intervals (default 4). */
  yTicks?: number;
  /** Whole-number ticks only, for counts (no "0.5 plays" grid line). */
  integerTicks?: boolean;
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
/** X labels on wide screens; half as many below the `sm` breakpoint. */
const X_LABELS = 6;

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
  const labelStep = Math.max(1, Math.ceil(count / X_LABELS));

  return (
    <div className={cn(chartStyles.seriesGrid, className)}>
      <div aria-hidden="true" className="relative text-xs leading-4 text-muted-foreground tabular-nums">
        {ticks.map((tick) => (
          <span
            key={tick}
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
      <div aria-hidden="true" className={chartStyles.seriesTicks}>
        {points.map((point, index) => {
          // Anchor labels at the latest point: the most recent period is always labelled.
          const fromEnd = count - 1 - index;
          if (fromEnd % labelStep !== 0) return null;
          const center = ((offset + index + 0.5) / slots) * 100;
          const align = center < 8 ? "translate-x-0" : center > 92 ? "-translate-x-full" : "-translate-x-1/2";
          const narrowHidden = (fromEnd / labelStep) % 2 === 1 && count > 3;
          return (
            <span
              key={index}
              className={cn("absolute top-0 whitespace-nowrap", align, narrowHidden && "max-sm:hidden")}
              style={{ left: `${round(center)}%` }}
            >
              {point.tick ?? point.label}
            </span>
          );
        })}
      </div>
    </div>
  );
}

/** The table alternative for a TimeSeriesChart: one row per point, label then display value. */
export function timeSeriesTable(points: TimePoint[], columns: [string, string] = ["Period", "Value"]): ChartTable {
  return { columns: [...columns], rows: points.map((point) => [point.label, point.display]) };
}
