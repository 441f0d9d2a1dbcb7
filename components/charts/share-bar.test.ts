import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OKABE_ITO, SHARE_PATTERNS, ShareBar, shareSwatch, shareTable, type ShareItem } from "./share-bar";
import { attr, decode, render, tags } from "./test-utils";

const platforms: ShareItem[] = [
  { label: "iOS", value: 600, display: "60%" },
  { label: "Web", value: 300, display: "30%" },
  { label: "Android", value: 100, display: "10%" },
];

function segments(html: string): string[] {
  return tags(html, "div").filter((tag) => attr(tag, "class")?.startsWith("share-segment"));
}

describe("ShareBar", () => {
  it("renders one labelled bar image with a segment per share", () => {
    const html = render(ShareBar, { items: platforms, labelledBy: "sum" });
    const bar = tags(html, "div").find((tag) => attr(tag, "role") === "img") ?? "";
    expect(attr(bar, "aria-labelledby")).toBe("sum");
    expect(segments(html).map((tag) => /width:([\d.]+%)/.exec(attr(tag, "style") ?? "")?.[1])).toEqual(["60%", "30%", "10%"]);
    expect(segments(html).map((tag) => attr(tag, "title"))).toEqual(["iOS: 60%", "Web: 30%", "Android: 10%"]);
  });

  it("gives each segment an Okabe–Ito colour plus a distinct pattern, and its swatch the same", () => {
    const html = render(ShareBar, { items: platforms, label: "Platforms" });
    const classes = segments(html).map((tag) => attr(tag, "class") ?? "");
    expect(classes).toEqual(["share-segment share-c0 share-p0", "share-segment share-c1 share-p1", "share-segment share-c2 share-p2"]);
    // Swatches in the legend match their segment.
    const swatches = tags(html, "i");
    expect(swatches.map((tag) => attr(tag, "class"))).toEqual(classes.map((name) => name.replace("share-segment", "share-swatch")));
    expect(swatches.every((tag) => attr(tag, "aria-hidden") === "true")).toBe(true);
    // Colours and patterns cycle independently: the ninth segment has the first colour, another pattern.
    expect(shareSwatch(8)).toBe("share-c0 share-p1");
  });

  it("has the stylesheet's colour for every palette entry and a rule for every pattern", () => {
    const css = readFileSync("app/globals.css", "utf8");
    OKABE_ITO.forEach(({ color, ink }, index) => {
      expect(css).toMatch(
        new RegExp(`\\.share-c${index} \\{\\s*--ink: ${ink.replace(/[()/.]/g, "\\$&")};\\s*background-color: ${color};`, "i"),
      );
    });
    expect(css).not.toContain(`.share-c${OKABE_ITO.length} `);
    for (let index = 0; index < SHARE_PATTERNS; index += 1)
      expect(css).toMatch(new RegExp(`\\.share-p${index} \\{\\s*background-image:\\s`));
    expect(css).not.toContain(`.share-p${SHARE_PATTERNS} `);
  });

  it("lists every item with its display value in the legend", () => {
    const html = render(ShareBar, { items: platforms, label: "Platforms" });
    expect(tags(html, "li")).toHaveLength(3);
    expect(decode(/<ul[\s\S]*<\/ul>/.exec(html)?.[0] ?? "")).toBe("iOS60%Web30%Android10%");
  });

  it("rounds shares to 0.1% and skips zero segments", () => {
    const html = render(ShareBar, {
      label: "x",
      items: [
        { label: "A", value: 1, display: "1" },
        { label: "B", value: 2, display: "2" },
        { label: "C", value: 0, display: "0" },
      ],
    });
    expect(segments(html).map((tag) => attr(tag, "style"))).toEqual(["width:33.3%", "width:66.7%"]);
    expect(tags(html, "li")).toHaveLength(3);
  });

  it("renders a single share at full width", () => {
    const html = render(ShareBar, { label: "x", items: [{ label: "Only", value: 5, display: "100%" }] });
    expect(segments(html).map((tag) => attr(tag, "style"))).toEqual(["width:100%"]);
  });

  it("shows the empty text for no items or zero total", () => {
    expect(render(ShareBar, { label: "x", items: [] })).toContain("No plays in this range");
    const html = render(ShareBar, { label: "x", items: [{ label: "A", value: 0, display: "0" }] });
    expect(html).toContain("No plays in this range");
    expect(html).not.toContain('role="img"');
  });

  it("builds the matching table", () => {
    expect(shareTable(platforms, ["Platform", "Share"])).toEqual({
      columns: ["Platform", "Share"],
      rows: [
        ["iOS", "60%"],
        ["Web", "30%"],
        ["Android", "10%"],
      ],
    });
  });
});
