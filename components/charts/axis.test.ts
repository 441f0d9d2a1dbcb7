import { describe, expect, it } from "vitest";
import { AXIS_TIERS, estimateTextWidth, layoutAxis, SHORT_LABELS_BELOW, type AxisLabel } from "./axis";

/** Whether a label shows in a container of tier `tier`: the widest matching container class wins, as Tailwind orders them. */
function shownAt(label: AxisLabel, tier: number): boolean {
  const classes = label.className.split(" ").filter(Boolean);
  let shown = !classes.includes("hidden");
  for (let at = 1; at <= tier; at++) {
    if (classes.includes(AXIS_TIERS[at]!.show)) shown = true;
    if (classes.includes(AXIS_TIERS[at]!.hide)) shown = false;
  }
  return shown;
}

/** Left and right edge (px) of a label in an axis `axis` px long, placed as the charts place it. */
function edges(label: AxisLabel, axis: number): [number, number] {
  const width = estimateTextWidth(label.text);
  const left = (label.at / 100) * axis - (label.at / 100) * width;
  return [left, left + width];
}

function checkNoOverlap(labels: AxisLabel[], gutterPx: number) {
  for (let tier = 0; tier < AXIS_TIERS.length; tier++) {
    const axis = AXIS_TIERS[tier]!.width - gutterPx;
    const shown = labels.filter((label) => shownAt(label, tier)).sort((a, b) => a.at - b.at);
    // One label per point at most, and none past either end.
    expect(new Set(shown.map((label) => label.index)).size).toBe(shown.length);
    for (const label of shown) {
      const [left, right] = edges(label, axis);
      expect(left).toBeGreaterThanOrEqual(-0.01);
      expect(right).toBeLessThanOrEqual(axis + 0.01);
    }
    for (let at = 1; at < shown.length; at++) {
      expect(edges(shown[at]!, axis)[0]).toBeGreaterThanOrEqual(edges(shown[at - 1]!, axis)[1]);
    }
  }
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const centersOf = (count: number, slots = Math.max(count, 8)) =>
  Array.from({ length: count }, (_, index) => ((slots - count) / 2 + index + 0.5) / slots);

describe("layoutAxis", () => {
  it("never overlaps labels or lets one leave the axis, at any chart width", () => {
    for (let count = 1; count <= 130; count += count < 12 ? 1 : 7) {
      const months = Array.from({ length: count }, (_, index) => {
        const month = (9 + index) % 12;
        const year = 2018 + Math.floor((9 + index) / 12);
        return { long: `${MONTHS[month]} ${year}`, short: `${MONTHS[month]} ’${String(year).slice(2)}` };
      });
      for (const steps of [undefined, [1, 2, 3, 6, 12, 24, 36, 48]]) {
        const labels = layoutAxis({
          labels: months.map((month) => month.long),
          shortLabels: months.map((month) => month.short),
          centers: centersOf(count),
          gutterPx: 48,
          minSpacingPx: 72,
          ...(steps ? { steps } : {}),
        });
        checkNoOverlap(labels, 48);
      }
    }
  });

  it("always labels the anchor point, and narrowing only hides labels", () => {
    const labels = layoutAxis({ labels: Array.from({ length: 90 }, (_, day) => `${day + 1} Oct`), centers: centersOf(90), gutterPx: 48 });
    for (let tier = 0; tier < AXIS_TIERS.length; tier++) {
      expect(labels.some((label) => label.index === 89 && shownAt(label, tier))).toBe(true);
      const here = new Set(labels.filter((label) => shownAt(label, tier)).map((label) => label.index));
      const wider = new Set(
        labels.filter((label) => shownAt(label, Math.min(tier + 1, AXIS_TIERS.length - 1))).map((label) => label.index),
      );
      for (const index of here) expect(wider.has(index)).toBe(true);
    }
    const first = layoutAxis({ labels: ["00", "01", "02"], centers: [1 / 6, 3 / 6, 5 / 6], gutterPx: 40, anchor: "start" });
    expect(first.find((label) => label.index === 0)?.className).toBe("");
  });

  it("uses short labels on narrow charts and long ones on wide charts", () => {
    const labels = layoutAxis({
      labels: ["Oct 2026", "Nov 2026"],
      shortLabels: ["Oct ’26", "Nov ’26"],
      centers: centersOf(2),
      gutterPx: 48,
    });
    const narrow = AXIS_TIERS.findIndex((tier) => tier.width >= SHORT_LABELS_BELOW) - 1;
    expect(labels.filter((label) => shownAt(label, narrow)).map((label) => label.text)).toContain("Nov ’26");
    expect(labels.filter((label) => shownAt(label, AXIS_TIERS.length - 1)).map((label) => label.text)).toEqual(["Oct 2026", "Nov 2026"]);
    checkNoOverlap(labels, 48);
  });

  it("steps by the allowed steps only, each a multiple of the wider chart's", () => {
    const labels = layoutAxis({
      labels: Array.from({ length: 24 }, (_, hour) => String(hour).padStart(2, "0")),
      centers: Array.from({ length: 24 }, (_, hour) => (hour + 0.5) / 24),
      gutterPx: 40,
      anchor: "start",
      steps: [1, 3, 6, 12],
      minSpacingPx: 36,
    });
    expect(labels.filter((label) => label.className === "").map((label) => label.text)).toEqual(["00", "06", "12", "18"]);
    for (const label of labels) expect([0, 3, 6, 9, 12, 15, 18, 21].includes(label.index) || label.className.includes("@5xl")).toBe(true);
    checkNoOverlap(labels, 40);
  });

  it("estimates text widths on the wide side", () => {
    expect(estimateTextWidth("Oct 2026")).toBeGreaterThan(50);
    expect(estimateTextWidth("00")).toBeGreaterThanOrEqual(15);
    expect(estimateTextWidth("")).toBe(0);
  });
});
