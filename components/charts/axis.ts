/**
 * Which axis labels a chart shows at which width, decided on the server. Charts render before any
 * width is known, so labels are laid out for each of a few container widths (Tailwind container
 * queries) from an estimate of their text width, and each label carries the classes that show it
 * from the narrowest width it fits at. Labels of one axis never overlap and never leave the axis:
 *
 * - a label at fraction `c` of the axis is placed at `left: c` and shifted left by `c` of its own
 *   width (`translateX(-c)`), so the first sits flush left, the last flush right, the middle centred;
 * - between two shown labels `Δ` apart on an axis `P` pixels long, both at most `w` wide, that
 *   placement leaves `Δ·(P − w) − w` pixels: a step is chosen so this is at least the gap;
 * - steps nest from wide to narrow (each a multiple of the next wider one), so narrowing only ever
 *   hides labels, and the anchor label (the latest point, or the first) is always shown.
 */

/**
 * Container widths (px) of the chart and the classes that show (`block`) or hide a label from that
 * width up. The first is the narrowest chart we lay out for (a 280 px phone); the rest are
 * Tailwind's container sizes. Written out in full so Tailwind finds every class.
 */
export const AXIS_TIERS = [
  { width: 216, show: "block", hide: "hidden" },
  { width: 256, show: "@3xs:block", hide: "@3xs:hidden" },
  { width: 288, show: "@2xs:block", hide: "@2xs:hidden" },
  { width: 320, show: "@xs:block", hide: "@xs:hidden" },
  { width: 384, show: "@sm:block", hide: "@sm:hidden" },
  { width: 448, show: "@md:block", hide: "@md:hidden" },
  { width: 512, show: "@lg:block", hide: "@lg:hidden" },
  { width: 576, show: "@xl:block", hide: "@xl:hidden" },
  { width: 672, show: "@2xl:block", hide: "@2xl:hidden" },
  { width: 768, show: "@3xl:block", hide: "@3xl:hidden" },
  { width: 896, show: "@4xl:block", hide: "@4xl:hidden" },
  { width: 1024, show: "@5xl:block", hide: "@5xl:hidden" },
] as const;

/** Below this container width, labels use their short form where they have one. */
export const SHORT_LABELS_BELOW = 448;

/**
 * Rough advance widths in em, on the wide side of Geist and of the fallback fonts (DejaVu Sans is
 * the widest common one), so an estimate is rarely short of the real text.
 */
