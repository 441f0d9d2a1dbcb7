import { describe, expect, it } from "vitest";
import { Sparkline } from "./sparkline";
import { StatTile } from "./stat-tile";
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
