import { cn } from "@/lib/utils";
import { round } from "./scale";
import { chartStyles } from "./styles";

export interface SparklineProps {
  values: number[];
  /** Pixel size (fixed, so it never shifts layout). Default 80 × 24. */
  width?: number;
  height?: number;
  /** Draw smaller values higher, e.g. for chart ranks where 1 is best. */
  invert?: boolean;
  /** Accessible name ("Rank over the last 12 weeks, from 14 to 3"); without it the line is decorative. */
  label?: string;
  /** Colour comes from `currentColor`: pass a text colour class (default: the charts' data colour). */
  className?: string;
}

/**
 * Tiny inline trend line. Decorative (`aria-hidden`) unless given a `label`; then `role="img"`.
 * Empty values render a blank box of the same size.
 */
export function Sparkline({ values, width = 80, height = 24, invert = false, label, className }: SparklineProps) {
  const a11y = label ? { role: "img", "aria-label": label } : { "aria-hidden": true };
  const finite = values.filter((value) => Number.isFinite(value));
  const pad = 2;
  let points: Array<[number, number]> = [];
  if (finite.length > 0) {
    const min = Math.min(...finite);
    const max = Math.max(...finite);
    const span = max - min;
    const step = finite.length > 1 ? (width - pad * 2) / (finite.length - 1) : 0;
    points = finite.map((value, index) => {
      // A flat series sits in the middle; otherwise scale into the padded box.
      const t = span === 0 ? 0.5 : (value - min) / span;
      const y = pad + (invert ? t : 1 - t) * (height - pad * 2);
      return [round(finite.length > 1 ? pad + index * step : width / 2), round(y)];
    });
    // A single point is drawn as a short flat line through the middle.
    const only = points.length === 1 ? points[0] : undefined;
    if (only)
      points = [
        [pad, only[1]],
        [width - pad, only[1]],
      ];
  }
  const last = points[points.length - 1];
  return (
    <svg
      {...a11y}
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className={cn("inline-block shrink-0 overflow-visible align-middle", chartStyles.dataText, className)}
    >
      {points.length > 1 ? (
        <polyline
          points={points.map(([x, y]) => `${x},${y}`).join(" ")}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      ) : null}
      {last && finite.length > 1 ? <circle cx={last[0]} cy={last[1]} r={2} fill="currentColor" /> : null}
    </svg>
  );
}