function charWidth(char: string): number {
  if (/[0-9]/.test(char)) return 0.64;
  if (/[MW]/.test(char)) return 0.92;
  if (/[A-Z]/.test(char)) return 0.76;
  if (/[mw]/.test(char)) return 0.9;
  if (/[ijl|!.,:;'’`]/.test(char)) return 0.32;
  if (/[frt()[\]/]/.test(char)) return 0.44;
  if (char === " ") return 0.33;
  if (/[–—]/.test(char)) return 0.62;
  return 0.62;
}

/** Estimated width in px of a single line of text at a font size (default: text-xs, 12 px). */
export function estimateTextWidth(text: string, fontPx = 12): number {
  let em = 0;
  for (const char of text) em += charWidth(char);
  return Math.ceil(em * fontPx);
}

/** One label as rendered: its text, where it sits (0-100 % of the axis) and which widths show it. */
export interface AxisLabel {
  /** The point's index. */
  index: number;
  text: string;
  /** Centre of the point along the axis, in percent; also the label's own shift (see above). */
  at: number;
  /** Classes that show it only at the widths it fits (empty: always shown). */
  className: string;
}

export interface AxisLayoutOptions {
  /** Long labels, one per point. */
  labels: readonly string[];
  /** Short labels for narrow charts (same length), where there are any. */
  shortLabels?: readonly (string | undefined)[];
  /** Centre of each point along the axis as a fraction (0-1). */
  centers: readonly number[];
  /** Pixels of the chart's width that are not the axis (the y-label gutter and gap). */
  gutterPx: number;
  /** Which end's label is always shown: the latest (`end`, default) or the first (`start`). */
  anchor?: "start" | "end";
  /** Allowed steps between shown labels, ascending (default any whole number). */
  steps?: readonly number[];
  /** Least distance between the starts of two shown labels, so wide charts are not crowded (default 0). */
  minSpacingPx?: number;
  /** Least free space between two labels (default 8). */
  gapPx?: number;
}

/** A step for one width: the smallest allowed one, a multiple of `wider`, that spaces labels enough. */
function stepFor(required: number, wider: number | null, steps: readonly number[] | undefined, count: number): number {
  if (!Number.isFinite(required)) return Number.POSITIVE_INFINITY;
  const least = Math.max(1, Math.ceil(required - 1e-9));
  if (steps) {
    const step = steps.find((candidate) => candidate >= least && (wider === null || candidate % wider === 0));
    return step ?? Number.POSITIVE_INFINITY;
  }
  const base = wider ?? 1;
  const step = Math.ceil(least / base) * base;
  return step >= count ? Number.POSITIVE_INFINITY : step;
}

/** The step between shown labels at each tier, widest first computed, for labels of `width` px. */
function tierSteps(options: AxisLayoutOptions, tiers: readonly number[], widthOf: (tier: number) => number): number[] {
  const { centers, gutterPx, gapPx = 8, minSpacingPx = 0, steps } = options;
  const count = centers.length;
  // The smallest distance (as a fraction) between neighbouring points.
  let pitch = Number.POSITIVE_INFINITY;
  for (let at = 1; at < count; at++) pitch = Math.min(pitch, (centers[at] as number) - (centers[at - 1] as number));
  const result = new Array<number>(AXIS_TIERS.length).fill(Number.POSITIVE_INFINITY);
  let wider: number | null = null;
  for (let position = tiers.length - 1; position >= 0; position--) {
    const tier = tiers[position] as number;
    const axis = AXIS_TIERS[tier]!.width - gutterPx;
    const width = widthOf(tier);
    const free = axis - width;
    // Δ·(P − w) ≥ max(w + gap, minSpacing), with Δ = step × pitch.
    const required = count < 2 || free <= 0 ? Number.POSITIVE_INFINITY : Math.max(width + gapPx, minSpacingPx) / (pitch * free);
    const step: number = count < 2 ? 1 : stepFor(required, wider, steps, count);
    result[tier] = step;
    if (Number.isFinite(step)) wider = step;
  }
  return result;
}

/**
 * The labels of one axis with the classes that show each only where it fits. A point may get two
 * entries (its short form for narrow charts, its long form for wide ones); most get none.
 */
export function layoutAxis(options: AxisLayoutOptions): AxisLabel[] {
  const { labels, shortLabels, centers, anchor = "end" } = options;
  const count = labels.length;
  if (count === 0) return [];
  const hasShort = shortLabels?.some((label) => label !== undefined && label !== "") ?? false;
  const textAt = (index: number, short: boolean) => (short ? (shortLabels?.[index] ?? labels[index]) : labels[index]) ?? "";
  const widest = (short: boolean) => Math.max(...labels.map((_, index) => estimateTextWidth(textAt(index, short))));
  const longWidth = widest(false);
  const shortWidth = hasShort ? widest(true) : longWidth;
  const tiers = AXIS_TIERS.map((_, tier) => tier);
  const shortTiers = hasShort ? tiers.filter((tier) => AXIS_TIERS[tier]!.width < SHORT_LABELS_BELOW) : [];
  const longTiers = tiers.filter((tier) => !shortTiers.includes(tier));
  const shortSteps = tierSteps(options, shortTiers, () => shortWidth);
  const longSteps = tierSteps(options, longTiers, () => longWidth);

  const result: AxisLabel[] = [];
  for (let index = 0; index < count; index++) {
    const distance = anchor === "end" ? count - 1 - index : index;
    for (const [short, group, steps] of [
      [true, shortTiers, shortSteps],
      [false, longTiers, longSteps],
    ] as const) {
      if (group.length === 0) continue;
      const shown = group.filter((tier) => {
        const step = steps[tier] as number;
        return distance === 0 || (Number.isFinite(step) && distance % step === 0);
      });
      const from = shown[0];
      if (from === undefined) continue;
      const end = (group.at(-1) as number) + 1;
      const classes: string[] = [];
      if (from > 0) classes.push("hidden", AXIS_TIERS[from]!.show);
      if (end < AXIS_TIERS.length) classes.push(AXIS_TIERS[end]!.hide);
      result.push({ index, text: textAt(index, short), at: round((centers[index] as number) * 100), className: classes.join(" ") });
    }
  }
  return result;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
