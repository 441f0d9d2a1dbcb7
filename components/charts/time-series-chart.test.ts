import { describe, expect, it } from "vitest";
import { formatCount } from "./format";
import { pointIndexAt, TimeSeriesChart } from "./time-series-chart";
import { timeSeriesTable, type TimePoint } from "./time-series-data";
import { attr, count, decode, render, tags } from "./test-utils";

const months: TimePoint[] = [
  { label: "Jan 2024", value: 10, display: "10 hours" },
  { label: "Feb 2024", value: 42, display: "42 hours" },
  { label: "Mar 2024", value: 0, display: "0 hours" },
  { label: "Apr 2024", value: 21, display: "21 hours" },
];

/** The columns' path: the data colour's, after the gridlines' two. */
function columnsOf(html: string): string[] {
  return tags(html, "path").filter((tag) => !/stroke-/.test(attr(tag, "class") ?? ""));
}

/** The drawn columns, read back from the chart's one path (`M x y h w V 100 h -w z` each). */
function bars(html: string): Array<{ x: string; y: string; width: string; height: string }> {
  const path = columnsOf(html)[0] ?? "";
  return [...(attr(path, "d") ?? "").matchAll(/M([\d.]+) ([\d.]+)h([\d.]+)V100h-[\d.]+z/g)].map((match) => ({
    x: match[1]!,
    y: match[2]!,
    width: match[3]!,
    height: String(Math.round((100 - Number(match[2])) * 100) / 100),
  }));
}

/** The x labels with their classes. */
function xAxis(html: string): Array<{ text: string; className: string }> {
  const axis = /<div aria-hidden="true" data-axis="x"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "";
  // A label every width shows has no class; the others carry their breakpoint's.
  return [...axis.matchAll(/<span([^>]*)>([^<]*)<\/span>/g)].map((match) => ({
    text: match[2] ?? "",
    className: /class="([^"]*)"/.exec(match[1] ?? "")?.[1] ?? "",
  }));
}

/** The x labels every chart width shows. */
function xLabels(html: string): string[] {
  return xAxis(html)
    .filter((label) => !label.className.split(" ").includes("hidden"))
    .map((label) => label.text);
}

