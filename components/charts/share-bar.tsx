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

/**
 * Fill patterns (globals.css `share-p0`..), so segments differ by more than colour: solid, then
 * stripes at four angles, dots, and a cross-hatch, each in its colour's ink.
 */
export const SHARE_PATTERNS = 7;

/**
 * Colour and pattern classes of the segment at `index` (globals.css: `share-cN` sets the colour and
 * its ink, `share-pN` the pattern; they cycle independently). Classes rather than inline styles: a
 * segment and its swatch would each carry the gradient text, in the HTML and the RSC payload.
 */
export function shareSwatch(index: number): string {
  return `share-c${index % OKABE_ITO.length} share-p${index % SHARE_PATTERNS}`;
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
              className={`share-segment ${shareSwatch(index)}`}
              style={{ width: `${percent}%` }}
            />
          );
        })}
      </div>
      {/* `share-legend` styles its rows: swatch, label, value. */}
      <ul className="share-legend">
        {items.map((item, index) => (
          <li key={index}>
            <i aria-hidden="true" className={`share-swatch ${shareSwatch(index)}`} />
            {item.label}
            <span>{item.display}</span>
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
