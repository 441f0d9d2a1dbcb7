import type { CSSProperties } from "react";
import { ChartEmpty } from "./chart-empty";
import { percentOf } from "./scale";
import { chartStyles } from "./styles";
import { imgLabelProps, type ChartLabel, type ChartTable } from "./types";

export interface ShareItem {
  label: string;
  value: number;
  /** The value as shown: "62%", "1,204 plays". */
  display: string;
}

export type ShareBarProps = ChartLabel & {
  items: ShareItem[];
  emptyText?: string;
  className?: string;
};

/**
 * Okabe–Ito, the colour-blind-safe qualitative palette (black swapped for grey so it shows on the
 * dark card). Each colour has an ink for its pattern that stays visible on it. Segments and
 * swatches also get a faint inset edge, so light colours (yellow) keep an outline on a white card.
 */
export const OKABE_ITO = [
  { color: "#E69F00", ink: "rgb(0 0 0 / 0.3)" }, // orange
  { color: "#56B4E9", ink: "rgb(0 0 0 / 0.3)" }, // sky blue
  { color: "#009E73", ink: "rgb(255 255 255 / 0.45)" }, // bluish green
  { color: "#F0E442", ink: "rgb(0 0 0 / 0.3)" }, // yellow
  { color: "#0072B2", ink: "rgb(255 255 255 / 0.45)" }, // blue
  { color: "#D55E00", ink: "rgb(255 255 255 / 0.45)" }, // vermillion
  { color: "#CC79A7", ink: "rgb(0 0 0 / 0.3)" }, // reddish purple
  { color: "#999999", ink: "rgb(0 0 0 / 0.3)" }, // grey
] as const;

/** Fill patterns, so segments differ by more than colour (the first is solid). */
const PATTERNS: Array<(ink: string) => Pick<CSSProperties, "backgroundImage" | "backgroundSize">> = [
  () => ({}),
  (ink) => ({ backgroundImage: `repeating-linear-gradient(45deg, ${ink} 0 2px, transparent 2px 6px)` }),
  (ink) => ({ backgroundImage: `radial-gradient(${ink} 1.2px, transparent 1.6px)`, backgroundSize: "5px 5px" }),
  (ink) => ({ backgroundImage: `repeating-linear-gradient(-45deg, ${ink} 0 2px, transparent 2px 6px)` }),
  (ink) => ({ backgroundImage: `repeating-linear-gradient(90deg, ${ink} 0 2px, transparent 2px 6px)` }),
  (ink) => ({ backgroundImage: `repeating-linear-gradient(0deg, ${ink} 0 2px, transparent 2px 5px)` }),
  (ink) => ({
    backgroundImage: `repeating-linear-gradient(45deg, ${ink} 0 1.5px, transparent 1.5px 6px), repeating-linear-gradient(-45deg, ${ink} 0 1.5px, transparent 1.5px 6px)`,
  }),
];

/** Colour and pattern of the segment at `index` (colours and patterns cycle independently). */
export function shareSwatch(index: number): CSSProperties {
  const { color, ink } = OKABE_ITO[index % OKABE_ITO.length] ?? OKABE_ITO[0];
  const pattern = PATTERNS[index % PATTERNS.length] ?? (() => ({}));
  return { backgroundColor: color, ...pattern(ink) };
}

/**
 * One stacked horizontal bar of shares (platforms, genres) with a legend. Segments are separated
 * by a gap and carry a pattern as well as an Okabe–Ito colour; the legend lists every item in bar
 * order with its display value, so nothing depends on telling colours apart.
 */
export function ShareBar({ items, emptyText, className, ...name }: ShareBarProps) {
  const total = items.reduce((sum, item) => sum + (Number.isFinite(item.value) && item.value > 0 ? item.value : 0), 0);
  if (total <= 0) return <ChartEmpty className={className}>{emptyText}</ChartEmpty>;
  return (
    <div className={className}>
      <div role="img" {...imgLabelProps(name)} className={chartStyles.shareBar}>
        {items.map((item, index) => {
          const percent = percentOf(item.value, total);
          if (percent <= 0) return null;
          return (
            <div
              key={index}
              title={`${item.label}: ${item.display}`}
              data-percent={percent}
              className="share-segment"
              style={{ width: `${percent}%`, ...shareSwatch(index) }}
            />
          );
        })}
      </div>
      <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1.5 text-sm">
        {items.map((item, index) => (
          <li key={index} className="flex items-center gap-1.5">
            <span aria-hidden="true" className="share-swatch" style={shareSwatch(index)} />
            <span>{item.label}</span>
            <span className="tabular-nums text-muted-foreground">{item.display}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The table alternative for a ShareBar: label then display value. */
export function shareTable(items: ShareItem[], columns: [string, string] = ["Name", "Share"]): ChartTable {
  return { columns: [...columns], rows: items.map((item) => [item.label, item.display]) };
}
