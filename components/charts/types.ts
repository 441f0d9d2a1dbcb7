/**
 * How a chart image is named for assistive technology: by the id of a summary sentence rendered
 * elsewhere (ChartFigure passes its own), or by a label of its own when used on its own.
 */
export type ChartLabel = { labelledBy: string; label?: undefined } | { label: string; labelledBy?: undefined };

/** The chart's data as a table: the text alternative for screen readers and keyboard users. */
export interface ChartTable {
  columns: string[];
  rows: Array<Array<string | number>>;
}

export const DEFAULT_EMPTY_TEXT = "No plays in this range";

/** `aria-labelledby` or `aria-label` for an element with `role="img"`. */
export function imgLabelProps(name: ChartLabel): { "aria-labelledby": string } | { "aria-label": string } {
  return name.labelledBy !== undefined ? { "aria-labelledby": name.labelledBy } : { "aria-label": name.label };
}
