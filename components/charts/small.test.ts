import { describe, expect, it } from "vitest";
import { ChartSkeleton } from "./chart-skeleton";
import { Sparkline } from "./sparkline";
import { StatTile } from "./stat-tile";
import { chartStyles } from "./styles";
import { attr, count, decode, render, tags } from "./test-utils";

describe("Sparkline", () => {
  it("is decorative without a label and an image with one", () => {
    const hidden = tags(render(Sparkline, { values: [1, 2, 3] }), "svg")[0] ?? "";
    expect(attr(hidden, "aria-hidden")).toBe("true");
    expect(attr(hidden, "role")).toBeUndefined();
    const named = tags(render(Sparkline, { values: [1, 2, 3], label: "Rank from 14 to 3" }), "svg")[0] ?? "";
    expect(attr(named, "role")).toBe("img");
    expect(attr(named, "aria-label")).toBe("Rank from 14 to 3");
  });

  it("scales values into its fixed box, inverted for ranks", () => {
    const html = render(Sparkline, { values: [1, 3, 2], width: 100, height: 20 });
    expect(attr(tags(html, "svg")[0] ?? "", "width")).toBe("100");
    expect(attr(tags(html, "polyline")[0] ?? "", "points")).toBe("2,18 50,2 98,10");
    const inverted = render(Sparkline, { values: [1, 3, 2], width: 100, height: 20, invert: true });
    expect(attr(tags(inverted, "polyline")[0] ?? "", "points")).toBe("2,2 50,18 98,10");
  });

  it("draws a flat line for one point or a flat series and nothing for none", () => {
    expect(attr(tags(render(Sparkline, { values: [5], width: 100, height: 20 }), "polyline")[0] ?? "", "points")).toBe("2,10 98,10");
    expect(attr(tags(render(Sparkline, { values: [4, 4], width: 100, height: 20 }), "polyline")[0] ?? "", "points")).toBe("2,10 98,10");
    const empty = render(Sparkline, { values: [] });
    expect(empty).toContain('width="80" height="24"');
    expect(empty).not.toContain("<polyline");
  });
});

describe("StatTile", () => {
  it("renders label, value and delta as a description list", () => {
    const html = render(StatTile, { label: "Hours listened", value: "1,234", delta: "+12% vs 2023", trend: "up" });
    expect(html).toMatch(/^<dl[^>]*><dt[^>]*>Hours listened<\/dt><dd[^>]*>1,234<\/dd><dd/);
    expect(decode(html)).toContain("Up: +12% vs 2023");
    expect(html).toContain('class="sr-only">Up: </span>');
    expect(count(html, /aria-hidden="true"/)).toBe(1);
  });

  it("sets a unit after the value", () => {
    const html = render(StatTile, { label: "Time played", value: "1,234", unit: "min" });
    expect(decode(html)).toContain("1,234 min");
    // One text node (no React separator comment); `stat-tile` styles the unit smaller.
    expect(html).toContain("<dd>1,234<span> min</span></dd>");
  });

  it("omits the delta when not given", () => {
    const html = render(StatTile, { label: "Plays", value: "42" });
    expect(count(html, /<dd/)).toBe(1);
    expect(html).not.toContain("<svg");
  });
});

describe("ChartSkeleton", () => {
  it("announces loading once and pulses only without reduced motion", () => {
    const html = render(ChartSkeleton, {});
    expect(attr(tags(html, "div")[0] ?? "", "role")).toBe("status");
    expect(html).toContain('<span class="sr-only">Loading chart…</span>');
    expect(html).toContain("animate-pulse");
    expect(count(html, /animate-pulse/)).toBe(count(html, /motion-reduce:animate-none/));
  });

  it("reuses the charts' box classes so the fallback matches the chart's size", () => {
    expect(render(ChartSkeleton, {})).toContain(`class="${chartStyles.figure}"`);
    expect(render(ChartSkeleton, { variant: "time-series" })).toContain(chartStyles.seriesPlot);
    expect(render(ChartSkeleton, { variant: "heatmap" })).toContain(chartStyles.heatPlot);
    expect(render(ChartSkeleton, { variant: "share-bar" })).toContain(chartStyles.shareBar);
    // A list's rows are one element, sized for them (--rows) and drawn by its background.
    const list = render(ChartSkeleton, { variant: "bar-list", rows: 7 });
    expect(count(list, /class="bar-list-skeleton"/g)).toBe(1);
    expect(list).toContain('style="--rows:7"');
    expect(render(ChartSkeleton, { table: false })).not.toContain("rounded-lg border");
    expect(render(ChartSkeleton, { variant: "stat" })).toContain('role="status"');
  });

  it("is a silent shape inside a page's skeleton (announce off): no status region, hidden from readers", () => {
    for (const variant of ["stat", "bar-list", "time-series"] as const) {
      const html = render(ChartSkeleton, { variant, announce: false });
      expect(html).not.toContain('role="status"');
      expect(html).not.toContain("Loading chart");
      expect(attr(tags(html, "div")[0] ?? "", "aria-hidden")).toBe("true");
    }
  });
});