describe("TimeSeriesChart", () => {
  it("renders one SVG image named by the summary, stretched over an aspect-ratio box", () => {
    const html = render(TimeSeriesChart, { points: months, labelledBy: "summary-1" });
    const svg = tags(html, "svg")[0] ?? "";
    expect(attr(svg, "role")).toBe("img");
    expect(attr(svg, "aria-labelledby")).toBe("summary-1");
    expect(attr(svg, "preserveAspectRatio")).toBe("none");
    expect(attr(svg, "viewBox")).toBe("0 0 1000 100");
    expect(html).toMatch(/<div class="relative aspect-\[2\/1\] sm:aspect-\[3\/1\]"><svg/);
    expect(html).toMatch(/^<div data-chart="time-series" class="@container /);
    expect(html).not.toMatch(/tabindex/i);
  });

  it("accepts its own label instead", () => {
    const svg = tags(render(TimeSeriesChart, { points: months, label: "Hours per month" }), "svg")[0] ?? "";
    expect(attr(svg, "aria-label")).toBe("Hours per month");
    expect(attr(svg, "aria-labelledby")).toBeUndefined();
  });

  it("draws a column per point, none for zero, in one path", () => {
    const html = render(TimeSeriesChart, { points: months, label: "x" });
    expect(columnsOf(html)).toHaveLength(1);
    // Ticks 0..50: heights are value / 50 of the 100-unit viewBox.
    expect(bars(html).map((bar) => bar.height)).toEqual(["20", "84", "42"]);
    expect(bars(html).map((bar) => bar.y)).toEqual(["80", "16", "58"]);
    // No tooltip until the pointer is over the chart.
    expect(html).not.toContain("chart-tooltip");
  });

  it("finds the point under the pointer for its tooltip", () => {
    // 4 points are drawn in 8 slots, centred: slots 2..5.
    expect(pointIndexAt(0.05, 4)).toBeNull();
    expect(pointIndexAt(2.5 / 8, 4)).toBe(0);
    expect(pointIndexAt(5.9 / 8, 4)).toBe(3);
    expect(pointIndexAt(6.1 / 8, 4)).toBeNull();
    expect(pointIndexAt(0, 600)).toBe(0);
    expect(pointIndexAt(0.9999, 600)).toBe(599);
    expect(pointIndexAt(1, 600)).toBeNull();
    expect(pointIndexAt(Number.NaN, 600)).toBeNull();
  });

  it("labels y grid lines with nice ticks and hides the HTML axes from assistive tech", () => {
    const html = render(TimeSeriesChart, { points: months, label: "x", formatTick: (v: number) => `${v}h` });
    // A baseline, and one path of the five gridlines above it.
    expect(count(html, /M0 [\d.]+H1000/g)).toBe(6);
    expect(html).toContain('class="stroke-muted-foreground/50" vector-effect="non-scaling-stroke" d="M0 100H1000"');
    for (const tick of ["0h", "10h", "20h", "30h", "40h", "50h"]) expect(html).toContain(`>${tick}</span>`);
    expect(html).toContain('style="top:0%">50h</span>');
    expect(html).toContain('style="top:100%">0h</span>');
    expect(count(html, /vector-effect="non-scaling-stroke"/)).toBe(2);
    expect(count(html, /<div aria-hidden="true"/)).toBe(2);
    expect(count(html, /data-tick=""/)).toBe(6 + xAxis(html).length);
  });

  it("uses whole-number ticks for counts when asked", () => {
    const html = render(TimeSeriesChart, {
      points: [{ label: "Mon", value: 1, display: "1 play" }],
      label: "x",
      integerTicks: true,
      formatTick: formatCount,
    });
    expect(count(html, /M0 [\d.]+H1000/g)).toBe(2);
  });

  it("renders a single point as one centred column", () => {
    const html = render(TimeSeriesChart, { points: [months[1]!], label: "x" });
    const [bar] = bars(html);
    // 8 slots of 125 units; the only point sits in the middle.
    expect(Number(bar?.x)).toBeGreaterThan(400);
    expect(Number(bar?.x) + Number(bar?.width)).toBeLessThan(600);
    expect(xLabels(html)).toEqual(["Feb 2024"]);
  });

  it("shows the empty text instead of a chart for no points or only zeros", () => {
    for (const points of [[], [{ label: "Jan", value: 0, display: "0" }]]) {
      const html = render(TimeSeriesChart, { points, label: "x" });
      expect(html).toContain("No plays in this range");
      expect(html).not.toContain("<svg");
    }
    expect(render(TimeSeriesChart, { points: [], label: "x", emptyText: "Nothing yet" })).toContain("Nothing yet");
  });

  it("handles ~600 daily points: gapless columns, x labels thinned by width and anchored at the latest day", () => {
    const days: TimePoint[] = Array.from({ length: 600 }, (_, i) => ({
      label: `Day ${i + 1}`,
      tick: `D${i + 1}`,
      value: i % 7 === 0 ? 0 : (i % 13) + 1,
      display: `${i} plays`,
    }));
    const html = render(TimeSeriesChart, { points: days, label: "x" });
    const drawn = bars(html);
    expect(drawn.length).toBe(days.filter((d) => d.value > 0).length);
    // Gapless: each column is at least as wide as its slot (1000 / 600).
    expect(Number(drawn[0]?.width)).toBeGreaterThanOrEqual(1000 / 600);
    // On the narrowest chart only a few labels show; wider charts show more, never all 600.
    const always = xLabels(html);
    expect(always.at(-1)).toBe("D600");
    expect(always.length).toBeLessThanOrEqual(3);
    const labels = xAxis(html);
    expect(labels.length).toBeGreaterThan(always.length);
    expect(labels.length).toBeLessThanOrEqual(20);
    // Each label is placed at its point and shifted by the same fraction of its own width.
    expect(html).toMatch(/style="--x:[\d.]+%">D600<\/span>/);
  });

  it("switches to short labels on narrow charts", () => {
    const html = render(TimeSeriesChart, {
      points: [
        { label: "Oct 2026", shortTick: "Oct ’26", value: 1, display: "1" },
        { label: "Nov 2026", shortTick: "Nov ’26", value: 2, display: "2" },
      ],
      label: "x",
    });
    expect(xAxis(html)).toContainEqual({ text: "Nov ’26", className: expect.stringContaining("@md:hidden") });
    expect(xAxis(html)).toContainEqual({ text: "Nov 2026", className: expect.stringContaining("@md:block") });
  });

  it("keeps gaps between columns for short series", () => {
    const html = render(TimeSeriesChart, { points: months.concat(months, months), label: "x" });
    const [first, second] = bars(html);
    const end = Number(first?.x) + Number(first?.width);
    expect(Number(second?.x)).toBeGreaterThan(end);
  });

  it("builds the matching table", () => {
    expect(timeSeriesTable(months, ["Month", "Hours"])).toEqual({
      columns: ["Month", "Hours"],
      rows: months.map((m) => [m.label, m.display]),
    });
    expect(decode(render(TimeSeriesChart, { points: months, label: "x" }))).toContain("Jan 2024");
  });
});
